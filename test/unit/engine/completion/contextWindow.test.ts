import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lineStartBefore, windowAround } from "../../../../engine/completion/contextWindow";

describe("the window a completion reads", () => {
    it("is a bounded slice around the cursor, whatever the document", () => {
        const text = "a".repeat(1_000_000);
        const window = windowAround(text, 600_000, { before: 100, after: 10 });
        assert.deepEqual({ length: window.text.length, offset: window.offset, cursor: window.cursor }, { length: 110, offset: 599_900, cursor: 100 });
        assert.deepEqual(windowAround("short", 2), { text: "short", offset: 0, cursor: 2 });
    });

    it("finds a line start only within its limit", () => {
        assert.equal(lineStartBefore("one\ntwo three", 10, 100), 4);
        assert.equal(lineStartBefore("one two", 5, 100), 0);
        assert.equal(lineStartBefore(`x\n${"y".repeat(500)}`, 400, 100), -1);
    });
});
