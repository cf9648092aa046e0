// Tells the engine where the cursor came to rest before the user types there (opening a file, a jump, a click),
// so the first suggestion at a new place comes as fast as the next ones. Typing moves the cursor too: an edit
// in the document cancels the word (VS Code reports the edit and the cursor move of a keystroke in either order),
// since the completion request that follows says it all.
import type { CursorSettledParams } from "../engine/protocol";

/** The cursor has rested this long: long enough to skip a cursor passing through, short next to reading code. */
export const restMs = 250;
/** A cursor move this soon after an edit of its document is that edit's. */
const editMoveMs = 50;

export class CursorRest {
    private pending: { uri: string; timer: NodeJS.Timeout } | undefined;
    private lastEdit: { uri: string; at: number } | undefined;

    /** `send` tells the engine; `wanted` says whether completions are on for the document and the engine is ready. */
    constructor(
        private readonly send: (params: CursorSettledParams) => void,
        private readonly wanted: (uri: string) => boolean,
        private readonly delayMs = restMs,
        private readonly now: () => number = Date.now
    ) {}

    /** The cursor of the active editor moved to `position` with nothing selected. */
    moved(uri: string, position: CursorSettledParams["position"]): void {
        this.cancel();
        if (this.lastEdit?.uri === uri && this.now() - this.lastEdit.at < editMoveMs) return;
        if (!this.wanted(uri)) return;
        const timer = setTimeout(() => {
            this.pending = undefined;
            this.send({ textDocument: { uri }, position });
        }, this.delayMs);
        this.pending = { uri, timer };
    }

    /** The document `uri` changed: the cursor moved because the user typed. */
    edited(uri: string): void {
        this.lastEdit = { uri, at: this.now() };
        if (this.pending?.uri === uri) this.cancel();
    }

    dispose(): void {
        this.cancel();
    }

    private cancel(): void {
        clearTimeout(this.pending?.timer);
        this.pending = undefined;
    }
}
