// The chat as the user sees it: the current conversation, the context attached to the next message, and the
// answer streaming in. The user's message is saved before it is sent and the answer while it arrives, so a
// reload or an engine crash loses nothing; the last answer can be asked again, and the last question edited and
// sent again. VS Code is reached only through the ports it is given.
import { randomUUID } from "node:crypto";
import type { ChatDelta, ChatSendParams, ChatSendResult } from "../../engine/protocol";
import type { ChatStore } from "./chatStore";
import { titleFor, turnsFor } from "./conversationTurns";
import type { Attachment, ChatMessage, Conversation, ConversationSummary, ToWebview } from "./messages";
import { PendingContext } from "./pendingContext";
import { fitNewMessage, turnsWithinLimits } from "./requestLimits";
import { parseSlash, type ChatRefactor } from "./slashCommands";

export interface ChatEngine {
    /** Asks the model; each piece of the answer goes to `onDelta` as it arrives, and the result holds it all. */
    send(params: ChatSendParams, signal: AbortSignal, onDelta: (delta: ChatDelta) => void): Promise<ChatSendResult>;
}

export interface ChatControllerOptions {
    /** Why the engine cannot answer at all now (it is not running), or undefined when it can take the question. */
    engineUnavailable?(): string | undefined;
    /** The code around the editor's cursor, for a question command sent with nothing attached. */
    codeAtCursor?(): Promise<Attachment | undefined>;
    /** Runs a refactor command on `selection`, or with none on the current editor (`/fix`, `/doc`, `/tests`). */
    runRefactor?(refactor: ChatRefactor, selection: Attachment | undefined): Promise<void>;
    /** An answer arrived whole. */
    answered?(): void;
    newId?: () => string;
}

interface ActiveAnswer {
    conversation: Conversation;
    message: ChatMessage;
    abort: AbortController;
    done: Promise<void>;
}

class EngineUnavailable extends Error {}

/** Why an answer failed, in words for the user; `arrived` says whether any of it had. */
export function explainFailure(error: unknown, arrived: boolean): string {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof EngineUnavailable) return message;
    if (!/connection|disposed|not running|closed|stopped/i.test(message)) return message;
    return arrived ? "The Hearth engine stopped before the answer was complete. What arrived is kept." : "The Hearth engine stopped before it answered.";
}

export class ChatController {
    private conversation: Conversation;
    private readonly context = new PendingContext();
    private active: ActiveAnswer | undefined;
    private draft: string;
    private readonly newId: () => string;

    constructor(private readonly engine: ChatEngine, private readonly store: ChatStore, private readonly post: (message: ToWebview) => void, private readonly options: ChatControllerOptions) {
        this.newId = options.newId ?? randomUUID;
        const current = store.currentId;
        this.conversation = (current && this.open(current)) || this.fresh();
        this.draft = store.draft;
    }

    get busy(): boolean {
        return this.active !== undefined;
    }

    get current(): Conversation {
        return this.conversation;
    }

    get pendingAttachments(): readonly Attachment[] {
        return this.context.attachments;
    }

    /** Past chats, newest first. */
    chats(): ConversationSummary[] {
        return this.store.list();
    }

    /** The webview (re)loaded: give it everything. */
    ready(): void {
        this.postState();
    }

    /** The user sent `text`: a question with the attached context, or a slash command that runs a refactor. */
    async send(text: string): Promise<void> {
        const trimmed = text.trim();
        if (this.active || trimmed === "") return;
        const action = parseSlash(trimmed)?.command.action;
        if (action?.kind === "refactor") {
            this.setDraft("");
            await this.options.runRefactor?.(action.refactor, this.context.attachments.find((a) => a.kind === "selection"));
            return;
        }
        if (action && this.context.attachments.length === 0) {
            const code = await this.options.codeAtCursor?.();
            if (!code) {
                this.post({ type: "notice", text: `Select the code for ${trimmed.split(/\s/)[0]}, or open a file.`, input: text });
                return;
            }
            this.attach(code);
        }
        await this.answer(trimmed, this.context.attachments);
    }

    /** Asks the last question again, with the context it was sent with, in place of the answer `answerId`. */
    async retry(answerId: string): Promise<void> {
        const messages = this.conversation.messages;
        const [question, answer] = messages.slice(-2);
        if (this.active || answer?.id !== answerId || answer.role !== "assistant" || question?.role !== "user") return;
        messages.splice(-2, 2);
        await this.answer(question.text, question.attachments ?? []);
    }

    /** Sends `text` in place of the last question `questionId`, with its context; its answer goes. */
    async resend(questionId: string, text: string): Promise<void> {
        const messages = this.conversation.messages;
        const index = messages.findIndex((m) => m.id === questionId);
        const question = messages[index];
        if (this.active || text.trim() === "" || question?.role !== "user" || messages.slice(index + 1).some((m) => m.role === "user")) return;
        messages.splice(index);
        if (messages.length === 0) this.conversation.title = "";
        await this.answer(text.trim(), question.attachments ?? []);
    }

    stop(): void {
        this.active?.abort.abort();
    }

