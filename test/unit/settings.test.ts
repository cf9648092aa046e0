import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultSettings, needsModelReload, sanitizeSettings } from "../../engine/settings";

function sanitize(raw: unknown) {
    const warnings: string[] = [];
    const settings = sanitizeSettings(raw, (w) => warnings.push(w));
    return { settings, warnings };
}

describe("settings", () => {
    it("fills every field with defaults when nothing is given", () => {
        assert.deepEqual(sanitize(undefined).settings, defaultSettings);
        assert.deepEqual(sanitize({}).settings, defaultSettings);
    });

    it("keeps valid values as they are", () => {
        const raw = { model: { path: "/m.gguf", contextSize: 4096, gpuLayers: 12, threads: 2, huggingFaceEndpoint: "http://mirror.example:8080", unloadAfterMinutes: 15 }, completion: { enabled: false, maxTokens: 32 }, chat: { systemPrompt: "Be brief.", contextSize: 2048, maxTokens: 256, temperature: 0.5, model: { path: "/chat.gguf" } } };
        const { settings, warnings } = sanitize(raw);
        assert.deepEqual(settings, raw);
        assert.deepEqual(warnings, []);
    });

    it("replaces wrong types with defaults and says so", () => {
        const { settings, warnings } = sanitize({ model: { path: 42, contextSize: "big", gpuLayers: "lots" }, completion: "yes" });
        assert.equal(settings.model.path, "");
        assert.equal(settings.model.contextSize, defaultSettings.model.contextSize);
        assert.equal(settings.model.gpuLayers, "auto");
        assert.deepEqual(settings.completion, defaultSettings.completion);
        assert.equal(warnings.length, 4);
    });

    it("clamps numbers into range", () => {
        const { settings, warnings } = sanitize({ model: { contextSize: 10, threads: -3 }, completion: { maxTokens: 1e9 } });
        assert.equal(settings.model.contextSize, 512);
        assert.equal(settings.model.threads, 0);
        assert.equal(settings.completion.maxTokens, 1024);
        assert.equal(warnings.length, 3);
    });

    it("warns about unknown keys and survives non-objects", () => {
        assert.match(sanitize({ modle: {} }).warnings[0], /unknown setting hearth\.modle/);
        // A benchmark knob that once was a setting is now only a knob of hearth/debug/configure.
        assert.match(sanitize({ completion: { fixedTokens: 8 } }).warnings[0], /unknown setting hearth\.completion\.fixedTokens/);
        assert.deepEqual(sanitize("text").settings, defaultSettings);
        assert.deepEqual(sanitize([1, 2]).settings, defaultSettings);
        assert.deepEqual(sanitize({ model: null }).settings, defaultSettings);
    });

    it("reloads the model only when a model setting changes", () => {
        const a = sanitize({ model: { path: "/a.gguf" } }).settings;
        assert.equal(needsModelReload(a, sanitize({ model: { path: "/a.gguf" }, completion: { maxTokens: 5 } }).settings), false);
        assert.equal(needsModelReload(a, sanitize({ model: { path: "/b.gguf" } }).settings), true);
        assert.equal(needsModelReload(a, sanitize({ model: { path: "/a.gguf", contextSize: 1024 } }).settings), true);
    });
});
