import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chatTurnsFor, userMessageText } from "../../../../engine/chat/chatPrompt";

describe("user message text", () => {
    it("puts attached code in a fence the code cannot close", () => {
        const text = userMessageText({ role: "user", text: "Explain", context: [{ kind: "selection", source: "doc.md", language: "markdown", text: "```js\nx\n```", startLine: 9 }] });
        assert.match(text, /^Selected code from doc\.md \(lines 10–12\):\n````markdown\n```js\nx\n```\n````\n\nExplain$/);
    });

    it("leaves out an empty system prompt", () => {
        assert.deepEqual(chatTurnsFor("", [{ role: "user", text: "hi" }]), [{ role: "user", text: "hi" }]);
        assert.deepEqual(chatTurnsFor("Be brief.", [{ role: "user", text: "hi" }])[0], { role: "system", text: "Be brief." });
    });
});
