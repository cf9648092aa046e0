// The chat as the user sees it: the current conversation, the context attached to the next message, and the
// answer streaming in (see AnswerStream: saved before it is sent and while it arrives, so a reload or an engine
// crash loses nothing). The last answer can be asked again, and the last question edited and sent again. VS Code
// is reached only through the ports it is given.
import { randomUUID } from "node:crypto";
import { addNote, AnswerStream, type AnswerHooks, type ChatEngine } from "./answerStream";
import type { ChatStore } from "./chatStore";
import { titleFor, turnsFor } from "./conversationTurns";
import type { Attachment, ChatMessage, Conversation, ConversationSummary, ToWebview } from "./messages";
import { PendingContext } from "./pendingContext";
import { fitNewMessage, historyWithinLimits, turnsWithinLimits } from "./requestLimits";
import { parseSlash, type ChatRefactor } from "./slashCommands";

export interface ChatControllerOptions extends AnswerHooks {
    /** The code around the editor's cursor, for a question command sent with nothing attached. */
    codeAtCursor?(): Promise<Attachment | undefined>;
    /** Runs a refactor command on `selection`, or with none on the current editor (`/fix`, `/doc`, `/tests`). */
    runRefactor?(refactor: ChatRefactor, selection: Attachment | undefined): Promise<void>;
    newId?: () => string;
}

export class ChatController {
    private conversation: Conversation;
    private readonly context = new PendingContext();
    private active: AnswerStream | undefined;
    private draft: string;
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
        this.active?.stop();
    }

    /** Sends `prompt` with `attachment` (the caller's selection) as the selection chip, stopping an answer in progress. */
    async ask(prompt: string, attachment?: Attachment): Promise<void> {
        if (this.active) {
            this.active.stop();
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
            this.active.stop();
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

    /** The window closes: an answer still arriving is kept as it stands, marked interrupted, and every save is written. */
    async dispose(): Promise<void> {
        this.active?.interrupt();
        await this.store.flush();
    }

    /** Adds the question and its answer to the conversation (kept within what a request carries), and streams the answer in. */
    private async answer(text: string, attachments: readonly Attachment[]): Promise<void> {
        const conversation = this.conversation;
        const now = Date.now();
        const fitted = fitNewMessage(text, attachments);
        const user: ChatMessage = { id: this.newId(), role: "user", text: fitted.text, status: "done", createdAt: now, ...(fitted.attachments.length > 0 ? { attachments: fitted.attachments } : {}) };
        const answer: ChatMessage = { id: this.newId(), role: "assistant", text: "", status: "streaming", createdAt: now };
        conversation.messages.push(user, answer);
        const kept = historyWithinLimits(conversation.messages);
        conversation.messages = kept.messages;
        const request = turnsWithinLimits(turnsFor(conversation.messages.slice(0, -1)));
        for (const note of [fitted.note, kept.note, request.note]) if (note) addNote(answer, note);
        if (conversation.title === "") conversation.title = titleFor(text, fitted.attachments);
        conversation.updatedAt = now;
        this.draft = "";
        const stream = new AnswerStream(conversation, answer, {
            engine: this.engine,
            store: this.store,
            hooks: this.options,
            shows: (shown) => shown === this.conversation,
            post: (message) => this.post(message),
            postState: () => this.postState()
        });
        this.active = stream;
        this.postState();
        await stream.run(request.turns, () => (this.active = undefined));
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
        this.post({ type: "state", conversation: this.conversation, attachments: [...this.context.attachments], busy: this.active !== undefined, draft: this.draft });
    }

    private postAttachments(): void {
        this.post({ type: "attachments", attachments: [...this.context.attachments] });
    }
}
