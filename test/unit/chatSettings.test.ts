import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultSettings, needsModelReload, sanitizeSettings } from "../../engine/settings";

function sanitize(raw: unknown) {
    const warnings: string[] = [];
    return { settings: sanitizeSettings(raw, (w) => warnings.push(w)), warnings };
}

describe("chat settings", () => {
    it("has a system prompt and an explicit context size by default", () => {
        assert.match(defaultSettings.chat.systemPrompt, /Hearth/);
        assert.equal(defaultSettings.chat.contextSize, 4096);
        assert.equal(defaultSettings.chat.model.path, "");
    });

    it("clamps numbers, keeps fractions for the temperature, and warns", () => {
        const { settings, warnings } = sanitize({ chat: { contextSize: 100, maxTokens: 0, temperature: 0.7 } });
        assert.equal(settings.chat.contextSize, 512);
        assert.equal(settings.chat.maxTokens, 1);
        assert.equal(settings.chat.temperature, 0.7);
        assert.equal(warnings.length, 2);
        assert.equal(sanitize({ chat: { temperature: 9 } }).settings.chat.temperature, 2);
    });

    it("replaces wrong types and unknown keys with defaults", () => {
        const { settings, warnings } = sanitize({ chat: { systemPrompt: 3, model: "x.gguf", colour: "red" } });
        assert.deepEqual(settings.chat, defaultSettings.chat);
        assert.equal(warnings.length, 3);
    });

    it("cuts an enormous system prompt", () => {
        const { settings, warnings } = sanitize({ chat: { systemPrompt: "s".repeat(50_000) } });
        assert.equal(settings.chat.systemPrompt.length, 20_000);
        assert.match(warnings[0], /systemPrompt/);
    });

    it("applies chat settings without reloading the completion model", () => {
        const a = sanitize({ model: { path: "/a.gguf" } }).settings;
        const b = sanitize({ model: { path: "/a.gguf" }, chat: { contextSize: 1024, model: { path: "/chat.gguf" } } }).settings;
        assert.equal(needsModelReload(a, b), false);
    });
});
