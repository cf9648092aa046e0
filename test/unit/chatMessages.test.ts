import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAskInChatArgs } from "../../src/chat/askInChat";
import { parseFromWebview } from "../../src/chat/messages";

describe("webview messages", () => {
    it("accepts each message of the right shape", () => {
        assert.deepEqual(parseFromWebview({ type: "send", text: "hi" }), { type: "send", text: "hi" });
        assert.deepEqual(parseFromWebview({ type: "stop", extra: 1 }), { type: "stop" });
        assert.deepEqual(parseFromWebview({ type: "addContext", what: "openEditors" }), { type: "addContext", what: "openEditors" });
        assert.deepEqual(parseFromWebview({ type: "applyCode", code: "x", messageId: "m" }), { type: "applyCode", code: "x", messageId: "m" });
    });

    it("drops anything else", () => {
        for (const bad of [null, "send", 5, {}, { type: "send" }, { type: "send", text: 3 }, { type: "addContext", what: "disk" }, { type: "applyCode", code: "x" }, { type: "eval", code: "x" }]) {
            assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
        }
    });
});

describe("hearth.askInChat arguments", () => {
    it("accepts a prompt with or without a selection", () => {
        assert.deepEqual(parseAskInChatArgs({ prompt: "Explain" }), { prompt: "Explain" });
        const selection = { uri: "file:///a.ts", text: "let a;", language: "typescript", startLine: 4 };
        assert.deepEqual(parseAskInChatArgs({ prompt: "Explain", selection }), { prompt: "Explain", selection });
    });

    it("says what is wrong with bad arguments", () => {
        assert.match(parseAskInChatArgs(undefined) as string, /needs an object/);
        assert.match(parseAskInChatArgs({ prompt: " " }) as string, /non-empty prompt/);
        assert.match(parseAskInChatArgs({ prompt: "x", selection: { uri: "u", text: "t" } }) as string, /language/);
        assert.match(parseAskInChatArgs({ prompt: "x", selection: { uri: "u", text: "t", language: "l", startLine: -2 } }) as string, /startLine/);
    });
});
