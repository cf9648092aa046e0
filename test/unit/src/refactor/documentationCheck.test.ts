import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { firstChangedLine } from "../../../../src/refactor/documentationCheck";

describe("documentation check", () => {
    it("accepts added comments and re-indentation, and names the first changed line", () => {
        const original = "def f(x):\n    return x";
        assert.equal(firstChangedLine(original, 'def f(x):\n    """Return x."""\n    return x'), undefined);
        assert.equal(firstChangedLine(original, "def f(y):\n    return y"), "def f(x):");
        assert.equal(firstChangedLine("a()\nb()", "b()\na()"), "b()");
    });
});
