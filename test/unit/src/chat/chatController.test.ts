import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chatRequestLimits } from "../../../../engine/protocol";
import type { ChatMessage, Conversation } from "../../../../src/chat/messages";
import { CountingFolder, makeController as make, selection, stats, stored, storedSession } from "./chatFakes";

describe("the chat's conversations", () => {
    it("keeps the selection attached for the follow-up, and sends it once, with the newest message", async () => {
        const { engine, controller, posted } = await make();
        const code = selection("s", "let a = 1;");
        controller.setSelection(code);
        const first = controller.send("What is a?");
        (await engine.request(1)).resolve({ text: "A number.", stopReason: "end", stats });
        await first;
        assert.deepEqual(controller.pendingAttachments, [code], "the chip stays until it is removed");
        const shown = posted.findLast((m) => m.type === "state");
        assert.ok(shown?.type === "state" && shown.attachments[0]?.id === "s");
        controller.setSelection(undefined);
        assert.deepEqual(controller.pendingAttachments, [code], "clicking away in the editor leaves it");
        const second = controller.send("And b?");
        const request = await engine.request(2);
        const context = [{ kind: "selection", source: "a.ts", language: "typescript", text: "let a = 1;", startLine: 0 }];
        assert.deepEqual(request.params.messages, [{ role: "user", text: "What is a?" }, { role: "assistant", text: "A number." }, { role: "user", text: "And b?", context }]);
        request.resolve({ text: "", stopReason: "end", stats });
        await second;
        assert.deepEqual(controller.current.messages[0].attachments, [code], "the first question still shows what it was about");
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

describe("the last turn: retry and edit", () => {
    /** A controller with one question about the selection `let a = 1;` answered "First answer." */
    async function answeredOnce() {
        const made = await make();
        made.controller.setSelection(selection("s", "let a = 1;"));
        const first = made.controller.send("What is a?");
        (await made.engine.request(1)).resolve({ text: "First answer.", stopReason: "end", stats });
        await first;
        return made;
    }

    it("asks the last question again, with the context it was sent with, in place of its answer", async () => {
        const { engine, controller, folder } = await answeredOnce();
        controller.setSelection(selection("t", "let b = 2;"));
        const answerId = controller.current.messages[1].id;
        const retrying = controller.retry(answerId);
        const request = await engine.request(2);
        assert.deepEqual(request.params.messages, [{ role: "user", text: "What is a?", context: [{ kind: "selection", source: "a.ts", language: "typescript", text: "let a = 1;", startLine: 0 }] }]);
        request.resolve({ text: "Second answer.", stopReason: "end", stats });
        await retrying;
        assert.deepEqual(stored(folder, controller.current.id).messages.map((m) => m.text), ["What is a?", "Second answer."]);
    });

    it("sends an edited last question in place of the old one and its answer, keeping its context", async () => {
        const { engine, controller, folder } = await answeredOnce();
        const resending = controller.resend(controller.current.messages[0].id, "  What is a, in words?  ");
        const request = await engine.request(2);
        assert.equal(request.params.messages.length, 1);
        assert.equal(request.params.messages[0].text, "What is a, in words?");
        assert.equal(request.params.messages[0].context?.[0].text, "let a = 1;");
        request.resolve({ text: "A one.", stopReason: "end", stats });
        await resending;
        const saved = stored(folder, controller.current.id);
        assert.deepEqual(saved.messages.map((m) => m.text), ["What is a, in words?", "A one."]);
        assert.equal(saved.title, "What is a, in words?", "the first question named the chat, so its edit does");
    });

    it("retries and edits only the last turn, and never while an answer streams", async () => {
        const { engine, controller } = await answeredOnce();
        const [question, answer] = controller.current.messages;
        const follow = controller.send("And b?");
        await engine.request(2);
        await controller.retry(controller.current.messages[3].id);
        await controller.resend(controller.current.messages[2].id, "changed");
        assert.equal(engine.requests.length, 2, "nothing while the answer streams");
        engine.requests[1].resolve({ text: "B.", stopReason: "end", stats });
        await follow;
        await controller.retry(answer.id);
        await controller.resend(question.id, "changed");
        assert.equal(engine.requests.length, 2, "an earlier turn stays as it is");
        assert.equal(controller.current.messages.length, 4);
    });

    it("says honestly what an engine crash left, and the answer can be asked again", async () => {
        const cases: Array<[string[], string]> = [
            [[], "The Hearth engine stopped before it answered."],
            [["half an ans"], "The Hearth engine stopped before the answer was complete. What arrived is kept."]
        ];
        for (const [deltas, error] of cases) {
            const { engine, controller } = await make();
            const sending = controller.send("Q");
            const request = await engine.request(1);
            for (const delta of deltas) engine.delta(delta);
            request.reject(new Error("Connection got disposed."));
            await sending;
            const answer = controller.current.messages[1];
            assert.deepEqual([answer.status, answer.error], ["error", error]);
            const retrying = controller.retry(answer.id);
            (await engine.request(2)).resolve({ text: "Whole.", stopReason: "end", stats });
            await retrying;
            assert.deepEqual(controller.current.messages.map((m) => [m.text, m.status]), [["Q", "done"], ["Whole.", "done"]]);
        }
    });
});

describe("slash commands in the chat", () => {
    it("runs /fix, /doc and /tests on the selection chip, or the current editor, without asking the model", async () => {
        const runs: Array<[string, string | undefined]> = [];
        const { engine, controller, folder, store } = await make(new CountingFolder(), 60_000, { runRefactor: async (refactor, chosen) => void runs.push([refactor, chosen?.id]) });
        controller.setDraft("/doc");
        await store.flush();
        await controller.send("/doc");
        controller.setSelection(selection("s", "let a = 1;"));
        await controller.send("/fix");
        await controller.send("/tests please");
        assert.deepEqual(runs, [["document", undefined], ["fix", "s"], ["tests", "s"]]);
        assert.equal(engine.requests.length, 0);
        assert.equal(controller.current.messages.length, 0, "the conversation is not changed");
        await store.flush();
        assert.equal(storedSession(folder).draft, "", "the command left the box");
    });

    it("explains the code around the cursor when nothing is attached, as the chat's question, titled by it", async () => {
        const around = selection("around", "function f() {}", 2);
        const { engine, controller } = await make(new CountingFolder(), 60_000, { codeAtCursor: async () => around });
        const sending = controller.send("/explain the loop");
        const request = await engine.request(1);
        const [turn] = request.params.messages;
        assert.match(turn.text, /^Explain this code: .*\n\nthe loop$/s);
        assert.equal(turn.context?.[0].text, "function f() {}");
        request.resolve({ text: "It is f.", stopReason: "end", stats });
        await sending;
        assert.equal(controller.current.messages[0].text, "/explain the loop", "the user's words are kept as written");
        assert.equal(controller.current.title, "Explain a.ts:3");
        assert.deepEqual(controller.pendingAttachments, [around], "what was explained is shown as the selection chip");
    });

    it("puts /explain back in the box, saying why, when there is no code to explain", async () => {
        const { engine, controller, posted } = await make(new CountingFolder(), 60_000, { codeAtCursor: async () => undefined });
        await controller.send("/explain");
        assert.equal(engine.requests.length, 0);
        assert.deepEqual(posted.at(-1), { type: "notice", text: "Select the code for /explain, or open a file.", input: "/explain" });
    });
});
