import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { firstChangedLine } from "../../src/refactor/documentationCheck";
import { enclosingSymbol, indentationBlock, type SymbolNode } from "../../src/refactor/enclosingBlock";
import { readHistory, rememberInstruction } from "../../src/refactor/instructionHistory";
import { diagnosticsInTarget, refactorParamsFor } from "../../src/refactor/requestParams";
import { rewriteTarget, type Range } from "../../src/refactor/rewriteTarget";
import { testFileCandidates } from "../../src/refactor/testFileLocator";

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

describe("test files", () => {
    it("are looked for next to a TypeScript file, in __tests__, and in a mirrored test tree", () => {
        const { candidates, newFile } = testFileCandidates("/repo/src/util/math.ts", "/repo");
        assert.equal(candidates[0], "/repo/src/util/math.test.ts");
        assert.ok(candidates.includes("/repo/src/util/__tests__/math.test.ts"));
        assert.ok(candidates.includes("/repo/test/util/math.test.ts"));
        assert.ok(candidates.includes("/repo/test/src/util/math.spec.ts"));
        assert.equal(newFile, "/repo/src/util/math.test.ts");
    });

    it("follow Python's test_ prefix, next to the file or under tests/", () => {
        const { candidates, newFile } = testFileCandidates("/repo/pkg/math.py", "/repo");
        assert.equal(candidates[0], "/repo/pkg/test_math.py");
        assert.ok(candidates.includes("/repo/pkg/tests/test_math.py"));
        assert.ok(candidates.includes("/repo/tests/pkg/test_math.py"));
        assert.ok(candidates.includes("/repo/tests/test_math.py"));
        assert.equal(newFile, "/repo/pkg/test_math.py");
    });

    it("follow Go's and Java's conventions", () => {
        assert.equal(testFileCandidates("/repo/x/server.go").newFile, "/repo/x/server_test.go");
        assert.equal(testFileCandidates("/repo/src/main/java/a/Foo.java").newFile, "/repo/src/test/java/a/FooTest.java");
    });
});

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

describe("documentation check", () => {
    it("accepts added comments and re-indentation, and names the first changed line", () => {
        const original = "def f(x):\n    return x";
        assert.equal(firstChangedLine(original, 'def f(x):\n    """Return x."""\n    return x'), undefined);
        assert.equal(firstChangedLine(original, "def f(y):\n    return y"), "def f(x):");
        assert.equal(firstChangedLine("a()\nb()", "b()\na()"), "b()");
    });
});
