import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyTextEdit, offsetAt, planApply, proposalText, splitLines, type Eol, type IndentStyle } from "../../../../src/refactor/applyEdit";
import { rewriteTarget, textForModel, type Range } from "../../../../src/refactor/rewriteTarget";

const spaces: IndentStyle = { insertSpaces: true, tabSize: 4 };
const tabs: IndentStyle = { insertSpaces: false, tabSize: 4 };

function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
    return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** Applies `code` from the model to `selection` of `text` exactly as Accept does. */
function accept(text: string, selection: Range, code: string, style = spaces): string {
    const eol: Eol = text.includes("\r\n") ? "\r\n" : "\n";
    const target = rewriteTarget(splitLines(text), selection);
    const textInRange = text.slice(offsetAt(text, target.range.start), offsetAt(text, target.range.end));
    const plan = planApply(target, proposalText(target, code, style, eol), 1, { version: 1, textInRange });
    assert.equal(plan.kind, "apply");
    return applyTextEdit(text, plan.kind === "apply" ? plan.edit : { range: selection, newText: "" });
}

const classSource = [
    "class Calculator {",
    "    add(a, b) {",
    "        return a + b;",
    "    }",
    "",
    "    sub(a, b) {",
    "        return a - b;",
    "    }",
    "}",
    ""
].join("\n");

describe("applying a proposal", () => {
    it("re-indents code the model wrote at the top level to the selection's indentation", () => {
        const result = accept(classSource, range(1, 0, 3, 5), "sum(a, b) {\n    return a + b;\n}");
        assert.equal(result, classSource.replace("    add(a, b) {", "    sum(a, b) {"));
    });

    it("keeps code the model wrote already indented as it is", () => {
        const result = accept(classSource, range(1, 4, 4, 0), "    sum(a, b) {\n        return a + b;\n    }\n");
        assert.equal(result, classSource.replace("add(a, b)", "sum(a, b)"));
    });

    it("sends the model the selection without its base indentation", () => {
        const target = rewriteTarget(splitLines(classSource), range(1, 2, 3, 5));
        assert.equal(target.baseIndent, "    ");
        assert.equal(textForModel(target), "add(a, b) {\n    return a + b;\n}");
    });

    it("replaces exactly a selection inside one line", () => {
        const text = "const total = price * count + shipping;\n";
        const result = accept(text, range(0, 14, 0, 27), "Math.round(price * count)");
        assert.equal(result, "const total = Math.round(price * count) + shipping;\n");
    });

    it("indents the continuation lines of a proposal that starts inside a line", () => {
        const text = "    const value = compute(a);\n";
        const result = accept(text, range(0, 18, 0, 28), "compute(\n    a,\n)");
        assert.equal(result, "    const value = compute(\n        a,\n    );\n");
    });

    it("keeps the blank lines that opened and closed the selection", () => {
        const text = "a();\n\nb();\n\nc();\n";
        const result = accept(text, range(1, 0, 4, 0), "\n\nB();\n\n\n");
        assert.equal(result, "a();\n\nB();\n\nc();\n");
    });

    it("writes CRLF into a CRLF file and leaves its other line ends alone", () => {
        const text = "function f() {\r\n    return 1;\r\n}\r\n\r\nf();\r\n";
        const result = accept(text, range(0, 0, 2, 1), "function f() {\n    return 2;\n}");
        assert.equal(result, "function f() {\r\n    return 2;\r\n}\r\n\r\nf();\r\n");
        assert.ok(!/[^\r]\n/.test(result), "no bare LF");
    });

    it("uses tabs in a tab-indented file even when the model answers with spaces", () => {
        const text = "fn main() {\n\tif ok {\n\t\trun();\n\t}\n}\n";
        const result = accept(text, range(1, 0, 3, 2), "if ok {\n    run();\n    log();\n}", tabs);
        assert.equal(result, "fn main() {\n\tif ok {\n\t\trun();\n\t\tlog();\n\t}\n}\n");
    });

    it("uses spaces in a space-indented file even when the model answers with tabs", () => {
        const text = "def f():\n    if x:\n        y()\n";
        const result = accept(text, range(1, 0, 2, 11), "if x:\n\ty()\n\tz()");
        assert.equal(result, "def f():\n    if x:\n        y()\n        z()\n");
    });

    it("applies nothing when the document changed since the request", () => {
        const target = rewriteTarget(splitLines(classSource), range(1, 0, 3, 5));
        const proposal = proposalText(target, "x", spaces, "\n");
        assert.deepEqual(planApply(target, proposal, 7, { version: 8, textInRange: target.text }), { kind: "documentChanged" });
        assert.deepEqual(planApply(target, proposal, 7, { version: 7, textInRange: target.text.replace("a + b", "a + c") }), { kind: "documentChanged" }, "reopened: same version, other text");
        assert.equal(planApply(target, proposal, 7, { version: 7, textInRange: target.text.replace(/\n/g, "\r\n") }).kind, "apply");
    });

    it("accepts an empty proposal as deleting the selection, nothing more", () => {
        assert.equal(accept("a\nb\nc\n", range(1, 0, 1, 1), ""), "a\n\nc\n");
    });

    it("leaves every byte outside the selection of a 10,000-line file identical", () => {
        const lines = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? "" : `${"\t".repeat(i % 3)}line ${i}; // ünïcödé ${"x".repeat(i % 50)}`));
        const text = lines.join("\r\n") + "\r\n";
        const selection = range(5000, 0, 5003, lines[5003].length);
        const result = accept(text, selection, "replaced();\nagain();", tabs);
        const target = rewriteTarget(splitLines(text), selection);
        const startOffset = lines.slice(0, 5000).reduce((sum, line) => sum + line.length + 2, 0);
        const endOffset = lines.slice(0, 5004).reduce((sum, line) => sum + line.length + 2, 0) - 2;
        const before = Buffer.from(text.slice(0, startOffset));
        const after = Buffer.from(text.slice(endOffset));
        const bytes = Buffer.from(result);
        assert.ok(bytes.subarray(0, before.length).equals(before), "the bytes before the selection are identical");
        assert.ok(bytes.subarray(bytes.length - after.length).equals(after), "the bytes after the selection are identical");
        assert.equal(result.slice(startOffset, result.length - (text.length - endOffset)), `${target.baseIndent}replaced();\r\n${target.baseIndent}again();`);
        assert.equal(splitLines(result).length, splitLines(text).length - 2);
    });
});
