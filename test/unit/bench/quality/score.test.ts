import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { levenshtein, scoreSpan, similarity, summarise, writtenPart } from "../../../bench/quality/score";
import type { Span } from "../../../bench/quality/spans";

const original = "def f(x):\n    return x + 1\n";
const span: Span = { file: "f.py", kind: "lineEnd", start: original.indexOf("x + 1"), end: original.indexOf("x + 1") + 5 };

describe("quality scores", () => {
    it("measures edit distance and similarity", () => {
        assert.equal(levenshtein("kitten", "sitting"), 3);
        assert.equal(levenshtein("", "abc"), 3);
        assert.equal(similarity("abc", "abc"), 1);
        assert.equal(similarity("", ""), 1);
        assert.equal(similarity("abcd", "abxd"), 0.75);
    });

    it("finds what a completion wrote over the span", () => {
        const result = original.replace("x + 1", "x - 2");
        assert.deepEqual(writtenPart(original, result, span.start), { written: "x - 2", truth: "x + 1" });
        assert.deepEqual(writtenPart(original, original, span.start), { written: "", truth: "" });
    });

    it("scores exact, the cursor's line, similarity and parsing", () => {
        assert.deepEqual(scoreSpan(span, original, original, true), { kind: "lineEnd", exact: true, firstLine: true, similarity: 1, parses: true });
        const wrongLater = original.replace("x + 1\n", "x + 1\nprint(\n");
        assert.deepEqual(scoreSpan(span, original, wrongLater, false), { kind: "lineEnd", exact: false, firstLine: true, similarity: 1 - 7 / 12, parses: false });
        const nothing = original.replace("x + 1", "");
        assert.deepEqual(scoreSpan(span, original, nothing, true), { kind: "lineEnd", exact: false, firstLine: false, similarity: 0, parses: true });
    });

    it("sums up per kind and over all", () => {
        const scores = [
            { kind: "lineEnd" as const, exact: true, firstLine: true, similarity: 1, parses: true },
            { kind: "lineEnd" as const, exact: false, firstLine: true, similarity: 0.5, parses: false },
            { kind: "lines" as const, exact: false, firstLine: false, similarity: 0, parses: true }
        ];
        assert.deepEqual(summarise(scores), [
            { kind: "lineEnd", spans: 2, exact: 0.5, firstLine: 1, similarity: 0.75, parses: 0.5 },
            { kind: "lines", spans: 1, exact: 0, firstLine: 0, similarity: 0, parses: 1 },
            { kind: "all", spans: 3, exact: 1 / 3, firstLine: 2 / 3, similarity: 0.5, parses: 2 / 3 }
        ]);
    });
});
