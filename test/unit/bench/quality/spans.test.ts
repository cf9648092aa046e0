import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { maskSpans } from "../../../bench/quality/spans";

const python = [
    "import os",
    "",
    "def area(width, height):",
    "    # don't mask comments",
    "    if width < 0 or height < 0:",
    "        raise ValueError(\"negative (size\")",
    "    result = width * height",
    "    return result",
    ""
].join("\n");

describe("masked spans", () => {
    const spans = maskSpans("area.py", python, "python", 50);

    it("are the same every time", () => {
        assert.deepEqual(maskSpans("area.py", python, "python", 50), spans);
        assert.ok(spans.length > 10);
    });

    it("mask the rest of a code line, never a comment", () => {
        for (const span of spans.filter((s) => s.kind === "lineEnd")) {
            const line = python.slice(python.lastIndexOf("\n", span.start - 1) + 1, python.indexOf("\n", span.end));
            assert.equal(python[span.end], "\n");
            assert.doesNotMatch(line, /#/);
        }
    });

    it("mask the inside of a bracket pair on one line, skipping brackets in strings", () => {
        const inside = spans.filter((s) => s.kind === "midLine").map((s) => python.slice(s.start - 1, s.end + 1));
        assert.ok(inside.length > 0);
        for (const pair of inside) assert.match(pair, /^\(.*\)$/s);
        assert.ok(inside.includes('("negative (size")'));
        assert.ok(!inside.some((pair) => pair.startsWith("(size")));
    });

    it("mask 2 to 6 whole lines of a block, from after the first line's indentation", () => {
        for (const span of spans.filter((s) => s.kind === "lines")) {
            const text = python.slice(span.start, span.end);
            const count = text.split("\n").length;
            assert.ok(count >= 2 && count <= 6, text);
            assert.match(python.slice(0, span.start), /(^|\n)[ \t]*$/);
            assert.equal(python[span.end], "\n");
        }
    });
});
