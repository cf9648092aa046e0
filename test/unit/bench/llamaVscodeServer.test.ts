import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { llamaVscodeServerArgs } from "../../bench/llamaVscodeServer";

/** The value after `flag` on the command line. */
const valueOf = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe("llama.vscode's llama-server command line", () => {
    const cases: Array<[number, number | undefined, { c: string; np: string; b: string }]> = [
        [1, undefined, { c: "8192", np: "1", b: "1024" }],
        [4, undefined, { c: "32768", np: "4", b: "1024" }],
        [1, 1024, { c: "1024", np: "1", b: "512" }]
    ];
    for (const [slots, contextPerSlot, expected] of cases) {
        it(`${slots} slot(s) of ${contextPerSlot ?? "the default"} tokens: -c ${expected.c} -np ${expected.np}, batch ${expected.b}`, () => {
            const args = llamaVscodeServerArgs(slots, contextPerSlot);
            assert.deepEqual({ c: valueOf(args, "-c"), np: valueOf(args, "-np"), b: valueOf(args, "-b") }, expected);
            assert.equal(valueOf(args, "-ub"), expected.b);
        });
    }
});
