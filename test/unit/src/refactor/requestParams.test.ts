import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diagnosticsInTarget, refactorParamsFor } from "../../../../src/refactor/requestParams";
import { rewriteTarget, type Range } from "../../../../src/refactor/rewriteTarget";

function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
    return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

describe("the request", () => {
    const lines = ["def f(x):", "    y = x +", "    return y", ""];
    const target = rewriteTarget(lines, range(1, 0, 2, 12));

    it("carries the diagnostics on the target's lines, most severe first, lines counted from the target", () => {
        const diagnostics = diagnosticsInTarget(
            [
                { range: range(0, 0, 0, 3), severity: "error", message: "outside" },
                { range: range(2, 4, 2, 10), severity: "warning", message: "unused", source: "pylint" },
                { range: range(1, 8, 1, 11), severity: "error", message: "invalid syntax", source: "Pylance", code: "E999" }
            ],
            target
        );
        assert.deepEqual(diagnostics, [
            { line: 0, severity: "error", message: "invalid syntax", source: "Pylance", code: "E999" },
            { line: 1, severity: "warning", message: "unused", source: "pylint", code: undefined }
        ]);
    });

    it("sends the target dedented with its context, but no context to generate tests", () => {
        const params = refactorParamsFor("edit", target, lines, { languageId: "python", fileName: "f.py", instruction: "fix it" });
        assert.equal(params.code, "y = x +\nreturn y");
        assert.equal(params.before, "def f(x):");
        assert.equal(params.instruction, "fix it");
        assert.equal(refactorParamsFor("tests", target, lines, { languageId: "python", fileName: "f.py" }).before, undefined);
    });
});
