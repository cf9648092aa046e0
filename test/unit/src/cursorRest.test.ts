import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CursorRest } from "../../../src/cursorRest";
import type { CursorSettledParams } from "../../../engine/protocol";

const at = (line: number, character: number) => ({ line, character });

function rest(wanted: (uri: string) => boolean = () => true) {
    const sent: CursorSettledParams[] = [];
    const clock = { now: 0 };
    return { sent, clock, cursor: new CursorRest((params) => sent.push(params), wanted, 250, () => clock.now) };
}

describe("cursor rest", () => {
    it("tells the engine where the cursor rests, once it has rested", (t) => {
        t.mock.timers.enable({ apis: ["setTimeout"] });
        const { sent, cursor } = rest();
        cursor.moved("file:///a.ts", at(3, 4));
        t.mock.timers.tick(100);
        cursor.moved("file:///a.ts", at(9, 0));
        t.mock.timers.tick(249);
        assert.deepEqual(sent, [], "a cursor passing through is not worth a word");
        t.mock.timers.tick(1);
        assert.deepEqual(sent, [{ textDocument: { uri: "file:///a.ts" }, position: at(9, 0) }]);
    });

    it("says nothing when the cursor moved because the user typed, or where completions are off", (t) => {
        t.mock.timers.enable({ apis: ["setTimeout"] });
        const { sent, clock, cursor } = rest((uri) => uri !== "file:///off.md");
        cursor.moved("file:///a.ts", at(3, 5));
        cursor.edited("file:///a.ts");
        clock.now += 10;
        cursor.edited("file:///a.ts");
        cursor.moved("file:///a.ts", at(3, 6));
        cursor.moved("file:///off.md", at(1, 0));
        t.mock.timers.tick(1000);
        assert.deepEqual(sent, []);
        clock.now += 1000;
        cursor.moved("file:///a.ts", at(4, 0));
        cursor.edited("file:///b.ts");
        cursor.dispose();
        t.mock.timers.tick(1000);
        assert.deepEqual(sent, [], "disposed before it rested");
    });
});
