// The one generation loop on a local sequence: evaluates the prompt (reusing the KV cache), then generates
// token by token until the model ends its answer, writes a stop text, the caller's onText says stop, or the
// token limit is reached. Completion, chat and refactor all generate through it.
import { StopTextScanner } from "../../generation/stopTexts";
import { GenerationAbortedError, type GenerateOptions, type GenerationResult, type StopReason } from "../inference";
import type { LlamaContextSequence, LlamaModel, Token } from "../llama";
import { evaluatePrompt, throwIfAborted } from "./evaluatePrompt";

export interface TokenGeneration extends Omit<GenerateOptions, "priority"> {
    /** Time already spent waiting for the model, reported with the result. */
    queueMs: number;
    /** Called between prompt chunks and between tokens: a job may let a more urgent one run there. */
    between?(): Promise<void>;
}

/** Generates after `prompt` on `sequence`; rejects with GenerationAbortedError when the signal aborts. */
export async function generateTokens(model: LlamaModel, sequence: LlamaContextSequence, prompt: readonly Token[], options: TokenGeneration): Promise<GenerationResult> {
    const run = new Run(prompt.length, options);
    try {
        return await run.generate(model, sequence, prompt);
    } catch (error) {
        if (options.signal.aborted) throw new GenerationAbortedError(options.signal.reason, run.result("limit", false));
        throw error;
    }
}

/** One generation's progress, so that an abort can still report what was done. */
class Run {
    private readonly started = performance.now();
    private promptDone = 0;
    private reused = 0;
    private pausedMs = 0;
    private readonly generated: Token[] = [];
    private text = "";
    private readonly scanner: StopTextScanner;

    constructor(private readonly promptTokens: number, private readonly options: TokenGeneration) {
        this.scanner = new StopTextScanner(options.ignoreEndOfText ? [] : (options.stopTexts ?? []));
    }

    async generate(model: LlamaModel, sequence: LlamaContextSequence, prompt: readonly Token[]): Promise<GenerationResult> {
        const { signal } = this.options;
        const between = this.options.between ? () => this.pause() : undefined;
        // The last prompt token is evaluated by the generating call, which yields the first new token.
        this.reused = await evaluatePrompt(sequence, prompt.slice(0, -1), { signal, chunkTokens: this.options.chunkTokens, between });
        throwIfAborted(signal);
        let reported = "";
        let stop: StopReason = "limit";
        const iterator = sequence.evaluate(prompt.slice(-1), { temperature: 0, ...this.options.sampling });
        try {
            for await (const token of iterator) {
                if (this.promptDone === 0) this.promptDone = performance.now();
                throwIfAborted(signal);
                if (!this.options.ignoreEndOfText && (model.isEogToken(token) || model.isSpecialToken(token))) {
                    stop = "end";
                    break;
                }
                this.generated.push(token);
                this.text = model.detokenize(this.generated);
                const { visible, stopped } = this.scanner.scan(this.text);
                if (stopped) {
                    stop = "stopText";
                    break;
                }
                if (visible !== reported) {
                    reported = visible;
                    if (this.options.onText?.(visible)) {
                        this.text = visible;
                        stop = "callback";
                        break;
                    }
                }
                if (this.generated.length >= this.options.maxTokens) break;
                if (between) await between();
            }
        } finally {
            await iterator.return();
        }
        return this.result(stop);
    }

    /** `finished` false: cut short, so the text is what could be shown by then. */
    result(stop: StopReason, finished = true): GenerationResult {
        const now = performance.now();
        const promptDone = this.promptDone || now;
        const text = stop === "callback" ? this.text : finished ? this.scanner.finish(this.text) : this.scanner.scan(this.text).visible;
        return {
            text,
            stop,
            promptTokens: this.promptTokens,
            evaluatedTokens: this.promptTokens - this.reused,
            reusedTokens: this.reused,
            generatedTokens: this.generated.length,
            queueMs: this.options.queueMs,
            promptMs: promptDone - this.started,
            generateMs: now - promptDone,
            pausedMs: this.pausedMs
        };
    }

    private async pause(): Promise<void> {
        const paused = performance.now();
        await this.options.between!();
        this.pausedMs += performance.now() - paused;
        throwIfAborted(this.options.signal);
    }
}
