import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ThreadGovernor, type CpuSample } from "../../../../../engine/runtime/local/threadGovernor";

/** A clock of CPU samples the test advances by hand: each step, so many cores idle and so many used by this process. */
function machine() {
    let now: CpuSample = { at: 0, idleMs: 0, ownMs: 0 };
    return {
        sample: () => now,
        pass(ms: number, idleCores: number, ownCores: number) {
            now = { at: now.at + ms, idleMs: now.idleMs + ms * idleCores, ownMs: now.ownMs + ms * ownCores };
        }
    };
}

describe("thread governor", () => {
    // idle cores, cores this process used, over the last second → threads for the next job (of 2 wanted)
    const cases: Array<[string, number, number, number]> = [
        ["an idle machine", 2, 0, 2],
        ["a machine this process alone keeps busy", 0, 2, 2],
        ["another process busy on one core while this one waits", 1, 0, 1],
        ["another process sharing the cores with this one", 0, 1.1, 1],
        ["every core busy with other processes", 0, 0, 1]
    ];
    for (const [what, idle, own, threads] of cases) {
        it(`uses ${threads} thread(s) on ${what}`, async () => {
            const cpu = machine();
            const limit = { maxThreads: 2 };
            const governor = new ThreadGovernor(cpu.sample, () => 0);
            try {
                cpu.pass(1000, idle, own);
                assert.equal(governor.threads(2), threads);
                let during = 0;
                await governor.runner(limit, 2)(async () => void (during = limit.maxThreads));
                assert.equal(during, threads);
                assert.equal(limit.maxThreads, 2, "the limit goes back after the job");
            } finally {
                governor.dispose();
            }
        });
    }

    it("never uses more threads than wanted, nor than llama.cpp allows", async () => {
        const cpu = machine();
        const governor = new ThreadGovernor(cpu.sample, () => 0);
        cpu.pass(1000, 8, 0);
        const limit = { maxThreads: 3 };
        let during = 0;
        await governor.runner(limit, 4)(async () => void (during = limit.maxThreads));
        assert.equal(during, 3);
        governor.dispose();
    });

    it("goes by the load average before it has watched the machine for long", () => {
        const cpu = machine();
        const busy = new ThreadGovernor(cpu.sample, () => 64);
        assert.equal(busy.threads(2), 1);
        busy.dispose();
    });
});
