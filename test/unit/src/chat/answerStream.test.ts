import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explainFailure } from "../../../../src/chat/answerStream";
import { CountingFolder, makeController as make, stats, stored, storedSession } from "./chatFakes";

describe("an answer streaming in", () => {
    it("saves the user's message before the engine sees it", async () => {
        const { folder, engine, controller } = await make();
        const sending = controller.send("Explain closures");
        const request = await engine.request(1);
        const saved = stored(folder, controller.current.id);
        assert.equal(storedSession(folder).current, controller.current.id, "and the conversation is the open one");
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

        // The window reloads while the answer streams: a new store and controller over the same folder.
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

    it("says why without asking the engine when it is not running", async () => {
        const { engine, controller, folder } = await make(new CountingFolder(), 60_000, { engineUnavailable: () => "The Hearth engine is not running. Run \"Hearth: Restart Engine\"." });
        await controller.send("Hello?");
        assert.equal(engine.requests.length, 0);
        const answer = stored(folder, controller.current.id).messages[1];
        assert.equal(answer.status, "error");
        assert.equal(answer.error, "The Hearth engine is not running. Run \"Hearth: Restart Engine\".");
    });

    it("tells the walkthrough when an answer arrived whole, and only then", async () => {
        let answered = 0;
        const { engine, controller } = await make(new CountingFolder(), 60_000, { answered: () => answered++ });
        const stopped = controller.send("Q1");
        controller.stop();
        (await engine.request(1)).resolve({ text: "", stopReason: "cancelled", stats });
        await stopped;
        const whole = controller.send("Q2");
        (await engine.request(2)).resolve({ text: "A", stopReason: "end", stats });
        await whole;
        assert.equal(answered, 1);
    });

    it("says what an engine crash left in words for the user; other errors as they are", () => {
        const crash = new Error("Connection got disposed.");
        const cases: Array<[unknown, boolean, string]> = [
            [crash, false, "The Hearth engine stopped before it answered."],
            [crash, true, "The Hearth engine stopped before the answer was complete. What arrived is kept."],
            [new Error("No model is loaded."), true, "No model is loaded."]
        ];
        for (const [error, arrived, said] of cases) assert.equal(explainFailure(error, arrived), said);
    });
});
