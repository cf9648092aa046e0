import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseChecker } from "../../../bench/quality/parses";

describe("parse checks", () => {
    it("tells Python and JavaScript (module or script) that parse from those that do not", () => {
        const checker = new ParseChecker();
        const results = checker.checkAll([
            { language: "python", source: "def f(x):\n    return x\n" },
            { language: "python", source: "def f(x:\n    return x\n" },
            { language: "javascript", source: "export function f(x) {\n    return x;\n}\n" },
            { language: "javascript", source: "function f(x) {\n    return x;\n" },
            { language: "javascript", source: "const a = require('a');\nmodule.exports = a;\n" },
            { language: "python", source: "def f(x):\n    return x\n" }
        ]);
        assert.deepEqual(results, [true, false, true, false, true, true]);
    });
});
