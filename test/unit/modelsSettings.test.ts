import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contextTokensFor } from "../../engine/models/modelService";
import { defaultSettings, needsModelReload, sanitizeSettings } from "../../engine/settings";

function sanitize(model: Record<string, unknown>) {
    const warnings: string[] = [];
    return { settings: sanitizeSettings({ model }, (w) => warnings.push(w)), warnings };
}

describe("model management settings", () => {
    it("accepts an http(s) mirror and drops a trailing slash", () => {
        assert.equal(sanitize({ huggingFaceEndpoint: "http://127.0.0.1:8080/" }).settings.model.huggingFaceEndpoint, "http://127.0.0.1:8080");
        assert.equal(sanitize({ huggingFaceEndpoint: "" }).settings.model.huggingFaceEndpoint, "https://huggingface.co");
    });

    it("falls back to Hugging Face, with a warning, for anything that is not an http(s) URL", () => {
        const { settings, warnings } = sanitize({ huggingFaceEndpoint: "file:///etc" });
        assert.equal(settings.model.huggingFaceEndpoint, "https://huggingface.co");
        assert.match(warnings[0], /huggingFaceEndpoint must be an http\(s\) URL/);
    });

    it("keeps fractions of a minute for the idle unload and clamps negatives to never", () => {
        assert.equal(sanitize({ unloadAfterMinutes: 0.5 }).settings.model.unloadAfterMinutes, 0.5);
        assert.equal(sanitize({ unloadAfterMinutes: -3 }).settings.model.unloadAfterMinutes, 0);
        assert.equal(defaultSettings.model.unloadAfterMinutes, 0);
    });

    it("applies the endpoint and the idle unload live, without reloading the model", () => {
        const before = sanitize({ path: "/m.gguf" }).settings;
        assert.equal(needsModelReload(before, sanitize({ path: "/m.gguf", unloadAfterMinutes: 10, huggingFaceEndpoint: "http://mirror" }).settings), false);
    });

    it("estimates memory for the chat's context too when the chat shares the completion model", () => {
        const shared = sanitizeSettings({ model: { contextSize: 8192 }, chat: { contextSize: 4096 } }, () => undefined);
        assert.equal(contextTokensFor(shared), 12288);
        const separate = sanitizeSettings({ model: { contextSize: 8192 }, chat: { contextSize: 4096, model: { path: "/chat.gguf" } } }, () => undefined);
        assert.equal(contextTokensFor(separate), 8192);
    });
});
