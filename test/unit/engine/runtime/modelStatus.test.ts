import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EngineStatus } from "../../../../engine/protocol";
import { ModelStatus } from "../../../../engine/runtime/modelStatus";

describe("model status", () => {
    it("publishes every change and wakes waiters once the state settles, not while it loads", async () => {
        const published: string[] = [];
        const status = new ModelStatus((s) => published.push(s.state));
        let woken = false;
        const waiting = status.settled().then(() => (woken = true));
        status.set({ state: "loading", model: "m.gguf", path: "/m.gguf", progress: 0 });
        await Promise.resolve();
        assert.equal(woken, false);
        status.set({ state: "ready", model: "m.gguf", path: "/m.gguf" });
        await waiting;
        assert.deepEqual(published, ["loading", "ready"]);
    });

    it("reports load progress in whole percents only, and only while loading", () => {
        const published: EngineStatus[] = [];
        const status = new ModelStatus((s) => published.push(s));
        status.set({ state: "loading", model: "m.gguf", path: "/m.gguf", progress: 0 });
        for (const fraction of [0.001, 0.004, 0.011, 0.012, 0.5]) status.progress(fraction);
        assert.deepEqual(published.map((s) => s.progress), [0, 0.011, 0.5]);
        status.set({ state: "error", message: "gone" });
        status.progress(0.9);
        assert.equal(published.length, 4);
    });

    it("stops waiting when the request is cancelled", async () => {
        const status = new ModelStatus(() => undefined);
        const controller = new AbortController();
        const waiting = status.settled(controller.signal);
        controller.abort();
        await waiting;
        assert.equal(status.value.state, "starting");
    });
});
