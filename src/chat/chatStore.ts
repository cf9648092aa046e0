// Chat history, kept per workspace. Each conversation is stored under its own key, so saving the one that
// is streaming does not rewrite the others; writes happen in order, and streaming saves are throttled.
import type { Conversation, ConversationSummary } from "./messages";

/** The part of VS Code's Memento (`context.workspaceState`) the store uses. */
export interface KeyValueStore {
    get<T>(key: string): T | undefined;
    update(key: string, value: unknown): Thenable<void>;
}

const indexKey = "hearth.chat.index";
const currentKey = "hearth.chat.current";
const draftKey = "hearth.chat.draft";
const conversationKey = (id: string) => `hearth.chat.conversation.${id}`;

export const maxConversations = 100;

export class ChatStore {
    private writes: Promise<void> = Promise.resolve();
    private throttled = new Map<string, { timer: ReturnType<typeof setTimeout>; latest: Conversation }>();
    private lastWrite = new Map<string, number>();

    constructor(private readonly storage: KeyValueStore, private readonly throttleMs = 1000) {}

    /** Past chats, newest first. */
    list(): ConversationSummary[] {
        return this.storage.get<ConversationSummary[]>(indexKey) ?? [];
    }

    load(id: string): Conversation | undefined {
        const stored = this.storage.get<Conversation>(conversationKey(id));
        return stored ? structuredClone(stored) : undefined;
    }

    get currentId(): string | undefined {
        return this.storage.get<string>(currentKey);
    }

    setCurrent(id: string): Promise<void> {
        return this.write(currentKey, id);
    }

    get draft(): string {
        return this.storage.get<string>(draftKey) ?? "";
    }

    setDraft(text: string): Promise<void> {
        return this.write(draftKey, text);
    }

    /** Saves now (and drops a throttled save of the same conversation, which this one supersedes). */
    save(conversation: Conversation): Promise<void> {
        const pending = this.throttled.get(conversation.id);
        if (pending) clearTimeout(pending.timer);
        this.throttled.delete(conversation.id);
        this.lastWrite.set(conversation.id, Date.now());
        const snapshot = structuredClone(conversation);
        const summary: ConversationSummary = { id: snapshot.id, title: snapshot.title, updatedAt: snapshot.updatedAt };
        return this.chain(async () => {
            // The index is read here, after the writes before this one, so none of theirs is lost.
            const index = [summary, ...this.list().filter((c) => c.id !== snapshot.id)].sort((a, b) => b.updatedAt - a.updatedAt);
            const dropped = index.splice(maxConversations);
            await this.storage.update(conversationKey(snapshot.id), snapshot);
            await this.storage.update(indexKey, index);
            for (const old of dropped) await this.storage.update(conversationKey(old.id), undefined);
        });
    }

    /** Saves at once if nothing was saved for this conversation lately, else once the throttle interval is over. */
    saveSoon(conversation: Conversation): void {
        const pending = this.throttled.get(conversation.id);
        if (pending) {
            pending.latest = conversation;
            return;
        }
        const since = Date.now() - (this.lastWrite.get(conversation.id) ?? 0);
        if (since >= this.throttleMs) {
            void this.save(conversation);
            return;
        }
        const timer = setTimeout(() => {
            const entry = this.throttled.get(conversation.id);
            this.throttled.delete(conversation.id);
            if (entry) void this.save(entry.latest);
        }, this.throttleMs - since);
        this.throttled.set(conversation.id, { timer, latest: conversation });
    }

    async delete(id: string): Promise<void> {
        const pending = this.throttled.get(id);
        if (pending) clearTimeout(pending.timer);
        this.throttled.delete(id);
        await this.chain(async () => {
            await this.storage.update(conversationKey(id), undefined);
            await this.storage.update(indexKey, this.list().filter((c) => c.id !== id));
        });
    }

    /** Writes every throttled save now and waits for all writes. */
    async flush(): Promise<void> {
        for (const [, entry] of [...this.throttled]) void this.save(entry.latest);
        await this.writes;
    }

    private write(key: string, value: unknown): Promise<void> {
        return this.chain(() => Promise.resolve(this.storage.update(key, value)));
    }

    private chain(task: () => Promise<void>): Promise<void> {
        const next = this.writes.then(task);
        this.writes = next.catch(() => undefined);
        return next;
    }
}
