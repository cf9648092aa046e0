// One answer streaming into a conversation: the question saved before the engine sees it, the answer saved while
// it arrives (throttled) and once more when it ends, and how it ended in words for the user: done, stopped, cut
// by an error, or interrupted by the window closing.
import type { ChatDelta, ChatSendParams, ChatSendResult, ChatTurn } from "../../engine/protocol";
import type { ChatStore } from "./chatStore";
import type { ChatMessage, Conversation, ToWebview } from "./messages";

export interface ChatEngine {
    /** Asks the model; each piece of the answer goes to `onDelta` as it arrives, and the result holds it all. */
    send(params: ChatSendParams, signal: AbortSignal, onDelta: (delta: ChatDelta) => void): Promise<ChatSendResult>;
}

export interface AnswerHooks {
    /** Why the engine cannot answer at all now (it is not running), or undefined when it can take the question. */
    engineUnavailable?(): string | undefined;
    /** An answer arrived whole. */
    answered?(): void;
}

/** What an answer streams through: the engine, the store, and the panel (which may show another conversation meanwhile). */
export interface AnswerSurroundings {
    engine: ChatEngine;
    store: ChatStore;
    hooks: AnswerHooks;
    /** Whether the panel shows `conversation`. */
    shows(conversation: Conversation): boolean;
    post(message: ToWebview): void;
    /** Shows the panel's whole state again. */
    postState(): void;
}

class EngineUnavailable extends Error {}

/** Why an answer failed, in words for the user; `arrived` says whether any of it had. */
export function explainFailure(error: unknown, arrived: boolean): string {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof EngineUnavailable) return message;
    if (!/connection|disposed|not running|closed|stopped/i.test(message)) return message;
    return arrived ? "The Hearth engine stopped before the answer was complete. What arrived is kept." : "The Hearth engine stopped before it answered.";
}

export function addNote(message: ChatMessage, note: string): void {
    message.notes = [...new Set([...(message.notes ?? []), note])];
}

export class AnswerStream {
    private readonly abort = new AbortController();
    /** The window is closing: the answer stays as it stands, marked interrupted. */
    private closing = false;
    private settle!: () => void;
    /** Resolves once the answer has ended, its last save is written and the panel shows the end. */
    readonly done = new Promise<void>((resolve) => (this.settle = resolve));

    constructor(readonly conversation: Conversation, readonly message: ChatMessage, private readonly around: AnswerSurroundings) {}

    /** Saves the conversation, asks the engine for `turns` and streams the answer in. `ended` runs as soon as it ends. */
    async run(turns: ChatTurn[], ended: () => void): Promise<void> {
        const { conversation, message: answer, around } = this;
        try {
            // On the disk before the engine sees it: the open conversation, the question, and the answer to come.
            await around.store.setCurrent(conversation.id);
            await around.store.save(conversation);
            await around.store.setDraft("");
            const unavailable = around.hooks.engineUnavailable?.();
            if (unavailable) throw new EngineUnavailable(unavailable);
            this.finish(await around.engine.send({ messages: turns }, this.abort.signal, (delta) => this.onDelta(delta)));
        } catch (error) {
            if (this.closing) answer.status = "interrupted";
            else if (this.abort.signal.aborted) answer.status = "stopped";
            else {
                answer.status = "error";
                answer.error = explainFailure(error, answer.text !== "");
            }
        } finally {
            ended();
            conversation.updatedAt = Date.now();
            await around.store.save(conversation).catch(() => undefined);
            around.postState();
            this.settle();
        }
    }

    stop(): void {
        this.abort.abort();
    }

    /** The window closes: what arrived is kept as it stands, marked interrupted, and saved. */
    interrupt(): void {
        this.closing = true;
        this.message.status = "interrupted";
        void this.around.store.save(this.conversation);
        this.abort.abort();
    }

    private finish(result: ChatSendResult): void {
        const answer = this.message;
        answer.text = result.text;
        answer.status = this.closing ? "interrupted" : result.stopReason === "cancelled" ? "stopped" : "done";
        if (result.truncation) addNote(answer, result.truncation.note);
        if (result.stopReason === "maxTokens") addNote(answer, "The answer reached its length limit (hearth.chat.maxTokens).");
        if (result.stopReason === "contextFull") addNote(answer, "The answer filled the chat context (hearth.chat.contextSize).");
        if (answer.status === "done") this.around.hooks.answered?.();
    }

    private onDelta(delta: ChatDelta): void {
        const { conversation, message, around } = this;
        if (delta.truncation) addNote(message, delta.truncation.note);
        if (delta.text !== "") message.text += delta.text;
        if (around.shows(conversation)) {
            if (delta.truncation) around.postState();
            if (delta.text !== "") around.post({ type: "delta", conversationId: conversation.id, messageId: message.id, text: delta.text });
        }
        around.store.saveSoon(conversation);
    }
}
