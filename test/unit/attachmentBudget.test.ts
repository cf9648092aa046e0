import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attachmentBudgetChars, cutToLines, fitAttachments } from "../../src/chat/attachmentBudget";
import type { Attachment } from "../../src/chat/messages";

const file = (id: string, text: string): Attachment => ({ id, kind: "file", label: `${id}.ts`, uri: `file:///${id}.ts`, source: `${id}.ts`, language: "typescript", text });
const lines = (n: number, width = 19) => Array.from({ length: n }, (_, i) => `${i}`.padEnd(width, "x")).join("\n");

describe("attachment budget", () => {
    it("is a share of the chat context", () => {
        assert.equal(attachmentBudgetChars(4096), 6144);
    });

    it("leaves attachments that fit alone", () => {
        const all = [file("a", "short"), file("b", "also short")];
        assert.deepEqual(fitAttachments(all, 100), all);
    });

    it("keeps small attachments whole and cuts the largest to whole lines, saying so", () => {
        const small = file("small", "tiny");
        const big = file("big", lines(100));
        const [keptSmall, cutBig] = fitAttachments([small, big], 500);
        assert.deepEqual(keptSmall, small);
        assert.ok(cutBig.text.length <= 496);
        assert.ok(big.text.startsWith(cutBig.text));
        assert.ok(cutBig.text.endsWith("x"), "a cut ends at a whole line");
        assert.match(cutBig.cut!, /^cut to its first 24 of 100 lines to fit the context budget$/);
    });

    it("shares the budget between several large attachments", () => {
        const fitted = fitAttachments([file("a", lines(100)), file("b", lines(100))], 1000);
        assert.ok(fitted.every((a) => a.cut && a.text.length <= 500));
        assert.ok(fitted.reduce((sum, a) => sum + a.text.length, 0) <= 1000);
    });

    it("cuts inside a single line that is longer than the budget", () => {
        assert.deepEqual(cutToLines("x".repeat(50), 10), { text: "x".repeat(10), lines: 1, totalLines: 1 });
    });
});
