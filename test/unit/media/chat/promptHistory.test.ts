import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PromptHistory } from "../../../../media/src/chat/promptHistory";

describe("↑ and ↓ through the questions asked", () => {
    it("walks newest first, stops at the oldest, and gives back what was in the box", () => {
        const history = new PromptHistory();
        history.setPrompts(["one", "two", "three"]);
        const keys: Array<["up" | "down", string | undefined]> = [
            ["up", "three"], ["up", "two"], ["up", "one"], ["up", undefined], ["down", "two"], ["down", "three"], ["down", "half typed"], ["down", undefined]
        ];
        for (const [key, expected] of keys) assert.equal(key === "up" ? history.previous("half typed") : history.next(), expected, key);
    });

    it("starts over when the user types, or the questions change", () => {
        const history = new PromptHistory();
        history.setPrompts(["one", "two"]);
        history.previous("");
        history.stop();
        assert.equal(history.walking, false);
        assert.equal(history.previous(""), "two");
        history.setPrompts(["one", "two", "three"]);
        assert.equal(history.previous(""), "three");
        history.setPrompts([]);
        assert.equal(history.previous(""), undefined);
    });
});
