// Inline completion is LSP's own `textDocument/inlineCompletion`; Hearth adds what each answer cost, and a word
// from the editor about where the cursor came to rest.
import { NotificationType, type Position } from "vscode-languageserver-protocol";
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

export interface CursorSettledParams {
    textDocument: { uri: string };
    position: Position;
}

/**
 * Sent by the editor when the cursor comes to rest somewhere the user has not typed yet (opening a file, a jump,
 * a click), so the engine prepares that place's prompt before the first keystroke there. Optional: an editor
 * that never sends it gets the same answers, the first one a little later.
 */
export namespace DidSettleCursorNotification {
    export const method = "hearth/cursor/didSettle" as const;
    export const type = new NotificationType<CursorSettledParams>(method);
}
