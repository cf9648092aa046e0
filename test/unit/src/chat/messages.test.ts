import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFromWebview } from "../../../../src/chat/messages";

describe("webview messages", () => {
    it("accepts each message of the right shape", () => {
        const good: Array<[unknown, unknown]> = [
            [{ type: "send", text: "hi" }, { type: "send", text: "hi" }],
            [{ type: "stop", extra: 1 }, { type: "stop" }],
            [{ type: "addContext", what: "openEditors" }, { type: "addContext", what: "openEditors" }],
            [{ type: "addContext", what: "mention" }, { type: "addContext", what: "mention" }],
            [{ type: "applyCode", code: "x", messageId: "m" }, { type: "applyCode", code: "x", messageId: "m" }],
            [{ type: "retry", messageId: "m" }, { type: "retry", messageId: "m" }],
            [{ type: "resend", messageId: "m", text: "again" }, { type: "resend", messageId: "m", text: "again" }]
        ];
        for (const [raw, parsed] of good) assert.deepEqual(parseFromWebview(raw), parsed, JSON.stringify(raw));
    });

    it("drops anything else", () => {
        const bad = [
            null, "send", 5, {}, { type: "send" }, { type: "send", text: 3 }, { type: "addContext", what: "disk" }, { type: "applyCode", code: "x" },
            { type: "eval", code: "x" }, { type: "retry" }, { type: "resend", messageId: "m" }, { type: "switchChat", id: "c" }, { type: "deleteChat", id: "c" }
        ];
        for (const raw of bad) assert.equal(parseFromWebview(raw), undefined, JSON.stringify(raw));
    });
});
