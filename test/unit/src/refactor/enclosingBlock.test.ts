import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enclosingSymbol, indentationBlock, type SymbolNode } from "../../../../src/refactor/enclosingBlock";
import type { Range } from "../../../../src/refactor/rewriteTarget";

function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
    return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

describe("the code around the cursor", () => {
    const symbols: SymbolNode[] = [
        {
            role: "container",
            range: range(0, 0, 20, 1),
            children: [
                { role: "other", range: range(1, 4, 1, 20), children: [] },
                { role: "function", range: range(3, 4, 9, 5), children: [{ role: "other", range: range(4, 8, 6, 10), children: [] }] }
            ]
        }
    ];

    it("is the innermost function from the symbol provider", () => {
        assert.deepEqual(enclosingSymbol(symbols, { line: 5, character: 10 }), { startLine: 3, endLine: 9 });
    });

    it("is the smallest function of a flat symbol list", () => {
        const flat: SymbolNode[] = [
            { role: "container", range: range(0, 0, 20, 1), children: [] },
            { role: "function", range: range(3, 4, 9, 5), children: [] },
            { role: "function", range: range(5, 8, 7, 9), children: [] }
        ];
        assert.deepEqual(enclosingSymbol(flat, { line: 6, character: 0 }), { startLine: 5, endLine: 7 });
    });

    it("falls back to a multi-line symbol, then a class", () => {
        const noFunction: SymbolNode[] = [{ role: "container", range: range(0, 0, 20, 1), children: [{ role: "other", range: range(2, 0, 6, 1), children: [] }] }];
        assert.deepEqual(enclosingSymbol(noFunction, { line: 3, character: 0 }), { startLine: 2, endLine: 6 });
        assert.deepEqual(enclosingSymbol(symbols, { line: 15, character: 0 }), { startLine: 0, endLine: 20 });
        assert.equal(enclosingSymbol(symbols, { line: 30, character: 0 }), undefined);
    });

    const js = [
        "import x from 'x';",
        "",
        "function outer() {",
        "    if (ready) {",
        "        go();",
        "",
        "        stop();",
        "    } else {",
        "        wait();",
        "    }",
        "    done();",
        "}",
        ""
    ];

    it("is the indented block with its header and closing line, else-branches included", () => {
        assert.deepEqual(indentationBlock(js, 4), { startLine: 3, endLine: 9 });
        assert.deepEqual(indentationBlock(js, 5), { startLine: 3, endLine: 9 }, "a blank line inside the block");
    });

    it("is the block a header line opens when the cursor is on the header", () => {
        assert.deepEqual(indentationBlock(js, 2), { startLine: 2, endLine: 11 });
    });

    it("is the paragraph at the top level", () => {
        assert.deepEqual(indentationBlock(js, 0), { startLine: 0, endLine: 0 });
    });

    it("follows Python's blocks, which have no closing line", () => {
        const python = ["def f(x):", "    if x:", "        return 1", "    else:", "        return 2", "", "def g():", "    pass"];
        assert.deepEqual(indentationBlock(python, 2), { startLine: 1, endLine: 4 });
        assert.deepEqual(indentationBlock(python, 7), { startLine: 6, endLine: 7 });
    });

    it("counts tabs as indentation", () => {
        assert.deepEqual(indentationBlock(["func f() {", "\tgo()", "}"], 1), { startLine: 0, endLine: 2 });
    });

    it("is nothing in an empty document", () => {
        assert.equal(indentationBlock(["", "  "], 0), undefined);
    });
});
