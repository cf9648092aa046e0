import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRefactorParams } from "../../../../engine/refactor/refactorRequest";

describe("refactor request parsing", () => {
    const valid = { command: "edit", code: "a\r\nb", languageId: "typescript", instruction: " rename " };

    it("accepts a valid request and normalises line ends", () => {
        const parsed = parseRefactorParams(valid);
        assert.equal(parsed.code, "a\nb");
        assert.equal(parsed.instruction, "rename");
    });

    const rejections: Array<[string, unknown, RegExp]> = [
        ["not an object", null, /must be an object/],
        ["an unknown command", { ...valid, command: "delete" }, /command must be one of/],
        ["empty code", { ...valid, code: "  \n" }, /code is empty/],
        ["an edit without instruction", { ...valid, instruction: "" }, /instruction is required/],
        ["a fix without diagnostics", { ...valid, command: "fix" }, /at least one diagnostic/],
        ["a malformed diagnostic", { ...valid, command: "fix", diagnostics: [{ line: -1, severity: "error", message: "x" }] }, /diagnostics\[0\]\.line/],
        ["a diagnostic of unknown severity", { ...valid, command: "fix", diagnostics: [{ line: 0, severity: "fatal", message: "x" }] }, /severity must be one of/],
        ["maxTokens out of range", { ...valid, maxTokens: 0 }, /maxTokens must be an integer/],
        ["a testFile without name", { ...valid, command: "tests", testFile: { languageId: "ts" } }, /testFile\.fileName must be a string/]
    ];
    for (const [what, raw, message] of rejections) {
        it(`rejects ${what} with a TypeError that names the field`, () => {
            assert.throws(() => parseRefactorParams(raw), (error: Error) => error instanceof TypeError && message.test(error.message));
        });
    }
});
