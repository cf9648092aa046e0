// What one generation cost: inline completions, chat answers.

export interface GenerationStats {
    /** Tokens in the prompt that was laid out for this generation. */
    promptTokens: number;
    /** Prompt tokens that had to be evaluated (not already in the KV cache). */
    evaluatedTokens: number;
    /** Prompt tokens reused from the KV cache. */
    reusedTokens: number;
    generatedTokens: number;
    /** Time waiting for the model to be free. */
    queueMs: number;
    promptMs: number;
    generateMs: number;
    /** Time it stood aside so inline completions could run (already counted in promptMs and generateMs); 0 for a completion. */
    pausedMs: number;
}
