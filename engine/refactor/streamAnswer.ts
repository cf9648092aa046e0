// Evaluates a chat prompt on a sequence and generates the answer token by token, reporting the text as it
// grows. The prompt goes in chunks with an abort check between them (node-llama-cpp cannot interrupt a prompt
// evaluation in flight), and between chunks and tokens more urgent jobs (inline completions) may run.
import { StopTextScanner } from "../generation/stopTexts";
import type { LlamaContextSequence, LlamaModel, Token } from "../llamaRuntime";

export interface StreamOptions {
    /** The most tokens to generate. */
    limit: number;
    /** Keep generating past end-of-text tokens (tests and benchmarks). */
    ignoreEndOfText: boolean;
    signal: AbortSignal;
    /** Texts that end the answer when the model writes them out as plain text. */
    stopTexts: readonly string[];
    /** Prompt tokens evaluated between abort checks. */
    chunkSize?: number;
    between(): Promise<void>;
    /** The answer so far, each time it grows; returning true ends the answer there. */
    onText(text: string): boolean;
}

export type StreamStop = "end" | "callback" | "limit";

export interface StreamedAnswer {
    text: string;
    generatedTokens: number;
    reusedTokens: number;
    stop: StreamStop;
}

function throwIfAborted(signal: AbortSignal): void {
    if (signal.aborted) throw signal.reason ?? new Error("aborted");
}

async function evaluatePrompt(sequence: LlamaContextSequence, prompt: Token[], options: StreamOptions): Promise<number> {
    const head = prompt.slice(0, -1);
    await sequence.adaptStateToTokens(head, true);
    // Once every token of `head` is matched, adaptStateToTokens keeps whatever follows (the previous answer);
    // left there, the new answer would continue after it.
    const { firstDifferentIndex } = sequence.compareContextTokens(head);
    if (firstDifferentIndex < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: firstDifferentIndex, end: sequence.nextTokenIndex }]);
    const reused = sequence.nextTokenIndex;
    const chunkSize = options.chunkSize ?? 128;
    for (let start = reused; start < head.length; start += chunkSize) {
        throwIfAborted(options.signal);
        await options.between();
        await sequence.evaluateWithoutGeneratingNewTokens(head.slice(start, start + chunkSize));
    }
    return reused;
}

export async function streamAnswer(model: LlamaModel, sequence: LlamaContextSequence, prompt: Token[], options: StreamOptions): Promise<StreamedAnswer> {
    const reusedTokens = await evaluatePrompt(sequence, prompt, options);
    throwIfAborted(options.signal);
    const generated: Token[] = [];
    let text = "";
    let reported = "";
    const scanner = new StopTextScanner(options.ignoreEndOfText ? [] : options.stopTexts);
    let stop: StreamStop = "limit";
    const iterator = sequence.evaluate(prompt.slice(-1), { temperature: 0 });
    try {
        for await (const token of iterator) {
            throwIfAborted(options.signal);
            const control = model.isEogToken(token) || model.isSpecialToken(token);
            if (control && !options.ignoreEndOfText) {
                stop = "end";
                break;
            }
            generated.push(token);
            text = model.detokenize(generated);
            const { visible, stopped } = scanner.scan(text);
            if (stopped) {
                text = visible;
                stop = "end";
                break;
            }
            if (visible !== reported) {
                reported = visible;
                if (options.onText(visible)) {
                    text = visible;
                    stop = "callback";
                    break;
                }
            }
            if (generated.length >= options.limit) break;
            await options.between();
        }
    } finally {
        await iterator.return();
    }
    return { text, generatedTokens: generated.length, reusedTokens, stop };
}
