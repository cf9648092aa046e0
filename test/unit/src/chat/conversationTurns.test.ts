import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { titleFor, turnsFor } from "../../../../src/chat/conversationTurns";
import type { ChatMessage } from "../../../../src/chat/messages";
import { file, selection } from "./chatFakes";

const user = (id: string, text: string, attachments?: ChatMessage["attachments"]): ChatMessage => ({ id, role: "user", text, status: "done", createdAt: 0, ...(attachments ? { attachments } : {}) });
const answer = (id: string, text: string, status: ChatMessage["status"] = "done"): ChatMessage => ({ id, role: "assistant", text, status, createdAt: 0 });

describe("the conversation as the engine reads it", () => {
    it("leaves answers that failed before any text out", () => {
        const turns = turnsFor([user("1", "a"), { ...answer("2", "", "error"), error: "No model" }, user("3", "b")]);
        assert.deepEqual(turns, [{ role: "user", text: "a" }, { role: "user", text: "b" }]);
    });

    it("sends context attached to several messages once, with the newest, and other context where it was", () => {
        const code = selection("s", "let a = 1;");
        const edited = { ...code, text: "let a = 2;" };
        const other = file("file:///w/b.ts");
        const turns = turnsFor([user("1", "a?", [code, other]), answer("2", "A."), user("3", "and now?", [edited])]);
        assert.deepEqual(
            turns.map((t) => t.context?.map((c) => c.text)),
            [["// b.ts"], undefined, ["let a = 2;"]]
        );
    });

    it("sends a question command as its prompt, with the user's words after it; other text as written", () => {
        const [explain, plain, unknown] = turnsFor([user("1", "/explain  why the loop?"), user("2", "What is /explain?"), user("3", "/explainer")]);
        assert.match(explain.text, /^Explain this code: .+\n\nwhy the loop\?$/s);
        assert.equal(plain.text, "What is /explain?");
        assert.equal(unknown.text, "/explainer");
    });
});

describe("a chat's title", () => {
    const cases: Array<[string, string, ChatMessage["attachments"], string]> = [
        ["the question's start", "  How do I\n  sort a map?  ", [], "How do I sort a map?"],
        ["cut with an ellipsis", "x".repeat(80), [], `${"x".repeat(59)}…`],
        ["a command's verb and the code it was about", "/explain", [selection("s", "f()", 9)], "Explain a.ts:10"],
        ["a command's verb and the user's words", "/explain closures", [], "Explain closures"],
        ["a command alone", "/explain", [], "Explain"]
    ];
    for (const [name, text, attachments, expected] of cases) it(name, () => assert.equal(titleFor(text, attachments ?? []), expected));
});
