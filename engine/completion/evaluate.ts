// Evaluates a prompt on a sequence, reusing what the KV cache already holds, in chunks so that an abort
// takes effect within one chunk (node-llama-cpp does not interrupt a prompt evaluation in flight).
import type { LlamaContextSequence, LlamaModel, Token } from "../llamaRuntime";

export interface GenerationOptions {
    maxTokens: number;
    /** Generate exactly this many tokens, ignoring end-of-generation (benchmarks only). */
    fixedTokens: number;
    signal: AbortSignal;
    /** Prompt tokens evaluated between abort checks: smaller aborts sooner, larger evaluates a little faster. */
    chunkSize?: number;
    /** Called with the text so far after each token; returning true stops generation. */
    shouldStop?(text: string): boolean;
    /** Called between chunks and tokens, where a job may let a more urgent one run. */
    between?(): Promise<void>;
    /** How generated tokens are picked; the likeliest one when absent. */
    sampling?: { temperature: number; topK?: number; topP?: number };
}

export interface GenerationResult {
    text: string;
    promptTokens: number;
    evaluatedTokens: number;
    reusedTokens: number;
    generatedTokens: number;
    promptMs: number;
    generateMs: number;
}

/**
 * Prompt tokens evaluated per call, between abort checks. The completion context's batch is this size too:
 * nothing larger is ever submitted, and a smaller batch reserves a smaller compute buffer (its logits alone
 * are batch × vocabulary floats).
 */
export const PROMPT_CHUNK_TOKENS = 128;

function throwIfAborted(signal: AbortSignal): void {
    if (signal.aborted) throw signal.reason ?? new Error("aborted");
}

/** Makes the sequence hold exactly `prompt` minus its last token, evaluating only what is missing. */
async function evaluatePrompt(sequence: LlamaContextSequence, prompt: Token[], options: GenerationOptions): Promise<number> {
    const head = prompt.slice(0, -1);
    await sequence.adaptStateToTokens(head, true);
    // adaptStateToTokens keeps what follows a matching prefix (such as the previous answer): drop it.
    if (sequence.nextTokenIndex > head.length) await sequence.eraseContextTokenRanges([{ start: head.length, end: sequence.nextTokenIndex }]);
    const reused = sequence.nextTokenIndex;
    const chunkSize = Math.min(options.chunkSize ?? PROMPT_CHUNK_TOKENS, PROMPT_CHUNK_TOKENS);
    for (let start = reused; start < head.length; start += chunkSize) {
        throwIfAborted(options.signal);
        await options.between?.();
        await sequence.evaluateWithoutGeneratingNewTokens(head.slice(start, start + chunkSize));
    }
    return reused;
}

export async function generate(model: LlamaModel, sequence: LlamaContextSequence, prompt: Token[], options: GenerationOptions): Promise<GenerationResult> {
    const started = performance.now();
    const reusedTokens = await evaluatePrompt(sequence, prompt, options);
    throwIfAborted(options.signal);
    const limit = options.fixedTokens > 0 ? options.fixedTokens : options.maxTokens;
    const generated: Token[] = [];
    let text = "";
    let promptDone = 0;
    const iterator = sequence.evaluate(prompt.slice(-1), { temperature: 0, ...options.sampling });
    try {
        for await (const token of iterator) {
            if (promptDone === 0) promptDone = performance.now();
            throwIfAborted(options.signal);
            if (options.fixedTokens === 0 && (model.isEogToken(token) || model.isSpecialToken(token))) break;
            generated.push(token);
            text = model.detokenize(generated);
            if (generated.length >= limit) break;
            if (options.fixedTokens === 0 && options.shouldStop?.(text)) break;
            await options.between?.();
        }
    } finally {
        await iterator.return();
    }
    const finished = performance.now();
    if (promptDone === 0) promptDone = finished;
    return {
        text,
        promptTokens: prompt.length,
        evaluatedTokens: prompt.length - reusedTokens,
        reusedTokens,
        generatedTokens: generated.length,
        promptMs: promptDone - started,
        generateMs: finished - promptDone
    };
}
