import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyTextEdit, planApply, proposalText, splitLines } from "../../../../src/refactor/applyEdit";
import { chooseTarget, surroundingContext, type Range, type TargetHints } from "../../../../src/refactor/rewriteTarget";

function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
    return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

const fn = "function f() {\n    const a = 1;\n    return a;\n}\n";
const twins = "function a() {\n    return 1;\n}\n\nfunction b() {\n    return 1;\n}\n";

interface Case {
    name: string;
    document: string;
    hints: TargetHints;
    /** What the proposal replaces. */
    range: Range;
    /** The document after Accept with `code` from the model. */
    code: string;
    after: string;
}

const cases: Case[] = [
    {
        name: "a selection of lines widens to whole lines",
        document: fn,
        hints: { selection: range(1, 2, 2, 13) },
        range: range(1, 0, 2, 13),
        code: "return 1;",
        after: "function f() {\n    return 1;\n}\n"
    },
    {
        name: "a line the selection only touches at its start is left out",
        document: fn,
        hints: { selection: range(1, 0, 3, 0) },
        range: range(1, 0, 2, 13),
        code: "return 1;",
        after: "function f() {\n    return 1;\n}\n"
    },
    {
        name: "a selection inside a line stays exact",
        document: fn,
        hints: { selection: range(1, 10, 1, 15) },
        range: range(1, 10, 1, 15),
        code: "b = 2",
        after: fn.replace("a = 1", "b = 2")
    },
    {
        name: "the attached selection is replaced at its own place when its code repeats",
        document: twins,
        hints: { attached: { text: "    return 1;\n", startLine: 5 }, selection: range(0, 0, 0, 14) },
        range: range(5, 0, 5, 13),
        code: "return 2;",
        after: twins.replace(/return 1;(?=\n}\n$)/, "return 2;")
    },
    {
        name: "the attached selection nearest to where it was, even when it moved down",
        document: twins,
        hints: { attached: { text: "return 1;", startLine: 0 } },
        range: range(1, 0, 1, 13),
        code: "return 2;",
        after: twins.replace("return 1;", "return 2;")
    },
    {
        name: "the attached selection is found whatever its line ends",
        document: fn,
        hints: { attached: { text: "    const a = 1;\r\n    return a;\r\n", startLine: 1 } },
        range: range(1, 0, 2, 13),
        code: "return 1;",
        after: "function f() {\n    return 1;\n}\n"
    },
    {
        name: "the editor's selection serves when the attached code is gone",
        document: twins,
        hints: { attached: { text: "no longer there", startLine: 0 }, selection: range(0, 0, 0, 14) },
        range: range(0, 0, 0, 14),
        code: "function c() {",
        after: twins.replace("function a() {", "function c() {")
    },
    {
        name: "blank attached code is no attachment",
        document: fn,
        hints: { attached: { text: "  \n", startLine: 0 }, selection: range(2, 4, 2, 13) },
        range: range(2, 0, 2, 13),
        code: "return 2;",
        after: fn.replace("return a;", "return 2;")
    },
    {
        name: "with nothing selected the block around the cursor is replaced",
        document: twins,
        hints: { selection: range(5, 3, 5, 3), block: { startLine: 4, endLine: 6 } },
        range: range(4, 0, 6, 1),
        code: "const b = () => 1;",
        after: twins.replace("function b() {\n    return 1;\n}", "const b = () => 1;")
    },
    {
        name: "with nothing selected and no block the whole file is replaced, keeping its final line break",
        document: twins,
        hints: { selection: range(2, 0, 2, 0) },
        range: range(0, 0, 6, 1),
        code: "const x = 1;",
        after: "const x = 1;\n"
    },
    {
        name: "an empty file is replaced whole",
        document: "",
        hints: {},
        range: range(0, 0, 0, 0),
        code: "const x = 1;",
        after: "const x = 1;"
    }
];

describe("what a proposal replaces", () => {
    for (const c of cases) {
        it(c.name, () => {
            const lines = splitLines(c.document);
            const target = chooseTarget(lines, c.hints);
            assert.deepEqual(target.range, c.range);
            const plan = planApply(target, proposalText(target, c.code, { insertSpaces: true, tabSize: 4 }, "\n"), 1, { version: 1, textInRange: target.text });
            assert.equal(plan.kind, "apply");
            assert.equal(plan.kind === "apply" && applyTextEdit(c.document, plan.edit), c.after);
        });
    }
});

describe("the context around the target", () => {
    const lines = splitLines(fn);

    it("puts the start of a cut line in the context before, and its end in the context after", () => {
        const { before, after } = surroundingContext(lines, range(1, 10, 1, 15));
        assert.equal(before, "function f() {\n    const ");
        assert.equal(after, ";\n    return a;\n}\n");
    });

    it("bounds the context by lines and by characters", () => {
        const many = Array.from({ length: 500 }, (_, i) => `line ${i}`);
        const { before, after } = surroundingContext(many, range(250, 0, 250, 8), 60, 100_000);
        assert.equal(before.split("\n").length, 60);
        assert.ok(before.endsWith("line 249"));
        assert.equal(after.split("\n").length, 60);
        const tight = surroundingContext(many, range(250, 0, 250, 8), 60, 40);
        assert.ok(tight.before.length <= 40 && tight.before.endsWith("line 249"));
    });
});
