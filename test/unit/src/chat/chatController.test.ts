import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { chatRequestLimits, type ChatDelta, type ChatSendParams, type ChatSendResult } from "../../../../engine/protocol";
import { ChatController, turnsFor, type ChatControllerOptions, type ChatEngine } from "../../../../src/chat/chatController";
import { ChatStore } from "../../../../src/chat/chatStore";
import { JsonFolder } from "../../../../src/chat/jsonFolder";
import type { Attachment, ChatMessage, Conversation, ToWebview } from "../../../../src/chat/messages";

const root = mkdtempSync(join(tmpdir(), "hearth-chat-"));
after(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;

/** The chat's storage folder, counting the files written to it. */
class CountingFolder extends JsonFolder {
    writes = 0;
    constructor(path = join(root, `chats-${++folders}`)) {
        super(path);
    }
    override write(name: string, value: unknown): Promise<number> {
        this.writes++;
        return super.write(name, value);
    }
}

/** An engine whose answers the test drives: deltas by hand, then resolve or fail. */
class FakeEngine implements ChatEngine {
    requests: Array<{ params: ChatSendParams; signal: AbortSignal; onDelta(delta: ChatDelta): void; resolve(result: ChatSendResult): void; reject(error: Error): void }> = [];
    private arrived = new Set<() => void>();

    send(params: ChatSendParams, signal: AbortSignal, onDelta: (delta: ChatDelta) => void): Promise<ChatSendResult> {
        return new Promise((resolve, reject) => {
            this.requests.push({ params, signal, onDelta, resolve, reject });
            for (const wake of this.arrived) wake();
        });
    }
    /** A piece of the latest request's answer. */
    delta(text: string, extra: Partial<ChatDelta> = {}): void {
        this.requests.at(-1)!.onDelta({ text, ...extra });
    }
    /** Resolves once the controller has sent request number `count`. */
    async request(count: number) {
        while (this.requests.length < count) await new Promise<void>((resolve) => this.arrived.add(resolve));
        return this.requests[count - 1];
    }
}

const stats = { promptTokens: 10, evaluatedTokens: 10, reusedTokens: 0, generatedTokens: 3, queueMs: 0, promptMs: 1, generateMs: 1, pausedMs: 0 };

async function make(folder = new CountingFolder(), throttleMs = 60_000, options: ChatControllerOptions = {}) {
    const engine = new FakeEngine();
    const posted: ToWebview[] = [];
    let n = 0;
    const store = await ChatStore.open(folder, undefined, { throttleMs, onError: (error) => assert.fail(String(error)) });
    const controller = await ChatController.restore(engine, store, (m) => posted.push(m), { newId: () => `id${++n}`, ...options });
    return { folder, engine, posted, store, controller };
}

/** A conversation as its file on the disk holds it now. */
function stored(folder: JsonFolder, id: string): Conversation {
    return JSON.parse(readFileSync(join(folder.path, `chat-${id}.json`), "utf8")) as Conversation;
}

describe("chat history", () => {
    it("saves the user's message before the engine sees it", async () => {
        const { folder, engine, controller } = await make();
        const sending = controller.send("Explain closures");
        const request = await engine.request(1);
        const saved = stored(folder, controller.current.id);
        assert.equal((JSON.parse(readFileSync(join(folder.path, "session.json"), "utf8")) as { current?: string }).current, controller.current.id, "and the conversation is the open one");
        assert.equal(saved.messages[0].text, "Explain closures");
        assert.equal(saved.messages[1].status, "streaming");
        assert.deepEqual(request.params.messages, [{ role: "user", text: "Explain closures" }]);
        request.resolve({ text: "", stopReason: "end", stats });
        await sending;
    });

    it("keeps partial answers while they stream and restores them after a reload, marked", async () => {
        const { folder, engine, controller, store } = await make(new CountingFolder(), 0);
        void controller.send("Write a loop");
        await engine.request(1);
        engine.delta("for (let i = 0;");
        engine.delta(" i < n; i++)");
        await store.flush();

        // The window reloads while the answer streams: a new store and controller over the same workspace state.
        const reloaded = await make(folder);
        const conversation = reloaded.controller.current;
        assert.equal(conversation.title, "Write a loop");
        assert.equal(conversation.messages[1].text, "for (let i = 0; i < n; i++)");
        assert.equal(conversation.messages[1].status, "interrupted");
        reloaded.controller.ready();
        const shown = reloaded.posted.find((m) => m.type === "state");
        assert.ok(shown && shown.type === "state" && shown.conversation.messages[1].status === "interrupted");
    });

    it("keeps an answer the window closed on as it stood, marked interrupted, whatever the engine answers after", async () => {
        const { folder, engine, controller } = await make(new CountingFolder(), 60_000);
        const sending = controller.send("Write a loop");
        const request = await engine.request(1);
        engine.delta("for (;;)");
        await controller.dispose();
        assert.equal(request.signal.aborted, true);
        const saved = stored(folder, controller.current.id).messages[1];
        assert.deepEqual([saved.text, saved.status], ["for (;;)", "interrupted"]);
        request.resolve({ text: "for (;;)", stopReason: "cancelled", stats });
        await sending;
        assert.equal(stored(folder, controller.current.id).messages[1].status, "interrupted");
    });

    it("throttles saves while an answer streams", async () => {
        const { folder, engine, controller, store } = await make(new CountingFolder(), 60_000);
        void controller.send("Q");
        await engine.request(1);
        await store.flush();
        const before = folder.writes;
        for (let i = 0; i < 50; i++) engine.delta(`${i} `);
        await store.flush();
        assert.equal(folder.writes - before, 1, "fifty deltas, one write of the conversation");
        assert.match(stored(folder, controller.current.id).messages[1].text, /^0 1 2 .* 49 $/);
    });

    it("writes the whole streamed answer when the throttle runs, and on flush", async () => {
        const { folder, engine, controller, store } = await make(new CountingFolder(), 20);
        void controller.send("Q");
        await engine.request(1);
        engine.delta("one");
        engine.delta(" two");
        engine.delta(" three");
        await store.flush();
        assert.equal(stored(folder, controller.current.id).messages[1].text, "one two three");
    });

    it("keeps what arrived and marks it when the engine fails mid-answer", async () => {
        const { folder, engine, controller, posted } = await make();
        const sending = controller.send("Q");
        const request = await engine.request(1);
        engine.delta("half an ans");
        request.reject(new Error("Connection got disposed."));
        await sending;
        const message = stored(folder, controller.current.id).messages[1];
        assert.equal(message.text, "half an ans");
        assert.equal(message.status, "error");
        assert.match(message.error!, /engine stopped/);
        const last = posted.at(-1);
        assert.ok(last?.type === "state" && last.busy === false);
    });

    it("stops on request and keeps the text the engine returns", async () => {
        const { folder, engine, controller } = await make();
        const sending = controller.send("Q");
        const request = await engine.request(1);
        engine.delta("partial");
        controller.stop();
        assert.equal(request.signal.aborted, true);
        request.resolve({ text: "partial", stopReason: "cancelled", stats });
        await sending;
        assert.equal(stored(folder, controller.current.id).messages[1].status, "stopped");
    });

    it("records the engine's notes: a shortened conversation, the length limit", async () => {
        const { folder, engine, controller } = await make();
        const sending = controller.send("Q");
        const request = await engine.request(1);
        const truncation = { droppedMessages: 4, contextCut: false, messageCut: false, note: "The conversation is longer than the model's context: the 4 oldest messages were left out." };
        engine.delta("", { truncation });
        engine.delta("A");
        request.resolve({ text: "A", stopReason: "maxTokens", truncation, stats });
        await sending;
        const notes = stored(folder, controller.current.id).messages[1].notes!;
        assert.equal(notes.length, 2);
        assert.match(notes[0], /4 oldest messages/);
        assert.match(notes[1], /length limit/);
    });

    it("sends the whole conversation with each message's attachments, and a follow-up extends it", async () => {
        const { engine, controller } = await make();
        const selection: Attachment = { id: "s", kind: "selection", label: "a.ts:1", uri: "file:///a.ts", source: "a.ts", language: "typescript", text: "let a = 1;", startLine: 0 };
        controller.setSelection(selection);
        const first = controller.send("What is a?");
        (await engine.request(1)).resolve({ text: "A number.", stopReason: "end", stats });
        await first;
        assert.equal(controller.pendingAttachments.length, 0, "attachments go with the message they were sent with");
        controller.setSelection(selection);
        assert.equal(controller.pendingAttachments.length, 0, "the same selection is not attached twice");
        const second = controller.send("And b?");
        const request = await engine.request(2);
        assert.deepEqual(request.params.messages, [
            { role: "user", text: "What is a?", context: [{ kind: "selection", source: "a.ts", language: "typescript", text: "let a = 1;", startLine: 0 }] },
            { role: "assistant", text: "A number." },
            { role: "user", text: "And b?" }
        ]);
        request.resolve({ text: "", stopReason: "end", stats });
        await second;
    });

    it("lists past chats, switches between them and starts new ones", async () => {
        const { engine, controller, store } = await make();
        const first = controller.send("First chat");
        (await engine.request(1)).resolve({ text: "ok", stopReason: "end", stats });
        await first;
        const firstId = controller.current.id;
        controller.newChat();
        const second = controller.send("Second chat");
        (await engine.request(2)).resolve({ text: "ok", stopReason: "end", stats });
        await second;
        assert.deepEqual(store.list().map((c) => c.title).sort(), ["First chat", "Second chat"]);
        await controller.switchTo(firstId);
        assert.equal(controller.current.messages[0].text, "First chat");
        await controller.delete(firstId);
        assert.deepEqual(store.list().map((c) => c.title), ["Second chat"]);
        assert.equal(controller.current.messages.length, 0);
    });

    it("leaves answers that failed before any text out of the conversation", () => {
        const turns = turnsFor([
            { id: "1", role: "user", text: "a", status: "done", createdAt: 0 },
            { id: "2", role: "assistant", text: "", status: "error", error: "No model", createdAt: 0 },
            { id: "3", role: "user", text: "b", status: "done", createdAt: 0 }
        ]);
        assert.deepEqual(turns, [{ role: "user", text: "a" }, { role: "user", text: "b" }]);
    });

    it("sends attachments whole, and cuts only what is beyond what a chat request carries, saying so", async () => {
        const { engine, controller, folder } = await make();
        const big = "x".repeat(chatRequestLimits.maxChars + 10);
        controller.attach({ id: "f", kind: "file", label: "big.ts", uri: "file:///big.ts", source: "big.ts", language: "typescript", text: big });
        controller.attach({ id: "g", kind: "file", label: "small.ts", uri: "file:///small.ts", source: "small.ts", language: "typescript", text: "let small = 1;\n".repeat(500) });
        const sending = controller.send("Explain");
        const request = await engine.request(1);
        const [cut, whole] = request.params.messages[0].context!;
        assert.ok(cut.text.length < big.length && big.startsWith(cut.text));
        assert.equal(whole.text, "let small = 1;\n".repeat(500), "no character budget below the engine's own limit");
        request.resolve({ text: "ok", stopReason: "end", stats });
        await sending;
        const [question, answer] = stored(folder, controller.current.id).messages;
        assert.match(question.attachments![0].cut!, /a chat request carries at most/);
        assert.match(answer.notes![0], /attached context was cut/);
    });

    it("says why without asking the engine when it is not running", async () => {
        const { engine, controller, folder } = await make(new CountingFolder(), 60_000, { engineUnavailable: () => "The Hearth engine is not running. Run \"Hearth: Restart Engine\"." });
        await controller.send("Hello?");
        assert.equal(engine.requests.length, 0);
        const answer = stored(folder, controller.current.id).messages[1];
        assert.equal(answer.status, "error");
        assert.equal(answer.error, "The Hearth engine is not running. Run \"Hearth: Restart Engine\".");
    });

    it("restores the draft the user had not sent", async () => {
        const { folder, controller, store } = await make();
        controller.setDraft("half a thought");
        await store.flush();
        assert.equal((await make(folder)).store.draft, "half a thought");
    });

    it("keeps no more of a conversation than one request carries: the oldest messages go, and the answer says so", async () => {
        const { folder, store } = await make();
        const message = (i: number): ChatMessage => ({ id: `m${i}`, role: i % 2 === 0 ? "user" : "assistant", text: `message ${i}`, status: "done", createdAt: i });
        const long: Conversation = { id: "long", title: "Long", createdAt: 0, updatedAt: 1, messages: Array.from({ length: chatRequestLimits.maxMessages }, (_, i) => message(i)) };
        await store.save(long);
        await store.setCurrent("long");
        const { engine, controller } = await make(folder);
        const sending = controller.send("One more");
        const request = await engine.request(1);
        assert.equal(request.params.messages.length, chatRequestLimits.maxMessages - 1, "the question, and the newest messages before it that start with a user's");
        request.resolve({ text: "ok", stopReason: "end", stats });
        await sending;
        const kept = stored(folder, "long").messages;
        assert.equal(kept.length, chatRequestLimits.maxMessages, "the newest messages, from a user's, and the new question and answer");
        assert.equal(kept[0].role, "user");
        assert.equal(kept.at(-2)!.text, "One more");
        assert.match(kept.at(-1)!.notes![0], /its 2 oldest messages were removed/);
    });
});
