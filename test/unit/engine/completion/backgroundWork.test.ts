import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BackgroundWork } from "../../../../engine/completion/backgroundWork";
import type { Logger } from "../../../../engine/server/log";

function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
}

const warnings: string[] = [];
const log = { warn: (message: string) => warnings.push(message), debug: () => undefined, info: () => undefined, error: () => undefined } as unknown as Logger;

describe("background work", () => {
    it("runs its jobs one after another, and a failure stops none but itself", async () => {
        const work = new BackgroundWork(log);
        const order: string[] = [];
        const done = gate();
        work.start([
            async () => void order.push("speculate"),
            async () => {
                throw new Error("boom");
            },
            async () => {
                order.push("warm");
                done.open();
            }
        ]);
        await done.opened;
        assert.deepEqual(order, ["speculate", "warm"]);
        assert.match(warnings.at(-1)!, /boom/);
    });

    it("stops at once: the job running sees its signal abort, and the next never starts", async () => {
        const work = new BackgroundWork(log);
        const started = gate();
        let aborted = false;
        let next = false;
        work.start([
            (signal) =>
                new Promise<void>((_, reject) => {
                    signal.addEventListener("abort", () => ((aborted = true), reject(new Error("aborted"))));
                    started.open();
                }),
            async () => void (next = true)
        ]);
        await started.opened;
        const before = warnings.length;
        work.stop();
        await new Promise((resolve) => setImmediate(resolve));
        assert.equal(aborted, true);
        assert.equal(next, false);
        assert.equal(warnings.length, before, "an abort is not a failure");
    });
});
