// Where the user writes: the message box, the chips of attached context, and the send and stop buttons.
// Enter sends, Shift+Enter starts a new line, Escape stops an answer, @ at the start of a word attaches a file.
import type { Attachment, FromWebview } from "../../../src/chat/messages";

const draftDelayMs = 300;

export interface ComposerElements {
    input: HTMLTextAreaElement;
    send: HTMLButtonElement;
    stop: HTMLButtonElement;
    attachments: HTMLElement;
    status: HTMLElement;
}

export class Composer {
    private busy = false;
    private draftTimer: ReturnType<typeof setTimeout> | undefined;

    constructor(private readonly elements: ComposerElements, private readonly post: (message: FromWebview) => void) {
        const { input, send, stop } = elements;
        input.addEventListener("keydown", (event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                this.submit();
            } else if (event.key === "@" && this.atWordStart()) {
                this.post({ type: "addContext", what: "workspaceFile" });
            }
        });
        input.addEventListener("input", () => this.draftChanged());
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

    /** Puts the stored draft in the box, unless the user is already typing something. */
    restoreDraft(draft: string): void {
        if (this.elements.input.value === "") this.elements.input.value = draft;
    }

    focus(): void {
        this.elements.input.focus();
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

    private submit(): void {
        const text = this.elements.input.value;
        if (this.busy || text.trim() === "") return;
        this.post({ type: "send", text });
        this.elements.input.value = "";
        if (this.draftTimer) clearTimeout(this.draftTimer);
        this.draftTimer = undefined;
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
