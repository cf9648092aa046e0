// The chat as the user sees it: the current conversation, the context attached to the next message, and the
// answer streaming in. The user's message is saved before it is sent and the answer while it arrives, so a
// reload or an engine crash loses nothing. VS Code is reached only through the ports it is given.
import { randomUUID } from "node:crypto";
import type { ChatDelta, ChatSendParams, ChatSendResult, ChatTurn } from "../../engine/protocol";
import type { ChatStore } from "./chatStore";
import type { Attachment, ChatMessage, Conversation, ToWebview } from "./messages";
import { fitNewMessage, historyWithinLimits, turnsWithinLimits } from "./requestLimits";

export interface ChatEngine {
    /** Asks the model; each piece of the answer goes to `onDelta` as it arrives, and the result holds it all. */
    send(params: ChatSendParams, signal: AbortSignal, onDelta: (delta: ChatDelta) => void): Promise<ChatSendResult>;
}

export interface ChatControllerOptions {
    /** Why the engine cannot answer at all now (it is not running), or undefined when it can take the question. */
    engineUnavailable?(): string | undefined;
    newId?: () => string;
}

interface ActiveAnswer {
    conversation: Conversation;
    message: ChatMessage;
    abort: AbortController;
    done: Promise<void>;
}

const titleLength = 60;

/** The conversation as the engine reads it: answers with no text (failed before any arrived) are left out. */
export function turnsFor(messages: readonly ChatMessage[]): ChatTurn[] {
    const turns: ChatTurn[] = [];
    for (const m of messages) {
        if (m.role === "assistant") {
            if (m.text !== "") turns.push({ role: "assistant", text: m.text });
            continue;
        }
        const context = (m.attachments ?? []).map(({ kind, source, language, text, startLine }) => ({ kind, source, language, text, startLine }));
        turns.push(context.length > 0 ? { role: "user", text: m.text, context } : { role: "user", text: m.text });
    }
    return turns;
}

class EngineUnavailable extends Error {}

function explain(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof EngineUnavailable) return message;
    if (/connection|disposed|not running|closed|stopped/i.test(message)) return "The Hearth engine stopped before the answer was complete. What arrived is kept.";
    return message;
}

export class ChatController {
    private conversation: Conversation;
    private attachments: Attachment[] = [];
    private autoSelectionId: string | undefined;
    private dismissedSelectionId: string | undefined;
    private active: ActiveAnswer | undefined;
    private draft: string;
    private closing = false;
    private readonly newId: () => string;

    /** The chat as it was left: the conversation that was open (an answer cut off by a reload marked so) and the draft. */
    static async restore(engine: ChatEngine, store: ChatStore, post: (message: ToWebview) => void, options: ChatControllerOptions = {}): Promise<ChatController> {
        const current = store.currentId;
        const conversation = current ? await store.load(current) : undefined;
        return new ChatController(engine, store, post, options, conversation && ChatController.interrupted(store, conversation));
    }

    constructor(private readonly engine: ChatEngine, private readonly store: ChatStore, private readonly post: (message: ToWebview) => void, private readonly options: ChatControllerOptions, opened?: Conversation) {
        this.newId = options.newId ?? randomUUID;
        this.conversation = opened ?? this.fresh();
        this.draft = store.draft;
    }

    get busy(): boolean {
        return this.active !== undefined;
    }

    get current(): Conversation {
        return this.conversation;
    }

    get pendingAttachments(): readonly Attachment[] {
        return this.attachments;
    }

    /** The webview (re)loaded: give it everything. */
    ready(): void {
        this.postState();
    }

    async send(text: string): Promise<void> {
        const trimmed = text.trim();
        if (this.active || trimmed === "") return;
        const conversation = this.conversation;
        const now = Date.now();
        const fitted = fitNewMessage(trimmed, this.attachments);
        const attachments = fitted.attachments;
        const user: ChatMessage = { id: this.newId(), role: "user", text: fitted.text, status: "done", createdAt: now, ...(attachments.length > 0 ? { attachments } : {}) };
        const answer: ChatMessage = { id: this.newId(), role: "assistant", text: "", status: "streaming", createdAt: now };
        conversation.messages.push(user, answer);
        const kept = historyWithinLimits(conversation.messages);
        conversation.messages = kept.messages;
        const request = turnsWithinLimits(turnsFor(conversation.messages.slice(0, -1)));
        for (const note of [fitted.note, kept.note, request.note]) if (note) this.addNote(answer, note);
        if (conversation.title === "") conversation.title = trimmed.replace(/\s+/g, " ").slice(0, titleLength);
        conversation.updatedAt = now;
        this.attachments = [];
        this.dismissedSelectionId = this.autoSelectionId;
        this.autoSelectionId = undefined;
        this.draft = "";
        let finished!: () => void;
        const active: ActiveAnswer = { conversation, message: answer, abort: new AbortController(), done: new Promise((resolve) => (finished = resolve)) };
        this.active = active;
        this.postState();
        try {
            // On the disk before the engine sees it: the open conversation, the question, and the answer to come.
            await this.store.setCurrent(conversation.id);
            await this.store.save(conversation);
            await this.store.setDraft("");
            const unavailable = this.options.engineUnavailable?.();
            if (unavailable) throw new EngineUnavailable(unavailable);
            const result = await this.engine.send({ messages: request.turns }, active.abort.signal, (delta) => this.onDelta(active, delta));
            answer.text = result.text;
            answer.status = this.closing ? "interrupted" : result.stopReason === "cancelled" ? "stopped" : "done";
            if (result.truncation) this.addNote(answer, result.truncation.note);
            if (result.stopReason === "maxTokens") this.addNote(answer, "The answer reached its length limit (hearth.chat.maxTokens).");
            if (result.stopReason === "contextFull") this.addNote(answer, "The answer filled the chat context (hearth.chat.contextSize).");
        } catch (error) {
            if (this.closing) answer.status = "interrupted";
            else if (active.abort.signal.aborted) answer.status = "stopped";
            else {
                answer.status = "error";
                answer.error = explain(error);
            }
        } finally {
            this.active = undefined;
            conversation.updatedAt = Date.now();
            await this.store.save(conversation).catch(() => undefined);
            this.postState();
            finished();
        }
    }

