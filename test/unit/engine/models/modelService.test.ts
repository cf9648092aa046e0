import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextTokensFor } from "../../../../engine/models/modelService";
import { sanitizeSettings } from "../../../../engine/settings";

describe("model service", () => {
    it("estimates memory for the chat's context too when the chat shares the completion model", () => {
        const shared = sanitizeSettings({ model: { contextSize: 8192 }, chat: { contextSize: 4096 } }, () => undefined);
        assert.equal(contextTokensFor(shared), 12288);
        const separate = sanitizeSettings({ model: { contextSize: 8192 }, chat: { contextSize: 4096, model: { path: "/chat.gguf" } } }, () => undefined);
        assert.equal(contextTokensFor(separate), 8192);
    });
});
