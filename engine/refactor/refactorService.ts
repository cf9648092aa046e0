// Answers `hearth/refactor/run`: builds the command's prompt, fits it to the context window, and streams
// the model's answer as deltas to the request's callback. It runs at chat priority, so inline completions
// pre-empt it between tokens.
import type { CancellationToken } from "vscode-languageserver";
import { debugKnobs } from "../debugKnobs";
import type { Logger } from "../log";
import type { ModelHost } from "../modelHost";
import type { RefactorDelta, RefactorFinishReason, RefactorResult } from "../protocol";
import { Priority, type ModelScheduler } from "../scheduler";
import { DeltaStream } from "./deltaStream";
import { fitPrompt } from "./fitPrompt";
import { refactorPrompt } from "./prompts";
import { RefactorContext } from "./refactorContext";
import { parseRefactorParams } from "./refactorRequest";
import { streamAnswer } from "./streamAnswer";

export interface RefactorServiceDeps {
    host: ModelHost;
    scheduler: ModelScheduler;
    log: Logger;
}

export class RefactorService {
    private readonly context: RefactorContext;

    constructor(private readonly deps: RefactorServiceDeps) {
        this.context = new RefactorContext(deps.log);
    }

    async run(raw: unknown, token: CancellationToken, delta: (delta: RefactorDelta) => void): Promise<RefactorResult> {
        const params = parseRefactorParams(raw);
        const abort = new AbortController();
        const cancellation = token.onCancellationRequested(() => abort.abort());
        if (token.isCancellationRequested) abort.abort();
        const started = performance.now();
        try {
            const loaded = await this.deps.host.whenReady(abort.signal);
            return await this.deps.scheduler.run(Priority.chat, abort.signal, async (slot) => {
                const { sequence, renderer, contextSize } = await this.context.acquire(loaded);
                try {
                    const fitted = fitPrompt(params, {
                        contextSize,
                        codeTokens: loaded.model.tokenize(params.code).length,
                        countTokens: (parts) => renderer.count(refactorPrompt(params, parts))
                    });
                    const prompt = refactorPrompt(params, fitted.parts);
                    const rendered = renderer.render(prompt);
                    const stream = new DeltaStream(prompt.answerPrefix, delta);
                    // An answer Hearth opened with a fence is complete once the model closes it.
                    const stopsAtFence = prompt.answerPrefix !== "";
                    const answer = await streamAnswer(loaded.model, sequence, rendered.tokens, {
                        limit: fitted.generationLimit,
                        ignoreEndOfText: debugKnobs().refactorIgnoresEndOfText,
                        signal: abort.signal,
                        stopTexts: rendered.stopTexts,
                        between: () => slot.yieldToHigher(),
                        onText: (text) => {
                            const extracted = stream.update(text);
                            return stopsAtFence && extracted.fenced && extracted.closed;
                        }
                    });
                    const extracted = stream.update(answer.text, true);
                    const finishReason: RefactorFinishReason = answer.stop === "callback" ? "closedFence" : answer.stop === "end" ? "end" : "maxTokens";
                    this.deps.log.info(
                        `refactor ${params.command}: ${rendered.tokens.length} prompt tokens (${answer.reusedTokens} reused, ${fitted.omittedLines} context lines left out), ` +
                            `${answer.generatedTokens} generated, ${finishReason}, ${Math.round(performance.now() - started)} ms`
                    );
                    return {
                        text: prompt.answerPrefix + answer.text,
                        code: extracted.code,
                        finishReason,
                        promptTokens: rendered.tokens.length,
                        generatedTokens: answer.generatedTokens,
                        omittedLines: fitted.omittedLines
                    };
                } finally {
                    this.context.release();
                }
            });
        } finally {
            cancellation.dispose();
        }
    }

    dispose(): Promise<void> {
        return this.context.dispose();
    }
}
