import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { configureDebugKnobs, debugKnobs } from "../../../../engine/server/debugKnobs";

const off = { completionFixedTokens: 0, refactorIgnoresEndOfText: false, downloadStallTimeoutMs: 0, completionPromptTokensPerSecond: 0, serverTimeoutMs: 0, modelLoadPauseMs: 0 };

describe("debug knobs", () => {
    afterEach(() => configureDebugKnobs(off));

    it("start off", () => assert.deepEqual(debugKnobs(), off));

    it("change only the knobs named, and answer with all of them", () => {
        assert.deepEqual(configureDebugKnobs({ completionFixedTokens: 8 }), { ...off, completionFixedTokens: 8 });
        assert.deepEqual(configureDebugKnobs({ refactorIgnoresEndOfText: true }), { ...off, completionFixedTokens: 8, refactorIgnoresEndOfText: true });
        assert.deepEqual(debugKnobs(), { ...off, completionFixedTokens: 8, refactorIgnoresEndOfText: true });
    });

    // Each bad request also names a good knob, which must not change either.
    const rejected: Array<[string, unknown, RegExp]> = [
        ["params that are not an object", [1], /params must be an object/],
        ["an unknown knob", { downloadStallTimeoutMs: 1500, fixedTokens: 8 }, /fixedTokens is not a knob; the knobs are completionFixedTokens, /],
        ["a negative count", { downloadStallTimeoutMs: 1500, completionFixedTokens: -1 }, /completionFixedTokens must be an integer from 0 to 1024/],
        ["too many tokens", { downloadStallTimeoutMs: 1500, completionFixedTokens: 5000 }, /from 0 to 1024/],
        ["a fraction", { completionFixedTokens: 8, downloadStallTimeoutMs: 1.5 }, /downloadStallTimeoutMs must be an integer/],
        ["a string for a flag", { completionFixedTokens: 8, refactorIgnoresEndOfText: "yes" }, /refactorIgnoresEndOfText must be true or false/]
    ];
    for (const [name, raw, message] of rejected) {
        it(`refuse ${name} and change nothing`, () => {
            assert.throws(() => configureDebugKnobs(raw), (e: Error) => e instanceof TypeError && message.test(e.message));
            assert.deepEqual(debugKnobs(), off);
        });
    }
});
