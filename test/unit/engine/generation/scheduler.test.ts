import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ModelScheduler, Priority } from "../../../../engine/generation/scheduler";

function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
}

describe("model scheduler", () => {
    it("runs one job at a time, highest priority first", async () => {
        const scheduler = new ModelScheduler();
        const order: string[] = [];
        const first = gate();
        const running = scheduler.run(Priority.chat, undefined, async () => {
            order.push("chat");
            await first.opened;
        });
        const speculative = scheduler.run(Priority.speculative, undefined, async () => void order.push("speculative"));
        const completion = scheduler.run(Priority.completion, undefined, async () => void order.push("completion"));
        assert.equal(scheduler.busy, true);
        first.open();
        await Promise.all([running, speculative, completion]);
        assert.deepEqual(order, ["chat", "completion", "speculative"]);
        assert.equal(scheduler.busy, false);
    });

    it("drops a waiting job when its signal aborts", async () => {
        const scheduler = new ModelScheduler();
        const first = gate();
        const running = scheduler.run(Priority.completion, undefined, () => first.opened);
        const controller = new AbortController();
        let ran = false;
        const waiting = scheduler.run(Priority.completion, controller.signal, async () => void (ran = true));
        controller.abort(new Error("superseded"));
        await assert.rejects(waiting, /superseded/);
        first.open();
        await running;
        assert.equal(ran, false);
        await scheduler.run(Priority.completion, undefined, async () => undefined);
    });

    it("lets a long job yield to a more urgent one between steps", async () => {
        const scheduler = new ModelScheduler();
        const order: string[] = [];
        const started = gate();
        const proceed = gate();
        const chat = scheduler.run(Priority.chat, undefined, async (slot) => {
            order.push("chat token 1");
            started.open();
            await proceed.opened;
            assert.equal(slot.preempted, true);
            await slot.yieldToHigher();
            order.push("chat token 2");
        });
        await started.opened;
        const completion = scheduler.run(Priority.completion, undefined, async () => void order.push("completion"));
        proceed.open();
        await Promise.all([chat, completion]);
        assert.deepEqual(order, ["chat token 1", "completion", "chat token 2"]);
    });

    it("releases the model when a job throws", async () => {
        const scheduler = new ModelScheduler();
        await assert.rejects(scheduler.run(Priority.chat, undefined, async () => { throw new Error("boom"); }), /boom/);
        assert.equal(await scheduler.run(Priority.chat, undefined, async () => 7), 7);
    });
});