    stop(): void {
        this.active?.abort.abort();
    }

    /** Sends `prompt` with `attachment` (the caller's selection) in place of what was attached, stopping an answer in progress. */
    async ask(prompt: string, attachment?: Attachment): Promise<void> {
        if (this.active) {
            this.active.abort.abort();
            await this.active.done;
        }
        if (attachment) {
            this.attachments = [attachment, ...this.attachments.filter((a) => a.kind !== "selection")];
            this.autoSelectionId = undefined;
        }
        await this.send(prompt);
    }

    newChat(): void {
        if (this.conversation.messages.length > 0) this.conversation = this.fresh();
        void this.store.setCurrent(this.conversation.id);
        this.postState();
        this.post({ type: "focusInput" });
    }

    async switchTo(id: string): Promise<void> {
        if (id === this.conversation.id) return;
        const conversation = await this.open(id);
        if (!conversation || id === this.conversation.id) return;
        this.conversation = conversation;
        void this.store.setCurrent(id);
        this.postState();
    }

    async delete(id: string): Promise<void> {
        if (this.active?.conversation.id === id) {
            this.active.abort.abort();
            await this.active.done;
        }
        await this.store.delete(id);
        if (this.conversation.id === id) this.conversation = this.fresh();
        this.postState();
    }

    setDraft(text: string): void {
        this.draft = text;
        void this.store.setDraft(text);
    }

    /** Attaches context the user asked for (a file, open editors). */
    attach(attachment: Attachment): void {
        this.attachments = [...this.attachments.filter((a) => a.id !== attachment.id), attachment];
        this.postAttachments();
    }

    /** The editor's selection changed: it is attached while it is there, unless the user removed this very selection. */
    setSelection(selection: Attachment | undefined): void {
        const previous = this.autoSelectionId;
        if (previous !== undefined) this.attachments = this.attachments.filter((a) => a.id !== previous);
        this.autoSelectionId = undefined;
        if (selection && selection.id !== this.dismissedSelectionId) {
            this.autoSelectionId = selection.id;
            this.attachments = [selection, ...this.attachments.filter((a) => a.id !== selection.id)];
        }
        if (previous !== undefined || this.autoSelectionId !== undefined) this.postAttachments();
    }

    removeAttachment(id: string): void {
        if (id === this.autoSelectionId) {
            this.dismissedSelectionId = id;
            this.autoSelectionId = undefined;
        }
        this.attachments = this.attachments.filter((a) => a.id !== id);
        this.postAttachments();
    }

    /** The user message that an answer replies to (its attachments tell Apply which code was asked about). */
    questionFor(answerId: string): ChatMessage | undefined {
        const messages = this.conversation.messages;
        const index = messages.findIndex((m) => m.id === answerId);
        return index > 0 ? messages.slice(0, index).reverse().find((m) => m.role === "user") : undefined;
    }

    /** The window closes: an answer still arriving is kept as it stands, marked interrupted, and every save is written. */
    async dispose(): Promise<void> {
        this.closing = true;
        const active = this.active;
        if (active) {
            active.message.status = "interrupted";
            void this.store.save(active.conversation);
            active.abort.abort();
        }
        await this.store.flush();
    }

    private onDelta(active: ActiveAnswer, delta: ChatDelta): void {
        if (delta.truncation) {
            this.addNote(active.message, delta.truncation.note);
            if (active.conversation === this.conversation) this.postState();
        }
        if (delta.text !== "") {
            active.message.text += delta.text;
            if (active.conversation === this.conversation) this.post({ type: "delta", conversationId: active.conversation.id, messageId: active.message.id, text: delta.text });
        }
        this.store.saveSoon(active.conversation);
    }

    private addNote(message: ChatMessage, note: string): void {
        message.notes = [...new Set([...(message.notes ?? []), note])];
    }

    /** A stored conversation, or the one an answer streams into. */
    private async open(id: string): Promise<Conversation | undefined> {
        if (this.active?.conversation.id === id) return this.active.conversation;
        const conversation = await this.store.load(id);
        if (this.active?.conversation.id === id) return this.active.conversation;
        return conversation && ChatController.interrupted(this.store, conversation);
    }

    /** An answer that was streaming when the window closed is kept and marked. */
    private static interrupted(store: ChatStore, conversation: Conversation): Conversation {
        const interrupted = conversation.messages.filter((m) => m.status === "streaming");
        for (const message of interrupted) message.status = "interrupted";
        if (interrupted.length > 0) void store.save(conversation);
        return conversation;
    }

    private fresh(): Conversation {
        const now = Date.now();
        return { id: this.newId(), title: "", createdAt: now, updatedAt: now, messages: [] };
    }

    private postState(): void {
        this.post({
            type: "state",
            conversation: this.conversation,
            chats: this.store.list(),
            attachments: this.attachments,
            busy: this.active !== undefined,
            draft: this.draft
        });
    }

    private postAttachments(): void {
        this.post({ type: "attachments", attachments: this.attachments });
    }
}
