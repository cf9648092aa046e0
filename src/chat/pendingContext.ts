// The context attached to the next chat message, shown as chips above the message box. What is attached stays
// attached, message after message, until the user removes it: the chips always show what the next message
// carries. The selection chip follows the editor: a new selection replaces it, and an empty one leaves it as it is.
// A whole file is attached once, however it was asked for (a workspace file, the current file, the open editors).
import type { Attachment } from "./messages";

/** Whether `a` and `b` are the same context: one file's whole text, or the same selection. */
function sameContext(a: Attachment, b: Attachment): boolean {
    if (a.kind === "selection" || b.kind === "selection") return a.id === b.id;
    return a.uri === b.uri;
}

export class PendingContext {
    private items: Attachment[] = [];
    /** A selection the user removed: it is not attached again until the editor's selection changes. */
    private dismissed: string | undefined;

    get attachments(): readonly Attachment[] {
        return this.items;
    }

    /** Attaches `attachment` unless the same context already is; says whether it was added. */
    attach(attachment: Attachment): boolean {
        if (attachment.kind === "selection") return this.replaceSelection(attachment);
        if (this.items.some((a) => sameContext(a, attachment))) return false;
        this.items = [...this.items, attachment];
        return true;
    }

    /** The editor's selection changed to `selection` (undefined: nothing is selected); says whether the chips changed. */
    followSelection(selection: Attachment | undefined): boolean {
        if (!selection) {
            this.dismissed = undefined;
            return false;
        }
        if (selection.id === this.dismissed) return false;
        return this.replaceSelection(selection);
    }

    remove(id: string): void {
        const removed = this.items.find((a) => a.id === id);
        if (removed?.kind === "selection") this.dismissed = id;
        this.items = this.items.filter((a) => a.id !== id);
    }

    /** There is one selection chip, first: `selection` takes its place. */
    private replaceSelection(selection: Attachment): boolean {
        if (this.items.some((a) => a.id === selection.id)) return false;
        this.dismissed = undefined;
        this.items = [selection, ...this.items.filter((a) => a.kind !== "selection")];
        return true;
    }
}
