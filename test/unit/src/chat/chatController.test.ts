import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chatRequestLimits } from "../../../../engine/protocol";
import { makeController as make, MemoryState, selection, stats, stored } from "./chatFakes";

describe("chat history", () => {
    it("saves the user's message before the engine sees it", async () => {
        const { state, engine, controller } = make();
        const sending = controller.send("Explain closures");
        const request = await engine.request(1);
        const saved = stored(state, controller.current.id);
        assert.equal(saved.messages[0].text, "Explain closures");
        assert.equal(saved.messages[1].status, "streaming");
        assert.deepEqual(request.params.messages, [{ role: "user", text: "Explain closures" }]);
        request.resolve({ text: "", stopReason: "end", stats });
        await sending;
    });

    it("keeps partial answers while they stream and restores them after a reload, marked", async () => {
        const { state, engine, controller, store } = make(new MemoryState(), 0);
        void controller.send("Write a loop");
        await engine.request(1);
        engine.delta("for (let i = 0;");
        engine.delta(" i < n; i++)");
        await store.flush();

        // The window reloads while the answer streams: a new store and controller over the same workspace state.
        const reloaded = make(state);
        const conversation = reloaded.controller.current;
        assert.equal(conversation.title, "Write a loop");
        assert.equal(conversation.messages[1].text, "for (let i = 0; i < n; i++)");
        assert.equal(conversation.messages[1].status, "interrupted");
        reloaded.controller.ready();
        const shown = reloaded.posted.find((m) => m.type === "state");
        assert.ok(shown && shown.type === "state" && shown.conversation.messages[1].status === "interrupted");
    });

    it("throttles saves while an answer streams", async () => {
        const { state, engine, controller, store } = make(new MemoryState(), 60_000);
        void controller.send("Q");
        await engine.request(1);
        await store.flush();
        const before = state.writes;
        for (let i = 0; i < 50; i++) engine.delta(`${i} `);
        await store.flush();
        assert.equal(state.writes - before, 2, "fifty deltas, one save (the conversation and the index)");
        assert.match(stored(state, controller.current.id).messages[1].text, /^0 1 2 .* 49 $/);
    });

    it("writes the whole streamed answer when the throttle runs, and on flush", async () => {
        const { state, engine, controller, store } = make(new MemoryState(), 20);
        void controller.send("Q");
        await engine.request(1);
        engine.delta("one");
        engine.delta(" two");
        engine.delta(" three");
        await store.flush();
        assert.equal(stored(state, controller.current.id).messages[1].text, "one two three");
    });

    it("keeps what arrived and marks it when the engine fails mid-answer", async () => {
        const { state, engine, controller, posted } = make();
        const sending = controller.send("Q");
        const request = await engine.request(1);
        engine.delta("half an ans");
        request.reject(new Error("Connection got disposed."));
        await sending;
        const message = stored(state, controller.current.id).messages[1];
        assert.equal(message.text, "half an ans");
        assert.equal(message.status, "error");
        assert.match(message.error!, /engine stopped/);
        const last = posted.at(-1);
        assert.ok(last?.type === "state" && last.busy === false);
    });

    it("stops on request and keeps the text the engine returns", async () => {
        const { state, engine, controller } = make();
        const sending = controller.send("Q");
        const request = await engine.request(1);
        engine.delta("partial");
        controller.stop();
        assert.equal(request.signal.aborted, true);
        request.resolve({ text: "partial", stopReason: "cancelled", stats });
        await sending;
        assert.equal(stored(state, controller.current.id).messages[1].status, "stopped");
    });

    it("records the engine's notes: a shortened conversation, the length limit", async () => {
        const { state, engine, controller } = make();
        const sending = controller.send("Q");
        const request = await engine.request(1);
        const truncation = { droppedMessages: 4, contextCut: false, messageCut: false, note: "The conversation is longer than the model's context: the 4 oldest messages were left out." };
        engine.delta("", { truncation });
        engine.delta("A");
        request.resolve({ text: "A", stopReason: "maxTokens", truncation, stats });
        await sending;
        const notes = stored(state, controller.current.id).messages[1].notes!;
        assert.equal(notes.length, 2);
        assert.match(notes[0], /4 oldest messages/);
        assert.match(notes[1], /length limit/);
    });

    it("keeps the selection attached for the follow-up, and sends it once, with the newest message", async () => {
        const { engine, controller, posted } = make();
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
        const { engine, controller, store } = make();
        const first = controller.send("First chat");
        (await engine.request(1)).resolve({ text: "ok", stopReason: "end", stats });
        await first;
        const firstId = controller.current.id;
        controller.newChat();
        const second = controller.send("Second chat");
        (await engine.request(2)).resolve({ text: "ok", stopReason: "end", stats });
        await second;
        assert.deepEqual(store.list().map((c) => c.title).sort(), ["First chat", "Second chat"]);
        controller.switchTo(firstId);
        assert.equal(controller.current.messages[0].text, "First chat");
        await controller.delete(firstId);
        assert.deepEqual(store.list().map((c) => c.title), ["Second chat"]);
        assert.equal(controller.current.messages.length, 0);
    });

    it("sends attachments whole, and cuts only what is beyond what a chat request carries, saying so", async () => {
        const { engine, controller, state } = make();
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
        const [question, answer] = stored(state, controller.current.id).messages;
        assert.match(question.attachments![0].cut!, /a chat request carries at most/);
        assert.match(answer.notes![0], /attached context was cut/);
    });

    it("says why without asking the engine when it is not running", async () => {
        const { engine, controller, state } = make(new MemoryState(), 60_000, { engineUnavailable: () => "The Hearth engine is not running. Run \"Hearth: Restart Engine\"." });
        await controller.send("Hello?");
        assert.equal(engine.requests.length, 0);
        const answer = stored(state, controller.current.id).messages[1];
        assert.equal(answer.status, "error");
        assert.equal(answer.error, "The Hearth engine is not running. Run \"Hearth: Restart Engine\".");
    });

    it("restores the draft the user had not sent", async () => {
        const { state, controller, store } = make();
        controller.setDraft("half a thought");
        await store.flush();
        assert.equal(make(state).store.draft, "half a thought");
    });
});

