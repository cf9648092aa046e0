import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readHistory, rememberInstruction } from "../../../../src/refactor/instructionHistory";

describe("instruction history", () => {
    it("puts the latest first, without duplicates, within its limit", () => {
        assert.deepEqual(rememberInstruction(["b", "a"], " a "), ["a", "b"]);
        assert.deepEqual(rememberInstruction(["a"], "  "), ["a"]);
        assert.equal(rememberInstruction(Array.from({ length: 40 }, (_, i) => `${i}`), "new", 30).length, 30);
    });

    it("reads anything that is not a list of strings as empty", () => {
        assert.deepEqual(readHistory(undefined), []);
        assert.deepEqual(readHistory(["ok", 3, ""]), ["ok"]);
    });
});
