// Makes a sequence's KV cache hold a prompt, evaluating only what it lacks. One rule decides what is reused:
// the common prefix of what the cache holds and the prompt stays, and everything from the first differing
// token on is erased. The rest goes in chunks with an abort check between them, because node-llama-cpp
// cannot interrupt an evaluation in flight, and a yield point where more urgent work may run.
import type { LlamaContextSequence, Token } from "../llama";

/**
 * The most prompt tokens evaluated per call. The completion context's batch is this size too: nothing larger
 * is ever submitted, and a smaller batch reserves a smaller compute buffer (its logits alone are batch ×
 * vocabulary floats).
 */
export const PROMPT_CHUNK_TOKENS = 128;

export interface EvaluateOptions {
    signal: AbortSignal;
    /** Tokens per chunk, at most PROMPT_CHUNK_TOKENS. */
    chunkTokens?: number;
    /** Called before each chunk: a job may let a more urgent one run there. */
    between?(): Promise<void>;
}

/** How many leading tokens of `prompt` a cache holding `cached` keeps: the two sequences' common prefix. */
export function reusablePrefix(cached: readonly Token[], prompt: readonly Token[]): number {
    const length = Math.min(cached.length, prompt.length);
    let i = 0;
    while (i < length && cached[i] === prompt[i]) i++;
    return i;
}

export function throwIfAborted(signal: AbortSignal): void {
    if (signal.aborted) throw signal.reason ?? new Error("aborted");
}

/** Leaves the sequence holding exactly `tokens`; returns how many of them were already there. */
export async function evaluatePrompt(sequence: LlamaContextSequence, tokens: readonly Token[], options: EvaluateOptions): Promise<number> {
    const reused = reusablePrefix(sequence.contextTokens, tokens);
    if (reused < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: reused, end: sequence.nextTokenIndex }]);
    const chunk = Math.min(options.chunkTokens ?? PROMPT_CHUNK_TOKENS, PROMPT_CHUNK_TOKENS);
    for (let start = reused; start < tokens.length; start += chunk) {
        throwIfAborted(options.signal);
        if (options.between) {
            await options.between();
            throwIfAborted(options.signal);
        }
        await sequence.evaluateWithoutGeneratingNewTokens(tokens.slice(start, start + chunk));
    }
    return reused;
}
