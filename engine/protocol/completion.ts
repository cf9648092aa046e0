// Inline completion is LSP's own `textDocument/inlineCompletion`; Hearth adds what each answer cost.
import { NotificationType } from "vscode-languageserver-protocol";
import type { GenerationStats } from "./generation";

export interface CompletionStats extends GenerationStats {
    /** True when the answer came from a cache with no model work. */
    cacheHit: boolean;
}

/** Sent by the engine after each inline completion it answers, from its cache or from the model. */
export namespace DidFinishCompletionNotification {
    export const method = "hearth/completion/didFinish" as const;
    export const type = new NotificationType<CompletionStats>(method);
}
