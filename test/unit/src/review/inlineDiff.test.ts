import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diffLines, fitsInline, gutterText, inlineLineLimit, inlineView } from "../../../../src/review/inlineDiff";

/** A view line written compactly: " 3 text" same, "-3 text" removed, "+  text" added. */
function compact(lines: ReturnType<typeof inlineView>["lines"]): string[] {
    return lines.map((line) => `${line.kind === "added" ? "+" : line.kind === "removed" ? "-" : " "}${line.number ?? " "} ${line.text}`);
}

const FILE = ["function area(w, h) {", "    return w * h;", "}", "", "const x = 1;"];

interface Case {
    name: string;
    range: [number, number, number, number];
    replacement: string;
    view: string[];
    first: number;
    last: number;
}

const cases: Case[] = [
    {
        name: "a changed line: the old line struck at its number, the new one after it, the rest numbered as in the file",
        range: [1, 0, 1, 17],
        replacement: "    return 42;",
        view: [" 1 function area(w, h) {", "-2     return w * h;", "+  " + "    return 42;", " 3 }", " 4 ", " 5 const x = 1;"],
        first: 1,
        last: 2
    },
    {
        name: "lines added inside kept code: only the new lines are marked",
        range: [0, 0, 2, 1],
        replacement: "function area(w, h) {\n    // the area\n    return w * h;\n}",
        view: [" 1 function area(w, h) {", "+      // the area", " 2     return w * h;", " 3 }", " 4 ", " 5 const x = 1;"],
        first: 1,
        last: 1
    },
    {
        name: "a selection inside one line keeps the text around it on the proposed line",
        range: [4, 10, 4, 11],
        replacement: "2",
        view: [" 1 function area(w, h) {", " 2     return w * h;", " 3 }", " 4 ", "-5 const x = 1;", "+  const x = 2;"],
        first: 4,
        last: 5
    },
    {
        name: "an empty proposal for whole lines leaves one empty line, as Accept does",
        range: [1, 0, 1, 17],
        replacement: "",
        view: [" 1 function area(w, h) {", "-2     return w * h;", "+  ", " 3 }", " 4 ", " 5 const x = 1;"],
        first: 1,
        last: 2
    },
    {
        name: "a proposal identical to the target marks nothing and opens at the target",
        range: [2, 0, 2, 1],
        replacement: "}",
        view: [" 1 function area(w, h) {", " 2     return w * h;", " 3 }", " 4 ", " 5 const x = 1;"],
        first: 2,
        last: 2
    }
];

describe("inline review view", () => {
    for (const c of cases) {
        it(c.name, () => {
            const [startLine, startCharacter, endLine, endCharacter] = c.range;
            const view = inlineView(FILE, { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } }, c.replacement);
            assert.deepEqual(compact(view.lines), c.view);
            assert.deepEqual([view.first, view.last], [c.first, c.last]);
        });
    }

    it("puts the removed lines of each changed stretch before its added lines, and keeps the common lines once", () => {
        const changes = diffLines(["a", "b", "c", "d"], ["a", "B", "c", "D", "e"]);
        assert.deepEqual(
            changes.map((change) => `${change.kind[0]}${change.index}${change.text}`),
            ["s0a", "r1b", "a1B", "s2c", "r3d", "a3D", "a4e"]
        );
    });

    it("is reviewed inline up to the line limit, in a diff editor past it", () => {
        const lines = (count: number) => ({ start: { line: 10, character: 4 }, end: { line: 10 + count - 1, character: 0 } });
        assert.deepEqual([1, inlineLineLimit, inlineLineLimit + 1].map((count) => fitsInline(lines(count))), [true, true, false]);
    });

    it("numbers a line right-aligned with its sign, in no-break spaces", () => {
        assert.equal(gutterText({ text: "", kind: "removed", number: 7 }, 3), "\u00a0\u00a07\u00a0−\u00a0");
        assert.equal(gutterText({ text: "", kind: "added" }, 2), "\u00a0\u00a0\u00a0+\u00a0");
        assert.equal(gutterText({ text: "", kind: "same", number: 120 }, 3), "120\u00a0\u00a0\u00a0");
    });
});
