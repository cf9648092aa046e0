// Answers hearth/chat/send: fits the conversation into the chat context, renders it with the model's own
// template, evaluates only what the KV cache lacks, and streams the answer to the request's callback.
// Between tokens the chat stands aside for inline completions; a cancel returns what was generated so far.
import type { CancellationToken } from "vscode-languageserver";
import { generate } from "../completion/evaluate";
import type { Logger } from "../log";
import type { ModelHost } from "../modelHost";
import type { ChatDelta, ChatSendParams, ChatSendResult, ChatStopReason, GenerationStats, HearthSettings } from "../protocol";
import { Priority, type ModelScheduler, type Slot } from "../scheduler";
import { AnswerStream } from "./answerStream";
import { ChatModels, type ChatModel } from "./chatModels";
import { parseChatSendParams } from "./chatParams";
import { chatHistoryFor } from "./chatPrompt";
import { ChatSession, sharedPrefixLength } from "./chatSession";
import { fitConversation } from "./conversationFit";

export interface ChatDeps {
    host: ModelHost;
    scheduler: ModelScheduler;
    settings(): HearthSettings;
    log: Logger;
}

/** The part of the context kept free for the answer, at most this share of it. */
const answerShare = 0.25;

/** Stop triggers that are plain text; those made of special tokens end generation as special tokens already. */
function textStops(triggers: ReadonlyArray<{ values: readonly unknown[] }>): string[] {
    return triggers.filter((t) => t.values.length > 0 && t.values.every((v) => typeof v === "string")).map((t) => t.values.join(""));
}

function emptyStats(queueMs: number): GenerationStats {
    return { promptTokens: 0, evaluatedTokens: 0, reusedTokens: 0, generatedTokens: 0, queueMs, promptMs: 0, generateMs: 0, pausedMs: 0 };
}

export class ChatService {
    private readonly models: ChatModels;
    private readonly session: ChatSession;

    constructor(private readonly deps: ChatDeps) {
        this.models = new ChatModels(deps.host, deps.log);
        this.session = new ChatSession(deps.log);
    }

    async send(raw: unknown, token: CancellationToken, delta: (delta: ChatDelta) => void): Promise<ChatSendResult> {
        const received = performance.now();
        const params = parseChatSendParams(raw);
        const settings = this.deps.settings();
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        let release: () => void = () => undefined;
        try {
            const lease = await this.models.acquire(settings, controller.signal);
            release = lease.release;
            return await this.deps.scheduler.run(Priority.chat, controller.signal, (slot) =>
                this.answer(slot, lease.chat, params, settings, controller.signal, performance.now() - received, delta)
            );
        } catch (error) {
            if (controller.signal.aborted) return { text: "", stopReason: "cancelled", stats: emptyStats(performance.now() - received) };
            throw error;
        } finally {
            cancel.dispose();
            release();
        }
    }

    async dispose(): Promise<void> {
        await this.session.dispose();
        await this.models.dispose();
    }

    private async answer(slot: Slot, chat: ChatModel, params: ChatSendParams, settings: HearthSettings, signal: AbortSignal, queueMs: number, delta: (delta: ChatDelta) => void): Promise<ChatSendResult> {
        const state = await this.session.prepare(chat, settings.chat.contextSize);
        const contextSize = state.context.contextSize;
        const maxTokens = Math.min(params.maxTokens ?? settings.chat.maxTokens, settings.chat.maxTokens);
        const budget = contextSize - Math.min(maxTokens, Math.floor(contextSize * answerShare));

        let stopTexts: string[] = [];
        const { prompt, truncation } = fitConversation(params.messages, budget, (turns, contextLimit, messageLimit) => {
            const rendered = state.wrapper.generateContextState({ chatHistory: chatHistoryFor(settings.chat.systemPrompt, turns, contextLimit, messageLimit) });
            stopTexts = textStops(rendered.stopGenerationTriggers);
            return rendered.contextText.tokenize(chat.model.tokenizer);
        });
        if (truncation) delta({ text: "", truncation });

        const limit = Math.min(maxTokens, contextSize - prompt.length);
        const stream = new AnswerStream(stopTexts);
        const reused = sharedPrefixLength(state.sequence.contextTokens, prompt.slice(0, -1));
        const started = performance.now();
        let firstToken = 0;
        let generated = 0;
        let pausedMs = 0;
        const temperature = settings.chat.temperature;
        try {
            const result = await generate(chat.model, state.sequence, prompt, {
                maxTokens: limit,
                fixedTokens: 0,
                signal,
                sampling: temperature > 0 ? { temperature, topK: 40, topP: 0.95 } : undefined,
                between: async () => {
                    const paused = performance.now();
                    await slot.yieldToHigher();
                    pausedMs += performance.now() - paused;
                },
                shouldStop: (text) => {
                    if (generated++ === 0) firstToken = performance.now();
                    const piece = stream.next(text);
                    if (piece !== "") delta({ text: piece });
                    return stream.stopped;
                }
            });
            const rest = stream.finish(result.text);
            if (rest !== "") delta({ text: rest });
            const { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, promptMs, generateMs } = result;
            const stats: GenerationStats = { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, queueMs, promptMs, generateMs, pausedMs };
            return { text: stream.text, stopReason: this.stopReason(stream, generatedTokens, limit, maxTokens), truncation, stats };
        } catch (error) {
            if (!signal.aborted) throw error;
            const now = performance.now();
            const promptDone = firstToken || now;
            const stats: GenerationStats = {
                promptTokens: prompt.length,
                evaluatedTokens: prompt.length - reused,
                reusedTokens: reused,
                generatedTokens: generated,
                queueMs,
                promptMs: promptDone - started,
                generateMs: now - promptDone,
                pausedMs
            };
            return { text: stream.text, stopReason: "cancelled", truncation, stats };
        }
    }

    private stopReason(stream: AnswerStream, generated: number, limit: number, maxTokens: number): ChatStopReason {
        if (stream.stopped || generated < limit) return "end";
        return limit < maxTokens ? "contextFull" : "maxTokens";
    }
}
