import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyTarget, proposedDocument } from "../../src/chat/applyTarget";

const doc = "function a() {\n    return 1;\n}\n\nfunction b() {\n    return 1;\n}\n";

describe("apply target", () => {
    it("replaces the selection the question was about, at its own place when the code repeats", () => {
        const target = applyTarget(doc, undefined, { text: "    return 1;\n", startLine: 5 });
        assert.equal(target.what, "attached selection");
        assert.equal(doc.slice(0, target.start).split("\n").length - 1, 5);
        assert.equal(proposedDocument(doc, target, "    return 2;"), doc.replace(/return 1;(?=\n}\n$)/, "return 2;"));
    });

    it("falls back to the editor's selection when the attached code is gone", () => {
        const target = applyTarget(doc, { start: 0, end: 14 }, { text: "no longer there", startLine: 0 });
        assert.deepEqual(target, { start: 0, end: 14, what: "selection" });
    });

    it("replaces the whole file when nothing is selected, keeping its final line break", () => {
        const target = applyTarget(doc, undefined, undefined);
        assert.deepEqual(target, { start: 0, end: doc.length, what: "file" });
        assert.equal(proposedDocument(doc, target, "const x = 1;"), "const x = 1;\n");
    });
});