describe("the last turn: retry and edit", () => {
    /** A controller with one question about the selection `let a = 1;` answered "First answer." */
    async function answeredOnce() {
        const made = make();
        made.controller.setSelection(selection("s", "let a = 1;"));
        const first = made.controller.send("What is a?");
        (await made.engine.request(1)).resolve({ text: "First answer.", stopReason: "end", stats });
        await first;
        return made;
    }

    it("asks the last question again, with the context it was sent with, in place of its answer", async () => {
        const { engine, controller, state } = await answeredOnce();
        controller.setSelection(selection("t", "let b = 2;"));
        const answerId = controller.current.messages[1].id;
        const retrying = controller.retry(answerId);
        const request = await engine.request(2);
        assert.deepEqual(request.params.messages, [{ role: "user", text: "What is a?", context: [{ kind: "selection", source: "a.ts", language: "typescript", text: "let a = 1;", startLine: 0 }] }]);
        request.resolve({ text: "Second answer.", stopReason: "end", stats });
        await retrying;
        assert.deepEqual(stored(state, controller.current.id).messages.map((m) => m.text), ["What is a?", "Second answer."]);
    });

    it("sends an edited last question in place of the old one and its answer, keeping its context", async () => {
        const { engine, controller, state } = await answeredOnce();
        const resending = controller.resend(controller.current.messages[0].id, "  What is a, in words?  ");
        const request = await engine.request(2);
        assert.equal(request.params.messages.length, 1);
        assert.equal(request.params.messages[0].text, "What is a, in words?");
        assert.equal(request.params.messages[0].context?.[0].text, "let a = 1;");
        request.resolve({ text: "A one.", stopReason: "end", stats });
        await resending;
        const saved = stored(state, controller.current.id);
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
            const { engine, controller } = make();
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

    it("tells the walkthrough when an answer arrived whole, and only then", async () => {
        let answered = 0;
        const { engine, controller } = make(new MemoryState(), 60_000, { answered: () => answered++ });
        const stopped = controller.send("Q1");
        controller.stop();
        (await engine.request(1)).resolve({ text: "", stopReason: "cancelled", stats });
        await stopped;
        const whole = controller.send("Q2");
        (await engine.request(2)).resolve({ text: "A", stopReason: "end", stats });
        await whole;
        assert.equal(answered, 1);
    });
});

describe("slash commands in the chat", () => {
    it("runs /fix, /doc and /tests on the selection chip, or the current editor, without asking the model", async () => {
        const runs: Array<[string, string | undefined]> = [];
        const { engine, controller, state } = make(new MemoryState(), 60_000, { runRefactor: async (refactor, chosen) => void runs.push([refactor, chosen?.id]) });
        await controller.send("/doc");
        controller.setSelection(selection("s", "let a = 1;"));
        await controller.send("/fix");
        await controller.send("/tests please");
        assert.deepEqual(runs, [["document", undefined], ["fix", "s"], ["tests", "s"]]);
        assert.equal(engine.requests.length, 0);
        assert.equal(controller.current.messages.length, 0, "the conversation is not changed");
        assert.equal(state.get("hearth.chat.draft"), "");
    });

    it("explains the code around the cursor when nothing is attached, as the chat's question, titled by it", async () => {
        const around = selection("around", "function f() {}", 2);
        const { engine, controller } = make(new MemoryState(), 60_000, { codeAtCursor: async () => around });
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
        const { engine, controller, posted } = make(new MemoryState(), 60_000, { codeAtCursor: async () => undefined });
        await controller.send("/explain");
        assert.equal(engine.requests.length, 0);
        assert.deepEqual(posted.at(-1), { type: "notice", text: "Select the code for /explain, or open a file.", input: "/explain" });
    });
});
