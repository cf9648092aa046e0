// Where the user writes: the message box, the chips of attached context, and the send and stop buttons.
// Enter sends, Shift+Enter starts a new line, Escape stops an answer (or cancels an edit), ↑ and ↓ walk through
// the questions already asked, "/" opens the slash command menu, and "@" at the start of a word opens the file
// picker; a file picked there takes the "@"'s place as a chip.
import type { Attachment, FromWebview } from "../../../src/chat/messages";
import { PromptHistory } from "./promptHistory";
import { SlashMenu } from "./slashMenu";

const draftDelayMs = 300;

export interface ComposerElements {
    input: HTMLTextAreaElement;
    send: HTMLButtonElement;
    stop: HTMLButtonElement;
    attachments: HTMLElement;
    status: HTMLElement;
    /** The slash command menu. */
    menu: HTMLElement;
    /** The line that says the box holds an edit of the last question. */
    editing: HTMLElement;
}

export class Composer {
    private busy = false;
    private draftTimer: ReturnType<typeof setTimeout> | undefined;
    /** Where the "@" that opened the file picker is, until the picker closes. */
    private mentionAt: number | undefined;
    /** The question being edited, and what was in the box before. */
    private edit: { messageId: string; saved: string } | undefined;
    private readonly history = new PromptHistory();
    private readonly menu: SlashMenu;

    constructor(private readonly elements: ComposerElements, private readonly post: (message: FromWebview) => void) {
        const { input, send, stop } = elements;
        this.menu = new SlashMenu(elements.menu, input, (name) => this.setText(`/${name} `));
        input.addEventListener("keydown", (event) => this.onKey(event));
        input.addEventListener("input", () => {
            this.history.stop();
            this.menu.update(input.value);
            this.draftChanged();
        });
        send.addEventListener("click", () => this.submit());
        stop.addEventListener("click", () => this.post({ type: "stop" }));
        elements.attachments.addEventListener("click", (event) => {
            const button = (event.target as Element).closest("button[data-attachment-id]");
            const id = button?.getAttribute("data-attachment-id");
            if (id) this.post({ type: "removeAttachment", id });
        });
    }

    setBusy(busy: boolean): void {
        this.busy = busy;
        this.elements.stop.hidden = !busy;
        this.elements.send.disabled = busy;
        this.elements.status.textContent = busy ? "Hearth is answering. Escape stops it." : "";
    }

    /** The conversation's questions, oldest first, for ↑ and ↓; an edit of a question that is no longer the last ends. */
    setQuestions(questions: ReadonlyArray<{ id: string; text: string }>): void {
        this.history.setPrompts(questions.map((q) => q.text));
        if (this.edit && questions.at(-1)?.id !== this.edit.messageId) this.cancelEdit();
    }

    /** Puts the stored draft in the box, unless the user is already typing something. */
    restoreDraft(draft: string): void {
        if (this.elements.input.value === "" && !this.edit) this.elements.input.value = draft;
    }

    /** A message that was not sent comes back to the box, unless the user has typed something since. */
    restoreInput(text: string): void {
        if (this.elements.input.value === "") this.setText(text);
    }

    focus(): void {
        this.elements.input.focus();
    }

    showStatus(text: string): void {
        this.elements.status.textContent = text;
    }

    /** Puts the last question in the box to be edited and sent again. */
    startEdit(messageId: string, text: string): void {
        if (this.busy) return;
        this.edit = { messageId, saved: this.edit?.saved ?? this.elements.input.value };
        this.elements.editing.hidden = false;
        this.setText(text);
    }

    /** The file picker that "@" opened has closed: a picked file is a chip now, so the "@" goes. */
    mentionResolved(attached: boolean): void {
        const at = this.mentionAt;
        this.mentionAt = undefined;
        const { input } = this.elements;
        if (!attached || at === undefined || input.value[at] !== "@") return;
        input.value = input.value.slice(0, at) + input.value.slice(at + 1);
        input.setSelectionRange(at, at);
        this.draftChanged();
    }

    showAttachments(attachments: readonly Attachment[]): void {
        const document = this.elements.attachments.ownerDocument;
        const chips = attachments.map((attachment) => {
            const chip = document.createElement("div");
            chip.className = `chip ${attachment.kind}`;
            chip.setAttribute("role", "listitem");
            chip.title = attachment.source;
            const label = document.createElement("span");
            label.className = "chip-label";
            label.textContent = attachment.label;
            chip.append(label);
            const remove = document.createElement("button");
            remove.type = "button";
            remove.className = "chip-remove";
            remove.dataset.attachmentId = attachment.id;
            remove.setAttribute("aria-label", `Remove ${attachment.label} from the message`);
            remove.textContent = "×";
            chip.append(remove);
            return chip;
        });
        this.elements.attachments.replaceChildren(...chips);
        this.elements.attachments.hidden = chips.length === 0;
    }

    private onKey(event: KeyboardEvent): void {
        if (event.isComposing || this.menu.handleKey(event)) return;
        if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            this.submit();
        } else if (event.key === "Escape" && this.edit) {
            event.preventDefault();
            event.stopPropagation();
            this.cancelEdit();
        } else if ((event.key === "ArrowUp" || event.key === "ArrowDown") && !event.shiftKey && !event.altKey) {
            this.recall(event);
        } else if (event.key === "@" && this.atWordStart()) {
            this.mentionAt = this.elements.input.selectionStart ?? this.elements.input.value.length;
            this.post({ type: "addContext", what: "mention" });
        }
    }

    /** ↑ on the first line of an empty box (or of a recalled question) and ↓ on the last line walk the history. */
    private recall(event: KeyboardEvent): void {
        const { value, selectionStart, selectionEnd } = this.elements.input;
        const caret = selectionStart ?? 0;
        if (caret !== selectionEnd) return;
        const up = event.key === "ArrowUp";
        const onEdge = up ? !value.slice(0, caret).includes("\n") : !value.slice(caret).includes("\n");
        if (!onEdge || (up && value !== "" && !this.history.walking)) return;
        const text = up ? this.history.previous(value) : this.history.next();
        if (text === undefined) return;
        event.preventDefault();
        this.setText(text);
    }

    private submit(): void {
        const text = this.elements.input.value;
        if (this.busy || text.trim() === "") return;
        if (this.edit) {
            this.post({ type: "resend", messageId: this.edit.messageId, text });
            this.cancelEdit();
        } else {
            this.post({ type: "send", text });
            this.setText("");
        }
        this.menu.close();
        if (this.draftTimer) clearTimeout(this.draftTimer);
        this.draftTimer = undefined;
    }

    private cancelEdit(): void {
        const saved = this.edit?.saved ?? "";
        this.edit = undefined;
        this.elements.editing.hidden = true;
        this.setText(saved);
    }

    /** Replaces the box's text, the caret at its end. */
    private setText(text: string): void {
        const { input } = this.elements;
        input.value = text;
        input.setSelectionRange(text.length, text.length);
        input.focus();
        this.menu.update(text);
    }

    private atWordStart(): boolean {
        const { value, selectionStart } = this.elements.input;
        const before = value.slice(0, selectionStart ?? value.length);
        return before === "" || /\s$/.test(before);
    }

    private draftChanged(): void {
        if (this.draftTimer) clearTimeout(this.draftTimer);
        this.draftTimer = setTimeout(() => {
            this.draftTimer = undefined;
            this.post({ type: "draft", text: this.elements.input.value });
        }, draftDelayMs);
    }
}
