import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ChatStore, maxConversations, type ChatStoreOptions, type LegacyHistory } from "../../../../src/chat/chatStore";
import { JsonFolder } from "../../../../src/chat/jsonFolder";
import type { Conversation } from "../../../../src/chat/messages";

const root = mkdtempSync(join(tmpdir(), "hearth-store-"));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const newFolder = () => new JsonFolder(join(root, `chats-${++folders}`));

/** workspaceState as VS Code keeps it. */
class Memento implements LegacyHistory {
    constructor(readonly values = new Map<string, unknown>()) {}
    keys(): readonly string[] {
        return [...this.values.keys()];
    }
    get<T>(key: string): T | undefined {
        return structuredClone(this.values.get(key)) as T | undefined;
    }
    update(key: string, value: unknown): Thenable<void> {
        if (value === undefined) this.values.delete(key);
        else this.values.set(key, structuredClone(value));
        return Promise.resolve();
    }
}

function conversation(id: string, updatedAt: number, text = "q"): Conversation {
    return { id, title: id, createdAt: updatedAt, updatedAt, messages: [{ id: `${id}-1`, role: "user", text, status: "done", createdAt: updatedAt }] };
}

function open(folder: JsonFolder, legacy?: LegacyHistory, options: ChatStoreOptions = {}) {
    const errors: unknown[] = [];
    return ChatStore.open(folder, legacy, { onError: (error) => errors.push(error), ...options }).then((store) => ({ store, errors }));
}

describe("the chat history's files", () => {
    it("moves the history the Memento held into files, once, and clears the Memento", async () => {
        const a = conversation("aaaa-1", 2, "first question");
        const b = conversation("bbbb-2", 1);
        const orphan = conversation("cccc-3", 3);
        const memento = new Memento(new Map<string, unknown>([
            ["hearth.chat.index", [{ id: a.id, title: a.title, updatedAt: 2 }, { id: b.id, title: b.title, updatedAt: 1 }]],
            [`hearth.chat.conversation.${a.id}`, a],
            [`hearth.chat.conversation.${b.id}`, b],
            [`hearth.chat.conversation.${orphan.id}`, orphan],
            ["hearth.chat.current", a.id],
            ["hearth.chat.draft", "half a thought"],
            ["hearth.refactor.instructions", ["kept: not the chat's"]]
        ]));
        const folder = newFolder();
        const { store, errors } = await open(folder, memento);
        assert.deepEqual(errors, []);
        assert.deepEqual(memento.keys(), ["hearth.refactor.instructions"]);
        const reopened = (await open(folder, memento)).store;
        assert.deepEqual(reopened.list().map((c) => c.id), [orphan.id, a.id, b.id]);
        assert.deepEqual(await reopened.load(a.id), a);
        assert.equal(reopened.currentId, a.id);
        assert.equal(reopened.draft, "half a thought");
        assert.deepEqual(store.list(), reopened.list());
    });

    it("keeps the Memento's history when the files cannot be written, to try again next time", async () => {
        const blocked = join(root, "not-a-folder");
        writeFileSync(blocked, "");
        const memento = new Memento(new Map<string, unknown>([["hearth.chat.conversation.aaaa", conversation("aaaa", 1)], ["hearth.chat.current", "aaaa"]]));
        const { errors } = await open(new JsonFolder(join(blocked, "chats")), memento);
        assert.ok(errors.length > 0);
        assert.equal(memento.keys().length, 2);
    });

    it("lists a conversation whose file was written when the window went away before the index", async () => {
        const folder = newFolder();
        const { store } = await open(folder);
        await store.save(conversation("aaaa", 1));
        await store.save(conversation("bbbb", 2));
        rmSync(join(folder.path, "index.json"));
        rmSync(join(folder.path, "chat-aaaa.json"));
        const { store: reopened, errors } = await open(folder);
        assert.deepEqual(errors, []);
        assert.deepEqual(reopened.list().map((c) => c.id), ["bbbb"], "the file there is listed, the one gone is not");
        assert.deepEqual(await reopened.load("bbbb"), conversation("bbbb", 2));
    });

    it("answers with a saved conversation before its file is written", async () => {
        const { store } = await open(newFolder());
        const saved = conversation("aaaa", 1, "just sent");
        const writing = store.save(saved);
        saved.messages[0].text = "changed later";
        assert.equal((await store.load("aaaa"))?.messages[0].text, "just sent");
        await writing;
        assert.equal((await store.load("aaaa"))?.messages[0].text, "just sent");
    });

    it("keeps at most the newest conversations, and never drops the open one", async () => {
        const folder = newFolder();
        const { store } = await open(folder);
        await store.save(conversation("c0", 0));
        await store.setCurrent("c0");
        for (let i = 1; i < maxConversations + 3; i++) await store.save(conversation(`c${i}`, i));
        assert.equal(store.list().length, maxConversations);
        assert.ok(await store.load("c0"), "the open conversation stays");
        assert.equal(await store.load("c1"), undefined);
        assert.equal(existsSync(join(folder.path, "chat-c1.json")), false);
        assert.equal(readdirSync(folder.path).filter((name) => name.startsWith("chat-")).length, maxConversations);
    });

    it("drops the oldest conversations when all of them grow past the size cap", async () => {
        const folder = newFolder();
        const { store } = await open(folder, undefined, { maxBytes: 5_000 });
        for (let i = 0; i < 4; i++) await store.save(conversation(`c${i}`, i, "x".repeat(2_000)));
        assert.deepEqual(store.list().map((c) => c.id), ["c3", "c2"]);
        const reopened = (await open(folder, undefined, { maxBytes: 5_000 })).store;
        assert.deepEqual(reopened.list().map((c) => c.id), ["c3", "c2"]);
    });

    it("reads nothing but its own conversations, whatever id the webview sends", async () => {
        const folder = newFolder();
        const { store, errors } = await open(folder);
        await store.save(conversation("aaaa", 1));
        for (const id of ["../index", "../../etc/passwd", "index", "aaaa/../aaaa", ""]) assert.equal(await store.load(id), undefined, id);
        assert.deepEqual(errors, []);
    });

    it("starts empty, and says why, when its files are not JSON", async () => {
        const folder = newFolder();
        const { store } = await open(folder);
        await store.save(conversation("aaaa", 1));
        await store.setCurrent("aaaa");
        writeFileSync(join(folder.path, "session.json"), "{");
        const { store: reopened, errors } = await open(folder);
        assert.equal(errors.length, 1);
        assert.equal(reopened.currentId, undefined);
        assert.deepEqual(reopened.list().map((c) => c.id), ["aaaa"]);
    });
});
