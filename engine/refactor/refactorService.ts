// Answers `hearth/refactor/run`: builds the command's prompt, fits it to the chat context, and streams the
// chat model's answer as deltas to the request's callback. It runs at chat priority, so inline completions
// pre-empt it between tokens.
import type { CancellationToken } from "vscode-languageserver";
import { debugKnobs } from "../server/debugKnobs";
import type { Logger } from "../server/log";
import type { RefactorDelta, RefactorFinishReason, RefactorParams, RefactorResult } from "../protocol";
import type { ChatModel, ChatTurnText, InferenceBackend, StopReason } from "../runtime/inference";
import { DeltaStream } from "./deltaStream";
import { fitPrompt } from "./fitPrompt";
import { refactorPrompt, type RefactorPrompt } from "./prompts";
import { parseRefactorParams } from "./refactorRequest";

export interface RefactorServiceDeps {
    inference: InferenceBackend;
    log: Logger;
}

function turnsOf(prompt: RefactorPrompt): ChatTurnText[] {
    return [
        { role: "system", text: prompt.system },
        { role: "user", text: prompt.user }
    ];
}

function finishReasonOf(stop: StopReason): RefactorFinishReason {
    // An answer Hearth opened with a fence stops by callback once the model closes it.
    if (stop === "callback") return "closedFence";
    return stop === "limit" ? "maxTokens" : "end";
}

export class RefactorService {
    constructor(private readonly deps: RefactorServiceDeps) {}

    async run(raw: unknown, token: CancellationToken, delta: (delta: RefactorDelta) => void): Promise<RefactorResult> {
        const params = parseRefactorParams(raw);
        const abort = new AbortController();
        const cancellation = token.onCancellationRequested(() => abort.abort());
        if (token.isCancellationRequested) abort.abort();
        const started = performance.now();
        try {
            const model = await this.deps.inference.chatModel(abort.signal);
            return await this.answer(model, params, abort.signal, started, delta);
        } finally {
            cancellation.dispose();
        }
    }

    private async answer(model: ChatModel, params: RefactorParams, signal: AbortSignal, started: number, delta: (delta: RefactorDelta) => void): Promise<RefactorResult> {
        const fitted = fitPrompt(params, {
            contextSize: model.contextSize,
            codeTokens: model.countTokens(params.code),
            countTokens: (parts) => {
                const prompt = refactorPrompt(params, parts);
                return model.countPromptTokens(turnsOf(prompt), prompt.answerPrefix);
            }
        });
        const prompt = refactorPrompt(params, fitted.parts);
        const stream = new DeltaStream(prompt.answerPrefix, delta);
        const stopsAtFence = prompt.answerPrefix !== "";
        const answer = await model.generate(turnsOf(prompt), {
            answerPrefix: prompt.answerPrefix,
            maxTokens: fitted.generationLimit,
            ignoreEndOfText: debugKnobs().refactorIgnoresEndOfText,
            signal,
            priority: "chat",
            onText: (text) => {
                const extracted = stream.update(text);
                return stopsAtFence && extracted.fenced && extracted.closed;
            }
        });
        const extracted = stream.update(answer.text, true);
        const finishReason = finishReasonOf(answer.stop);
        this.deps.log.info(
            `refactor ${params.command}: ${answer.promptTokens} prompt tokens (${answer.reusedTokens} reused, ${fitted.omittedLines} context lines left out), ` +
                `${answer.generatedTokens} generated, ${finishReason}, ${Math.round(performance.now() - started)} ms`
        );
        return {
            text: prompt.answerPrefix + answer.text,
            code: extracted.code,
            finishReason,
            promptTokens: answer.promptTokens,
            generatedTokens: answer.generatedTokens,
            omittedLines: fitted.omittedLines
        };
    }
}
