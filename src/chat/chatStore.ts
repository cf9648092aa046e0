// Chat history, kept per workspace as files: one per conversation, an index of them, and the session (the open
// conversation and the unsent draft). Every change is written at once, a streaming answer at most once per throttle
// interval, each file atomically and all in order, so a reload or a crash at any moment loses nothing that was
// saved. (VS Code's Memento, where the history lived before, reaches the disk lazily: a reload soon after a message
// lost it.) The conversation files are the truth: the index only spares reading them all, and is repaired from them.
import type { JsonFolder } from "./jsonFolder";
import type { Conversation, ConversationSummary } from "./messages";

/** The part of VS Code's Memento (`context.workspaceState`) the history was kept in before. */
export interface LegacyHistory {
    keys(): readonly string[];
    get<T>(key: string): T | undefined;
    update(key: string, value: unknown): Thenable<void>;
}

export interface ChatStoreOptions {
    /** A streaming answer is written at most this often. */
    throttleMs?: number;
    /** A file could not be read or written; the store carries on with what it has. */
    onError?(error: unknown): void;
    /** The most all conversation files may hold together (`maxStoredBytes`). */
    maxBytes?: number;
}

interface StoredSummary extends ConversationSummary {
    /** The size of its file, for the cap on all of them. */
    bytes: number;
}

interface Session {
    current?: string;
    draft: string;
}

export const maxConversations = 100;
/** All conversation files together; the oldest conversations go first past it. */
export const maxStoredBytes = 64 * 1024 * 1024;

const indexFile = "index.json";
const sessionFile = "session.json";
const conversationPrefix = "chat-";
const conversationFile = (id: string) => `${conversationPrefix}${id}.json`;
const validId = /^[A-Za-z0-9-]{1,100}$/;

const legacyPrefix = "hearth.chat.";
const legacyKeys = { index: "hearth.chat.index", current: "hearth.chat.current", draft: "hearth.chat.draft", conversation: "hearth.chat.conversation." };

function isConversation(value: unknown): value is Conversation {
    const c = value as Conversation | undefined;
    return typeof c === "object" && c !== null && typeof c.id === "string" && validId.test(c.id) && typeof c.title === "string" && typeof c.updatedAt === "number" && Array.isArray(c.messages);
}

function summaryOf(conversation: Conversation, bytes: number): StoredSummary {
    return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, bytes };
}

/** The index's entries that are whole. */
function summaries(raw: unknown): StoredSummary[] {
    if (!Array.isArray(raw)) return [];
    return (raw as Array<Partial<StoredSummary> | null>).filter((c): c is StoredSummary => typeof c?.id === "string" && validId.test(c.id) && typeof c.title === "string" && typeof c.updatedAt === "number" && typeof c.bytes === "number");
}

const newestFirst = (a: StoredSummary, b: StoredSummary) => b.updatedAt - a.updatedAt;

export class ChatStore {
    private writes: Promise<void> = Promise.resolve();
    private throttled = new Map<string, { timer: ReturnType<typeof setTimeout>; latest: Conversation }>();
    private lastWrite = new Map<string, number>();
    /** Conversations saved whose file is not written yet: what `load` answers for them meanwhile. */
    private unwritten = new Map<string, Conversation>();
    private writtenIndex = "";
    private writtenSession = "";
    /** Writes that failed so far. */
    private failures = 0;
    private readonly throttleMs: number;
    private readonly maxBytes: number;
    private readonly onError: (error: unknown) => void;

    private constructor(private readonly folder: JsonFolder, private index: StoredSummary[], private session: Session, options: ChatStoreOptions) {
        this.throttleMs = options.throttleMs ?? 1000;
        this.maxBytes = options.maxBytes ?? maxStoredBytes;
        this.onError = (error) => options.onError?.(error);
        this.writtenIndex = JSON.stringify(this.list());
        this.writtenSession = JSON.stringify(session);
    }

    /** Reads the history in `folder`; the first time, moves the history the Memento held into it and clears the Memento. */
    static async open(folder: JsonFolder, legacy?: LegacyHistory, options: ChatStoreOptions = {}): Promise<ChatStore> {
        const report = (error: unknown) => options.onError?.(error);
        const read = <T>(name: string) => folder.read<T>(name).catch((error: unknown) => void report(error));
        await folder.removeLeftovers().catch(report);
        const index = await read<{ chats?: unknown }>(indexFile);
        const session = await read<Partial<Session>>(sessionFile);
        const current = typeof session?.current === "string" ? { current: session.current } : {};
        const store = new ChatStore(folder, summaries(index?.chats), { ...current, draft: typeof session?.draft === "string" ? session.draft : "" }, options);
        await store.reconcile();
        if (legacy && legacy.keys().some((key) => key.startsWith(legacyPrefix))) await store.migrate(legacy).catch(report);
        return store;
    }

    /** Past chats, newest first. */
    list(): ConversationSummary[] {
        return this.index.map(({ id, title, updatedAt }) => ({ id, title, updatedAt }));
    }

    async load(id: string): Promise<Conversation | undefined> {
        const pending = this.throttled.get(id)?.latest ?? this.unwritten.get(id);
        if (pending) return structuredClone(pending);
        if (!this.index.some((c) => c.id === id)) return undefined;
        const stored = await this.folder.read<unknown>(conversationFile(id)).catch((error: unknown) => void this.onError(error));
        return isConversation(stored) && stored.id === id ? stored : undefined;
    }

    get currentId(): string | undefined {
        return this.session.current;
    }

