import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseChatSendParams } from "../../../../engine/chat/chatParams";
import { chatRequestLimits } from "../../../../engine/protocol";

const maxRequestChars = chatRequestLimits.maxChars;

const valid = { messages: [{ role: "user", text: "Why?" }] };

function rejects(raw: unknown, pattern: RegExp): void {
    assert.throws(() => parseChatSendParams(raw), (error: Error) => error instanceof TypeError && pattern.test(error.message));
}

describe("chat request params", () => {
    it("accepts a conversation with attached context", () => {
        const raw = {
            maxTokens: 32,
            messages: [
                { role: "user", text: "Explain", context: [{ kind: "selection", source: "src/a.ts", language: "typescript", text: "let a = 1;", startLine: 3 }] },
                { role: "assistant", text: "It declares a." },
                { role: "user", text: "And?" }
            ]
        };
        assert.deepEqual(parseChatSendParams(raw), raw);
    });

    it("names the field that is wrong", () => {
        rejects(null, /params must be an object/);
        rejects({ messages: "hi" }, /messages must be an array/);
        rejects({ messages: [] }, /must not be empty/);
        rejects({ messages: [{ role: "robot", text: "x" }] }, /messages\[0\]\.role/);
        rejects({ messages: [{ role: "user", text: 5 }] }, /messages\[0\]\.text must be a string/);
        rejects({ messages: [{ role: "user" }] }, /messages\[0\]\.text/);
        rejects({ messages: [{ role: "assistant", text: "x" }] }, /last message must be the user's/);
        rejects({ messages: [{ role: "user", text: "x", context: {} }] }, /context must be an array/);
        rejects({ messages: [{ role: "user", text: "x", context: [{ kind: "web", source: "a", text: "" }] }] }, /context\[0\]\.kind/);
        rejects({ messages: [{ role: "user", text: "x", context: [{ kind: "file", source: "a", text: "", startLine: -1 }] }] }, /startLine/);
        rejects({ ...valid, maxTokens: 0 }, /maxTokens/);
        rejects({ ...valid, maxTokens: "ten" }, /maxTokens/);
    });

    it("refuses a request larger than any context could hold", () => {
        rejects({ messages: [{ role: "user", text: "x".repeat(maxRequestChars + 1) }] }, /characters/);
        const context = [{ kind: "file", source: "big.ts", language: "typescript", text: "y".repeat(maxRequestChars) }];
        rejects({ messages: [{ role: "user", text: "x", context }] }, /characters/);
    });
});
