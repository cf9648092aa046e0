// Answers hearth/chat/send: fits the conversation into the chat context, has the chat model answer it, and
// streams the answer to the request's callback. The model stands aside for inline completions between
// tokens; a cancel returns what was generated so far.
import type { CancellationToken } from "vscode-languageserver";
import type { Logger } from "../server/log";
import type { ChatDelta, ChatSendParams, ChatSendResult, ChatStopReason, GenerationStats, HearthSettings } from "../protocol";
import { GenerationAbortedError, type ChatModel, type GenerationResult, type InferenceBackend } from "../runtime/inference";
import { parseChatSendParams } from "./chatParams";
import { chatTurnsFor } from "./chatPrompt";
import { fitConversation } from "./conversationFit";

export interface ChatDeps {
    inference: InferenceBackend;
    settings(): HearthSettings;
    log: Logger;
}

/** The part of the context kept free for the answer, at most this share of it. */
const answerShare = 0.25;

function emptyStats(queueMs: number): GenerationStats {
    return { promptTokens: 0, evaluatedTokens: 0, reusedTokens: 0, generatedTokens: 0, queueMs, promptMs: 0, generateMs: 0, pausedMs: 0 };
}

/** The stats of a generation, its wait counted from when the request arrived. */
function statsOf(result: GenerationResult, waitedMs: number): GenerationStats {
    const { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, queueMs, promptMs, generateMs, pausedMs } = result;
    return { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, queueMs: waitedMs + queueMs, promptMs, generateMs, pausedMs };
}

export class ChatService {
    constructor(private readonly deps: ChatDeps) {}

    async send(raw: unknown, token: CancellationToken, delta: (delta: ChatDelta) => void): Promise<ChatSendResult> {
        const received = performance.now();
        const params = parseChatSendParams(raw);
        const settings = this.deps.settings();
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
            const model = await this.deps.inference.chatModel(controller.signal);
            return await this.answer(model, params, settings, controller.signal, received, delta);
        } catch (error) {
            if (controller.signal.aborted) return { text: "", stopReason: "cancelled", stats: emptyStats(performance.now() - received) };
            throw error;
        } finally {
            cancel.dispose();
        }
    }

    private async answer(model: ChatModel, params: ChatSendParams, settings: HearthSettings, signal: AbortSignal, received: number, delta: (delta: ChatDelta) => void): Promise<ChatSendResult> {
        const contextSize = model.contextSize;
        const maxTokens = Math.min(params.maxTokens ?? settings.chat.maxTokens, settings.chat.maxTokens);
        const budget = contextSize - Math.min(maxTokens, Math.floor(contextSize * answerShare));
        const { prompt, truncation } = fitConversation(params.messages, budget, (turns, contextLimit, messageLimit) => {
            const chatTurns = chatTurnsFor(settings.chat.systemPrompt, turns, contextLimit, messageLimit);
            return { turns: chatTurns, length: model.countPromptTokens(chatTurns) };
        });
        if (truncation) delta({ text: "", truncation });

        const limit = Math.min(maxTokens, contextSize - prompt.length);
        let shown = "";
        const show = (visible: string) => {
            if (visible.length <= shown.length || !visible.startsWith(shown)) return;
            delta({ text: visible.slice(shown.length) });
            shown = visible;
        };
        const temperature = settings.chat.temperature;
        const waited = performance.now() - received;
        try {
            const result = await model.generate(prompt.turns, {
                maxTokens: limit,
                sampling: temperature > 0 ? { temperature, topK: 40, topP: 0.95 } : undefined,
                signal,
                priority: "chat",
                onText: (visible) => {
                    show(visible);
                    return false;
                }
            });
            show(result.text);
            return { text: shown, stopReason: this.stopReason(result, limit, maxTokens), truncation, stats: statsOf(result, waited) };
        } catch (error) {
            if (!(error instanceof GenerationAbortedError) || !signal.aborted) throw error;
            return { text: shown, stopReason: "cancelled", truncation, stats: statsOf(error.partial, waited) };
        }
    }

    private stopReason(result: GenerationResult, limit: number, maxTokens: number): ChatStopReason {
        if (result.stop !== "limit") return "end";
        return limit < maxTokens ? "contextFull" : "maxTokens";
    }
}
