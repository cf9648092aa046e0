// Makes a sequence's KV cache hold a prompt, evaluating only what it lacks. One rule decides what is reused:
// node-llama-cpp aligns the cache with the prompt, keeping the cached tokens that still match it in order
// (a stretch that no longer matches is erased and what follows is shifted into place, as llama.cpp's cache
// reuse does), and everything from the first token that differs from the prompt on is erased. The rest is
// evaluated in chunks with an abort check between them, because node-llama-cpp cannot interrupt an
// evaluation in flight, and a yield point where more urgent work may run.
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

export function throwIfAborted(signal: AbortSignal): void {
    if (signal.aborted) throw signal.reason ?? new Error("aborted");
}

/** Leaves the cache holding the longest start of `tokens` it can keep, and nothing after it; returns its length. */
export async function reuseCache(sequence: LlamaContextSequence, tokens: readonly Token[]): Promise<number> {
    await sequence.adaptStateToTokens([...tokens], true);
    // Once every token of the prompt is matched, what followed it (such as a previous answer) is still there.
    const { firstDifferentIndex } = sequence.compareContextTokens([...tokens]);
    if (firstDifferentIndex < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: firstDifferentIndex, end: sequence.nextTokenIndex }]);
    return sequence.nextTokenIndex;
}

/** Leaves the sequence holding exactly `tokens`; returns how many of them were already there. */
export async function evaluatePrompt(sequence: LlamaContextSequence, tokens: readonly Token[], options: EvaluateOptions): Promise<number> {
    const reused = await reuseCache(sequence, tokens);
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
