import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { IdleUnload } from "../../../../engine/runtime/idleUnload";

describe("idle unload", () => {
    it("unloads once the model has gone unused for the configured minutes, and never at 0", (t) => {
        t.mock.timers.enable({ apis: ["setTimeout"] });
        const unload = mock.fn();
        const idle = new IdleUnload({ busy: () => false, unload });
        idle.setMinutes(0);
        t.mock.timers.tick(24 * 3600_000);
        assert.equal(unload.mock.callCount(), 0);
        idle.setMinutes(5);
        t.mock.timers.tick(4 * 60_000);
        idle.touch();
        t.mock.timers.tick(4 * 60_000);
        assert.equal(unload.mock.callCount(), 0, "use restarts the countdown");
        t.mock.timers.tick(60_000);
        assert.equal(unload.mock.callCount(), 1);
        idle.stop();
    });

    it("waits for another countdown while a job runs on the model", (t) => {
        t.mock.timers.enable({ apis: ["setTimeout"] });
        const unload = mock.fn();
        let busy = true;
        const idle = new IdleUnload({ busy: () => busy, unload });
        idle.setMinutes(1);
        t.mock.timers.tick(60_000);
        assert.equal(unload.mock.callCount(), 0, "busy: not idle");
        busy = false;
        t.mock.timers.tick(60_000);
        assert.equal(unload.mock.callCount(), 1);
        idle.stop();
    });
});