    /** Sends `prompt` with `attachment` (the caller's selection) as the selection chip, stopping an answer in progress. */
    async ask(prompt: string, attachment?: Attachment): Promise<void> {
        if (this.active) {
            this.active.abort.abort();
            await this.active.done;
        }
        if (attachment) this.attach(attachment);
        await this.send(prompt);
    }

    newChat(): void {
        if (this.conversation.messages.length > 0) this.conversation = this.fresh();
        void this.store.setCurrent(this.conversation.id);
        this.postState();
        this.post({ type: "focusInput" });
    }

    switchTo(id: string): void {
        if (id === this.conversation.id) return;
        const conversation = this.open(id);
        if (!conversation) return;
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

    /** Attaches context the user asked for (a file, open editors); says whether it was not attached already. */
    attach(attachment: Attachment): boolean {
        const added = this.context.attach(attachment);
        if (added) this.postAttachments();
        return added;
    }

    /** The editor's selection changed; the selection chip follows it (see PendingContext). */
    setSelection(selection: Attachment | undefined): void {
        if (this.context.followSelection(selection)) this.postAttachments();
    }

    removeAttachment(id: string): void {
        this.context.remove(id);
        this.postAttachments();
    }

    /** The user message that an answer replies to (its attachments tell Apply which code was asked about). */
    questionFor(answerId: string): ChatMessage | undefined {
        const messages = this.conversation.messages;
        const index = messages.findIndex((m) => m.id === answerId);
        return index > 0 ? messages.slice(0, index).reverse().find((m) => m.role === "user") : undefined;
    }

    async dispose(): Promise<void> {
        this.active?.abort.abort();
        await this.store.flush();
    }

    /** Adds the question and its answer to the conversation, and streams the answer in. */
    private async answer(text: string, attachments: readonly Attachment[]): Promise<void> {
        const conversation = this.conversation;
        const now = Date.now();
        const fitted = fitNewMessage(text, attachments);
        const user: ChatMessage = { id: this.newId(), role: "user", text: fitted.text, status: "done", createdAt: now, ...(fitted.attachments.length > 0 ? { attachments: fitted.attachments } : {}) };
        const answer: ChatMessage = { id: this.newId(), role: "assistant", text: "", status: "streaming", createdAt: now };
        conversation.messages.push(user, answer);
        const request = turnsWithinLimits(turnsFor(conversation.messages.slice(0, -1)));
        for (const note of [fitted.note, request.note]) if (note) this.addNote(answer, note);
        if (conversation.title === "") conversation.title = titleFor(text, fitted.attachments);
        conversation.updatedAt = now;
        this.draft = "";
        let finished!: () => void;
        const active: ActiveAnswer = { conversation, message: answer, abort: new AbortController(), done: new Promise((resolve) => (finished = resolve)) };
        this.active = active;
        this.postState();
        try {
            await this.store.save(conversation);
            await this.store.setCurrent(conversation.id);
            await this.store.setDraft("");
            const unavailable = this.options.engineUnavailable?.();
            if (unavailable) throw new EngineUnavailable(unavailable);
            this.finish(answer, await this.engine.send({ messages: request.turns }, active.abort.signal, (delta) => this.onDelta(active, delta)));
        } catch (error) {
            if (active.abort.signal.aborted) answer.status = "stopped";
            else {
                answer.status = "error";
                answer.error = explainFailure(error, answer.text !== "");
            }
        } finally {
            this.active = undefined;
            conversation.updatedAt = Date.now();
            await this.store.save(conversation).catch(() => undefined);
            this.postState();
            finished();
        }
    }

    private finish(answer: ChatMessage, result: ChatSendResult): void {
        answer.text = result.text;
        answer.status = result.stopReason === "cancelled" ? "stopped" : "done";
        if (result.truncation) this.addNote(answer, result.truncation.note);
        if (result.stopReason === "maxTokens") this.addNote(answer, "The answer reached its length limit (hearth.chat.maxTokens).");
        if (result.stopReason === "contextFull") this.addNote(answer, "The answer filled the chat context (hearth.chat.contextSize).");
        if (answer.status === "done") this.options.answered?.();
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

    /** A stored conversation; an answer that was streaming when the window closed is kept and marked. */
    private open(id: string): Conversation | undefined {
        if (this.active?.conversation.id === id) return this.active.conversation;
        const conversation = this.store.load(id);
        if (!conversation) return undefined;
        const interrupted = conversation.messages.filter((m) => m.status === "streaming");
        for (const message of interrupted) message.status = "interrupted";
        if (interrupted.length > 0) void this.store.save(conversation);
        return conversation;
    }

    private fresh(): Conversation {
        const now = Date.now();
        return { id: this.newId(), title: "", createdAt: now, updatedAt: now, messages: [] };
    }

    private postState(): void {
        this.post({ type: "state", conversation: this.conversation, attachments: [...this.context.attachments], busy: this.active !== undefined, draft: this.draft });
    }

    private postAttachments(): void {
        this.post({ type: "attachments", attachments: [...this.context.attachments] });
    }
}
