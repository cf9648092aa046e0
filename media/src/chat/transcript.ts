// The conversation in the panel. Everything but an answer's markdown is built as DOM nodes with textContent;
// answers go through the sanitising renderer. While an answer streams it is re-rendered at most every few
// frames, less often as it grows, so a long answer does not stall the view. While nothing streams, the last
// question can be edited and sent again, and the last answer asked for again.
import type { Attachment, ChatMessage, Conversation } from "../../../src/chat/messages";
import type { MarkdownRenderer } from "./markdown";

export type Schedule = (callback: () => void, delayMs: number) => void;

/** What a message's action buttons ask for (`data-message-action`). */
export type MessageAction = "edit" | "retry";

/** The line under an answer that did not end normally; an error shows its own message instead. */
function statusText(message: ChatMessage): string | undefined {
    const kept = message.text === "" ? "" : " What arrived is kept.";
    switch (message.status) {
        case "streaming":
            return "Hearth is answering…";
        case "stopped":
            return `Stopped.${kept}`;
        case "interrupted":
            return `Interrupted: the window closed while this answer arrived.${kept}`;
        default:
            return undefined;
    }
}

export class Transcript {
    private messages: ChatMessage[] = [];
    private conversationId: string | undefined;
    /** Rendered HTML by message id, for the text it was rendered from. */
    private readonly html = new Map<string, { text: string; html: string }>();
    private readonly bodies = new Map<string, HTMLElement>();
    private pendingRender = new Set<string>();
    private renderScheduled = false;
    private lastRenderMs = 0;

    constructor(
        private readonly root: HTMLElement,
        private readonly renderer: MarkdownRenderer,
        private readonly schedule: Schedule = (callback, delayMs) => void setTimeout(callback, delayMs)
    ) {}

    /** Shows `conversation`; while `busy` (an answer streams) the last turn offers no actions. */
    show(conversation: Conversation, busy = false): void {
        if (conversation.id !== this.conversationId) this.html.clear();
        this.conversationId = conversation.id;
        this.messages = conversation.messages.map((m) => ({ ...m }));
        this.pendingRender.clear();
        const stick = this.atBottom();
        const document = this.root.ownerDocument;
        this.root.replaceChildren();
        this.bodies.clear();
        if (this.messages.length === 0) {
            const welcome = document.createElement("p");
            welcome.className = "welcome";
            welcome.textContent = "Ask Hearth about your code. A selection in the editor is attached automatically; @ attaches a file, / lists commands such as /explain and /fix.";
            this.root.append(welcome);
        }
        const lastQuestion = this.messages.findLast((m) => m.role === "user");
        const last = this.messages.at(-1);
        for (const message of this.messages) {
            const article = this.messageElement(message);
            if (!busy && message === lastQuestion) article.append(this.actionButton("edit", "Edit", "Edit your last message and send it again"));
            if (!busy && message === last && message.role === "assistant") article.append(this.actionButton("retry", "Retry", "Ask for this answer again"));
            this.root.append(article);
        }
        if (stick) this.scrollToBottom();
    }

    /** Appends streamed text to an answer; the view catches up on the next render. */
    append(conversationId: string, messageId: string, text: string): void {
        if (conversationId !== this.conversationId) return;
        const message = this.messages.find((m) => m.id === messageId);
        if (!message) return;
        message.text += text;
        this.pendingRender.add(messageId);
        if (this.renderScheduled) return;
        this.renderScheduled = true;
        this.schedule(() => this.flush(), Math.max(16, this.lastRenderMs * 4));
    }

    /** Renders every pending answer now. */
    flush(): void {
        this.renderScheduled = false;
        const started = performance.now();
        const stick = this.atBottom();
        for (const id of this.pendingRender) {
            const message = this.messages.find((m) => m.id === id);
            const body = this.bodies.get(id);
            if (message && body) body.innerHTML = this.markdown(message);
        }
        this.pendingRender.clear();
        this.lastRenderMs = performance.now() - started;
        if (stick) this.scrollToBottom();
    }

    /** The text of the message with this id as the view holds it. */
    textOf(messageId: string): string | undefined {
        return this.messages.find((m) => m.id === messageId)?.text;
    }

    private markdown(message: ChatMessage): string {
        const cached = this.html.get(message.id);
        if (cached && cached.text === message.text) return cached.html;
        const html = this.renderer.render(message.text);
        this.html.set(message.id, { text: message.text, html });
        return html;
    }

    private messageElement(message: ChatMessage): HTMLElement {
        const document = this.root.ownerDocument;
        const article = document.createElement("article");
        article.className = `message ${message.role} status-${message.status}`;
        article.dataset.messageId = message.id;
        article.setAttribute("aria-label", message.role === "user" ? "You wrote" : "Hearth answered");

        const role = document.createElement("div");
        role.className = "message-role";
        role.textContent = message.role === "user" ? "You" : "Hearth";
        article.append(role);

        if (message.attachments?.length) article.append(this.attachmentList(message.attachments));

        const body = document.createElement("div");
        body.className = "message-body";
        this.bodies.set(message.id, body);
        if (message.role === "user") {
            body.classList.add("plain");
            body.textContent = message.text;
        } else {
            body.classList.add("markdown");
            body.innerHTML = this.markdown(message);
        }
        article.append(body);

        for (const note of message.notes ?? []) article.append(this.paragraph("message-note", note));
        const status = statusText(message);
        if (status) article.append(this.paragraph("message-status", status));
        if (message.error) {
            const error = this.paragraph("message-error", message.error);
            error.setAttribute("role", "alert");
            article.append(error);
        }
        return article;
    }

    private attachmentList(attachments: readonly Attachment[]): HTMLElement {
        const document = this.root.ownerDocument;
        const list = document.createElement("ul");
        list.className = "message-attachments";
        list.setAttribute("aria-label", "Attached context");
        for (const attachment of attachments) {
            const item = document.createElement("li");
            item.textContent = attachment.cut ? `${attachment.label} (${attachment.cut})` : attachment.label;
            item.title = attachment.source;
            list.append(item);
        }
        return list;
    }

    private actionButton(action: MessageAction, text: string, label: string): HTMLElement {
        const button = this.root.ownerDocument.createElement("button");
        button.type = "button";
        button.className = "message-action";
        button.dataset.messageAction = action;
        button.setAttribute("aria-label", label);
        button.title = label;
        button.textContent = text;
        return button;
    }

    private paragraph(className: string, text: string): HTMLElement {
        const p = this.root.ownerDocument.createElement("p");
        p.className = className;
        p.textContent = text;
        return p;
    }

    private atBottom(): boolean {
        return this.root.scrollHeight - this.root.scrollTop - this.root.clientHeight < 40;
    }

    private scrollToBottom(): void {
        this.root.scrollTop = this.root.scrollHeight;
    }
}
