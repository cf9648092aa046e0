import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseChatSendParams } from "../../../../engine/chat/chatParams";
import { chatRequestLimits, chatTurnChars, type ChatTurn } from "../../../../engine/protocol";
import { turnsFor } from "../../../../src/chat/conversationTurns";
import type { Attachment, ChatMessage } from "../../../../src/chat/messages";
import { cutToLines, fitNewMessage, historyWithinLimits, turnsWithinLimits } from "../../../../src/chat/requestLimits";

const { maxChars, maxMessages, maxContextItems } = chatRequestLimits;
const file = (id: string, text: string): Attachment => ({ id, kind: "file", label: `${id}.ts`, uri: `file:///${id}.ts`, source: `${id}.ts`, language: "typescript", text });
const lines = (chars: number) => Array.from({ length: Math.ceil(chars / 20) }, (_, i) => `${i}`.padEnd(19, "x")).join("\n");
const user = (text: string, context: Attachment[] = []): ChatTurn => ({ role: "user", text, ...(context.length > 0 ? { context } : {}) });
const assistant = (text: string): ChatTurn => ({ role: "assistant", text });

/** The engine's own check: the request it would refuse throws. */
function engineAccepts(messages: ChatTurn[]): void {
    parseChatSendParams({ streamId: "s", messages });
}

describe("chat request limits", () => {
    it("leaves a message within the limits as it is", () => {
        const attachments = [file("a", "short"), file("b", lines(5000))];
        assert.deepEqual(fitNewMessage("Why?", attachments), { text: "Why?", attachments });
    });

    const oversized = [
        { name: "one attachment larger than a request", attachments: [file("big", lines(maxChars + 100))], note: /^The attached context was cut: a chat request carries at most 1,000,000 characters\.$/ },
        { name: "several that only together are too large", attachments: [file("a", lines(600_000)), file("b", lines(600_000)), file("small", "tiny")], note: /attached context was cut/ },
        { name: "more attachments than a message carries", attachments: Array.from({ length: maxContextItems + 3 }, (_, i) => file(`f${i}`, "x")), note: /^3 attachments were left out: a message carries at most 64\.$/ }
    ];
    for (const { name, attachments, note } of oversized) {
        it(`cuts ${name}, says so, and the engine accepts the result`, () => {
            const fitted = fitNewMessage("Explain", attachments);
            assert.match(fitted.note ?? "", note);
            assert.ok(fitted.attachments.length <= maxContextItems);
            assert.ok(chatTurnChars(user(fitted.text, fitted.attachments)) <= maxChars);
            engineAccepts([user(fitted.text, fitted.attachments)]);
            for (const a of fitted.attachments) {
                const original = attachments.find((o) => o.id === a.id)!;
                assert.ok(original.text.startsWith(a.text));
                assert.equal(a.cut !== undefined, a.text !== original.text, "a cut attachment says so on its chip");
            }
        });
    }

    it("keeps small attachments whole while cutting the large ones to whole lines", () => {
        const fitted = fitNewMessage("Explain", [file("a", lines(600_000)), file("small", "tiny")]).attachments;
        assert.equal(fitted[1].text, "tiny");
        assert.equal(fitted[0].cut, undefined);
        const [big] = fitNewMessage("Explain", [file("a", lines(maxChars + 100)), file("small", "tiny")]).attachments;
        assert.ok(big.text.endsWith("x"), "a cut ends at a whole line");
        assert.match(big.cut!, /^cut to its first \d+ of \d+ lines: a chat request carries at most 1,000,000 characters$/);
    });

    it("cuts the text of a message that alone is larger than a request", () => {
        const fitted = fitNewMessage("q".repeat(maxChars + 5), [file("a", "x")]);
        assert.match(fitted.note!, /Your message was cut/);
        engineAccepts([user(fitted.text, fitted.attachments)]);
    });

    it("cuts inside a single line that is longer than the room left", () => {
        assert.deepEqual(cutToLines("x".repeat(50), 10), { text: "x".repeat(10), lines: 1, totalLines: 1 });
    });

    it("sends a conversation within the limits whole", () => {
        const turns = [user("a"), assistant("b"), user("c")];
        assert.deepEqual(turnsWithinLimits(turns), { turns });
    });

    const long = [
        { name: "more messages than a request carries", turns: Array.from({ length: maxMessages + 11 }, (_, i) => (i % 2 === 0 ? user(`q${i}`) : assistant(`a${i}`))), dropped: 12 },
        { name: "more characters than a request carries", turns: [user("old", [file("a", lines(700_000))]), assistant("ok"), user("new", [file("b", lines(400_000))])], dropped: 2 }
    ];
    for (const { name, turns, dropped } of long) {
        it(`drops the oldest messages of ${name}, from a user's message on, and says so`, () => {
            const fitted = turnsWithinLimits(turns);
            assert.deepEqual(fitted.turns, turns.slice(dropped));
            assert.equal(fitted.turns[0].role, "user");
            assert.match(fitted.note!, new RegExp(`its ${dropped} oldest messages were not sent`));
            engineAccepts(fitted.turns);
        });
    }

    const stored = (role: ChatMessage["role"], text: string, attachments: Attachment[] = []): ChatMessage => ({ id: text, role, text, status: "done", createdAt: 0, ...(attachments.length > 0 ? { attachments } : {}) });
    const histories = [
        { name: "a conversation within the limits", messages: [stored("user", "a"), stored("assistant", "b"), stored("user", "c"), stored("assistant", "")], removed: 0 },
        { name: "more messages than a request carries", messages: Array.from({ length: maxMessages + 5 }, (_, i) => stored(i % 2 === 0 ? "user" : "assistant", `m${i}`)), removed: 6 },
        { name: "more characters than a request carries", messages: [stored("user", "old", [file("a", lines(700_000))]), stored("assistant", "ok"), stored("user", "new", [file("b", lines(400_000))]), stored("assistant", "")], removed: 2 },
        { name: "a new question larger than a request on its own", messages: [stored("user", "old"), stored("assistant", "ok"), stored("user", "x".repeat(maxChars + 1)), stored("assistant", "")], removed: 2 }
    ];
    for (const { name, messages, removed } of histories) {
        it(`keeps of ${name} what one request could carry, from a user's message on`, () => {
            const kept = historyWithinLimits(messages);
            assert.deepEqual(kept.messages, messages.slice(removed));
            assert.equal(kept.messages[0].role, "user");
            if (removed === 0) assert.equal(kept.note, undefined);
            else assert.match(kept.note!, new RegExp(`its ${removed} oldest messages were removed`));
            assert.deepEqual(turnsWithinLimits(turnsFor(kept.messages)).note, undefined, "the request sends all that is kept");
        });
    }
});
