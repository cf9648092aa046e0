import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { firstKeystrokes, traceStats, type Step, type Trace } from "../../bench/trace";

const key = (text: string, pause = false): Step => ({ kind: "edit", deleteBefore: 0, text, delayMs: 100, pause });
const trace: Trace = {
    name: "t",
    steps: [{ kind: "open", uri: "file:///a.ts", text: "" }, { kind: "jump", uri: "file:///a.ts", offset: 0, delayMs: 0 }, key("a"), key("b", true), key("c"), { kind: "jump", uri: "file:///a.ts", offset: 0, delayMs: 0 }, key("d", true)]
};

describe("a trace cut to its first keystrokes", () => {
    const cases: Array<[number | undefined, string, { keystrokes: number; pauses: number; jumps: number }]> = [
        [undefined, "the whole trace", { keystrokes: 4, pauses: 2, jumps: 2 }],
        [10, "the whole trace when it has fewer", { keystrokes: 4, pauses: 2, jumps: 2 }],
        [1, "one keystroke, then a pause", { keystrokes: 1, pauses: 1, jumps: 1 }],
        [3, "what comes before the fourth keystroke, ending with a pause", { keystrokes: 3, pauses: 2, jumps: 2 }]
    ];
    for (const [keystrokes, what, expected] of cases) {
        it(`${keystrokes ?? "no limit"}: ${what}`, () => {
            const { keystrokes: kept, pauses, jumps } = traceStats(firstKeystrokes(trace, keystrokes));
            assert.deepEqual({ keystrokes: kept, pauses, jumps }, expected);
        });
    }

    it("leaves the trace it cut unchanged", () => {
        firstKeystrokes(trace, 1);
        assert.equal((trace.steps[2] as Extract<Step, { kind: "edit" }>).pause, false);
    });
});