    setCurrent(id: string): Promise<void> {
        this.session = { ...this.session, current: id };
        return this.writeSession();
    }

    get draft(): string {
        return this.session.draft;
    }

    setDraft(text: string): Promise<void> {
        this.session = { ...this.session, draft: text };
        return this.writeSession();
    }

    /** Saves now (and drops a throttled save of the same conversation, which this one supersedes). Never fails: see `onError`. */
    save(conversation: Conversation): Promise<void> {
        const pending = this.throttled.get(conversation.id);
        if (pending) clearTimeout(pending.timer);
        this.throttled.delete(conversation.id);
        this.lastWrite.set(conversation.id, Date.now());
        const snapshot = structuredClone(conversation);
        this.unwritten.set(snapshot.id, snapshot);
        const known = this.index.find((c) => c.id === snapshot.id);
        this.index = [summaryOf(snapshot, known?.bytes ?? 0), ...this.index.filter((c) => c.id !== snapshot.id)].sort(newestFirst);
        return this.chain(async () => {
            const bytes = await this.folder.write(conversationFile(snapshot.id), snapshot);
            if (this.unwritten.get(snapshot.id) === snapshot) this.unwritten.delete(snapshot.id);
            this.index = this.index.map((c) => (c.id === snapshot.id ? { ...c, bytes } : c));
            const dropped = this.overCaps(snapshot.id);
            this.index = this.index.filter((c) => !dropped.includes(c));
            await this.writeIndex();
            for (const old of dropped) await this.folder.remove(conversationFile(old.id));
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
        this.index = this.index.filter((c) => c.id !== id);
        await this.chain(async () => {
            await this.writeIndex();
            await this.folder.remove(conversationFile(id));
        });
    }

    /** Writes every throttled save now and waits for all writes. */
    async flush(): Promise<void> {
        for (const [, entry] of [...this.throttled]) void this.save(entry.latest);
        await this.writes;
    }

    /** The oldest conversations past the count and size caps; never `keep` nor the open one. */
    private overCaps(keep: string): StoredSummary[] {
        const dropped: StoredSummary[] = [];
        let count = this.index.length;
        let bytes = this.index.reduce((sum, c) => sum + c.bytes, 0);
        for (const c of [...this.index].reverse()) {
            if (count <= maxConversations && bytes <= this.maxBytes) break;
            if (c.id === keep || c.id === this.session.current) continue;
            dropped.push(c);
            count--;
            bytes -= c.bytes;
        }
        return dropped;
    }

    /** Writes the index when the list it shows changed; sizes alone (an answer streaming) wait for the next change. */
    private writeIndex(): Promise<void> {
        const text = JSON.stringify(this.list());
        if (text === this.writtenIndex) return Promise.resolve();
        return this.folder.write(indexFile, { version: 1, chats: this.index }).then(() => void (this.writtenIndex = text));
    }

    private writeSession(): Promise<void> {
        return this.chain(async () => {
            const text = JSON.stringify(this.session);
            if (text === this.writtenSession) return;
            await this.folder.write(sessionFile, this.session);
            this.writtenSession = text;
        });
    }

    /** Makes the index list the conversation files there are: one written just before the window went away is added. */
    private async reconcile(): Promise<void> {
        let names: string[];
        try {
            names = await this.folder.names();
        } catch (error) {
            this.onError(error);
            return;
        }
        const present = new Set(names);
        const listed = new Set(this.index.map((c) => conversationFile(c.id)));
        const found: StoredSummary[] = [];
        for (const name of names.filter((n) => n.startsWith(conversationPrefix) && n.endsWith(".json") && !listed.has(n))) {
            const stored = await this.folder.read<unknown>(name).catch((error: unknown) => void this.onError(error));
            if (isConversation(stored) && conversationFile(stored.id) === name) found.push(summaryOf(stored, JSON.stringify(stored).length));
        }
        this.index = [...this.index.filter((c) => present.has(conversationFile(c.id))), ...found].sort(newestFirst);
        await this.chain(() => this.writeIndex());
    }

    /** Moves the Memento's history into the files, then clears the Memento's keys (only once every file is written). */
    private async migrate(legacy: LegacyHistory): Promise<void> {
        const keys = legacy.keys().filter((key) => key.startsWith(legacyPrefix));
        const listed = (legacy.get<ConversationSummary[]>(legacyKeys.index) ?? []).map((c) => c?.id);
        const ids = new Set([...listed, ...keys.filter((k) => k.startsWith(legacyKeys.conversation)).map((k) => k.slice(legacyKeys.conversation.length))]);
        const failuresBefore = this.failures;
        for (const id of ids) {
            const conversation = legacy.get<unknown>(`${legacyKeys.conversation}${id}`);
            if (isConversation(conversation) && !this.index.some((c) => c.id === conversation.id)) void this.save(conversation);
        }
        const current = legacy.get<unknown>(legacyKeys.current);
        if (this.session.current === undefined && typeof current === "string") void this.setCurrent(current);
        const draft = legacy.get<unknown>(legacyKeys.draft);
        if (this.session.draft === "" && typeof draft === "string" && draft !== "") void this.setDraft(draft);
        await this.writes;
        if (this.failures > failuresBefore) return;
        for (const key of keys) await legacy.update(key, undefined);
    }

    private chain(task: () => Promise<void>): Promise<void> {
        const next = this.writes.then(task).catch((error: unknown) => {
            this.failures++;
            this.onError(error);
        });
        this.writes = next;
        return next;
    }
}
