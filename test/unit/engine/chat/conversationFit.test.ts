import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chatTurnsFor } from "../../../../engine/chat/chatPrompt";
import { fitConversation, type Render } from "../../../../engine/chat/conversationFit";
import type { ChatTurn } from "../../../../engine/protocol";

/** A stand-in for the template and tokenizer: one "token" per 4 characters of the rendered history. */
const render: Render<{ length: number; text: string }> = (turns, contextLimit, messageLimit) => {
    const text = chatTurnsFor("You help.", turns, contextLimit, messageLimit).map((turn) => turn.text).join("\n");
    return { length: Math.ceil(text.length / 4), text };
};

function conversation(exchanges: number, size = 200): ChatTurn[] {
    const turns: ChatTurn[] = [];
    for (let i = 0; i < exchanges; i++) {
        turns.push({ role: "user", text: `question ${i} ${"q".repeat(size)}` });
        turns.push({ role: "assistant", text: `answer ${i} ${"a".repeat(size)}` });
    }
    turns.push({ role: "user", text: "the last question" });
    return turns;
}

describe("conversation fitting", () => {
    it("keeps a conversation that fits as it is", () => {
        const fit = fitConversation(conversation(2), 10_000, render);
        assert.equal(fit.truncation, undefined);
        assert.match(fit.prompt.text, /question 0/);
    });

    it("drops the oldest exchanges first, keeping the system prompt and the last question", () => {
        const turns = conversation(20);
        const fit = fitConversation(turns, 600, render);
        assert.ok(fit.prompt.length <= 600 * 0.75);
        assert.ok(fit.truncation && fit.truncation.droppedMessages > 0 && fit.truncation.droppedMessages % 2 === 0);
        assert.equal(fit.truncation.contextCut, false);
        assert.match(fit.truncation.note, /oldest messages were left out/);
        assert.match(fit.prompt.text, /^You help\./);
        assert.match(fit.prompt.text, /the last question/);
        assert.doesNotMatch(fit.prompt.text, /question 0 /);
        // The kept part is the most recent: once an exchange is kept, every later one is too.
        assert.match(fit.prompt.text, /question 19/);
    });

    it("cuts the attached context when the last message alone is too long, and says so", () => {
        const turns = conversation(3);
        turns[turns.length - 1] = { role: "user", text: "what does this do?", context: [{ kind: "file", source: "big.ts", language: "ts", text: "x".repeat(8000) }] };
        const fit = fitConversation(turns, 500, render);
        assert.ok(fit.prompt.length <= 500);
        assert.equal(fit.truncation?.contextCut, true);
        assert.equal(fit.truncation?.messageCut, false);
        assert.equal(fit.truncation?.droppedMessages, 6);
        assert.match(fit.prompt.text, /cut to fit the context window/);
        assert.match(fit.prompt.text, /what does this do\?$/m);
        assert.match(fit.truncation.note, /attached context was cut/);
    });

    it("cuts the message itself only when even without context it is too long", () => {
        const turns: ChatTurn[] = [{ role: "user", text: `${"z".repeat(10_000)} the question at the end`, context: [{ kind: "selection", source: "a.ts", language: "ts", text: "code" }] }];
        const fit = fitConversation(turns, 300, render);
        assert.ok(fit.prompt.length <= 300);
        assert.equal(fit.truncation?.messageCut, true);
        assert.match(fit.prompt.text, /the question at the end/);
    });

    it("fails clearly when the system prompt alone does not fit", () => {
        const long: Render<{ length: number }> = () => ({ length: 10_000 });
        assert.throws(() => fitConversation([{ role: "user", text: "hi" }], 100, long), /system prompt/);
    });
});
