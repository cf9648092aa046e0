// Inline completion is LSP's own `textDocument/inlineCompletion`; Hearth adds what each answer cost.
import { NotificationType } from "vscode-languageserver-protocol";

export interface CompletionStats {
    /** Tokens in the prompt that was laid out for this completion. */
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
    /** True when the answer came from a cache with no model work. */
    cacheHit: boolean;
}

/** Sent by the engine after each inline completion it answers. */
export namespace CompletionStatsNotification {
    export const method = "hearth/completionStats" as const;
    export const type = new NotificationType<CompletionStats>(method);
}
