import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFromWebview } from "../../../../src/chat/messages";

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
