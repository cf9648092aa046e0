import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { defaultSettings, localModelNeeded, mergeSettings, needsModelReload, sanitizeSettings } from "../../../engine/settings";

/** A setting's schema in package.json, or one branch of its `anyOf`. */
interface Schema {
    type?: string;
    default?: unknown;
    minimum?: number;
    maximum?: number;
    maxLength?: number;
    enum?: unknown[];
    format?: string;
    anyOf?: Schema[];
}
const properties = (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { contributes: { configuration: { properties: Record<string, Schema> } } })
    .contributes.configuration.properties;
/** hearth.trace.server is read by the language client; the engine is only sent it, and ignores it. */
const engineKeys = Object.keys(properties)
    .filter((key) => !key.startsWith("hearth.trace."))
    .map((key) => key.replace(/^hearth\./, ""));

/** `{ a: { b: value } }` for the key "a.b". */
function nested(key: string, value: unknown): Record<string, unknown> {
    return key
        .split(".")
        .reverse()
        .reduce<unknown>((inner, part) => ({ [part]: inner }), value) as Record<string, unknown>;
}

function at(settings: object, key: string): unknown {
    return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], settings);
}

function leafKeys(node: object, prefix = ""): string[] {
    return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => (typeof value === "object" && value !== null ? leafKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

/** What the engine makes of `value` for `key` alone, and what it warned. */
function one(key: string, value: unknown): { value: unknown; warnings: string[] } {
    const { settings, warnings } = sanitize(nested(key, value));
    return { value: at(settings, key), warnings };
}

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
        const raw = {
            model: { path: "/m.gguf", contextSize: 4096, gpuLayers: 12, threads: 2, huggingFaceEndpoint: "https://mirror.example:8080", unloadAfterMinutes: 15 },
            completion: { enabled: false, maxTokens: 32, alternatives: 2, backend: "llama-server", server: { url: "http://localhost:8080", model: "" } },
            chat: { systemPrompt: "Be brief.", contextSize: 2048, maxTokens: 256, temperature: 0.5, model: { path: "/chat.gguf" }, backend: "openai", server: { url: "https://llm.example.com/v1", model: "qwen" } },
            server: { fimFormat: "qwen", allowInsecureHttp: true }
        };
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

    it("loads the local model while a role runs on it, and unloads it once none does", () => {
        const server = { url: "http://localhost:8080" };
        const cases: Array<[string, object, boolean]> = [
            ["both roles local", {}, true],
            ["completions on a server, chats on the local model", { completion: { backend: "llama-server", server } }, true],
            ["completions on a server, chats on their own model", { completion: { backend: "llama-server", server }, chat: { model: { path: "/chat.gguf" } } }, false],
            ["both roles on servers", { completion: { backend: "openai", server }, chat: { backend: "ollama", server } }, false],
            ["chats on a server, completions local", { chat: { backend: "openai", server } }, true]
        ];
        const local = sanitize({ model: { path: "/a.gguf" } }).settings;
        for (const [name, raw, needed] of cases) {
            const settings = sanitize({ model: { path: "/a.gguf" }, ...raw }).settings;
            assert.equal(localModelNeeded(settings), needed, name);
            assert.equal(needsModelReload(local, settings), !needed, `${name}: reloads only when the need changes`);
        }
    });

    it("refuses a backend it does not know, and server settings of the wrong type", () => {
        const { settings, warnings } = sanitize({ completion: { backend: "tgi", server: { url: 8080, port: 1 } }, server: { fimFormat: "llama" } });
        assert.equal(settings.completion.backend, "local");
        assert.equal(settings.completion.server.url, "");
        assert.equal(settings.server.fimFormat, "auto");
        assert.deepEqual(warnings, [
            "unknown setting hearth.completion.server.port; ignoring it",
            "hearth.completion.backend must be one of local, llama-server, openai, ollama; using local",
            "hearth.completion.server.url must be a string; using \"\"",
            "hearth.server.fimFormat must be one of auto, qwen, codegemma, starcoder, deepseek, codellama; using auto"
        ]);
    });
});

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

describe("model management settings", () => {
    const sanitizeModel = (model: Record<string, unknown>) => sanitize({ model });

    it("accepts an http(s) mirror and drops a trailing slash", () => {
        assert.equal(sanitizeModel({ huggingFaceEndpoint: "http://127.0.0.1:8080/" }).settings.model.huggingFaceEndpoint, "http://127.0.0.1:8080");
        assert.equal(sanitizeModel({ huggingFaceEndpoint: "" }).settings.model.huggingFaceEndpoint, "https://huggingface.co");
    });

    for (const endpoint of ["file:///etc", "http://mirror.example:8080", "http://10.0.0.5"]) {
        it(`falls back to Hugging Face, with a warning, for ${endpoint}: https only, plain http only to this machine`, () => {
            const { settings, warnings } = sanitizeModel({ huggingFaceEndpoint: endpoint });
            assert.equal(settings.model.huggingFaceEndpoint, "https://huggingface.co");
            assert.match(warnings[0], /huggingFaceEndpoint must be an https URL/);
        });
    }

    it("keeps fractions of a minute for the idle unload and clamps negatives to never", () => {
        assert.equal(sanitizeModel({ unloadAfterMinutes: 0.5 }).settings.model.unloadAfterMinutes, 0.5);
        assert.equal(sanitizeModel({ unloadAfterMinutes: -3 }).settings.model.unloadAfterMinutes, 0);
        assert.equal(defaultSettings.model.unloadAfterMinutes, 0);
    });

    it("applies the endpoint and the idle unload live, without reloading the model", () => {
        const before = sanitizeModel({ path: "/m.gguf" }).settings;
        assert.equal(needsModelReload(before, sanitizeModel({ path: "/m.gguf", unloadAfterMinutes: 10, huggingFaceEndpoint: "http://mirror" }).settings), false);
    });
});

describe("settings, as package.json declares them", () => {
    it("the engine knows every setting package.json declares, and no other", () => {
        assert.deepEqual(leafKeys(defaultSettings).sort(), [...engineKeys].sort());
    });

    it("the engine takes hearth.trace.* without a warning, and leaves it to the language client", () => {
        assert.deepEqual(sanitize({ trace: { server: "verbose" } }), { settings: defaultSettings, warnings: [] });
    });

    for (const key of engineKeys) {
        const schema = properties[`hearth.${key}`];
        const branches = [schema, ...(schema.anyOf ?? [])];
        const numeric = branches.find((b) => b.type === "integer" || b.type === "number");
        const enumerated = branches.find((b) => b.enum);
        const text = branches.find((b) => b.type === "string" && !b.enum);
        const kept = (value: unknown) => assert.deepEqual(one(key, value), { value, warnings: [] }, `hearth.${key} = ${JSON.stringify(value)?.slice(0, 40)}`);
        const replaced = (value: unknown, check: (result: unknown) => boolean) => {
            const result = one(key, value);
            assert.ok(check(result.value), `hearth.${key} = ${JSON.stringify(value)?.slice(0, 40)} became ${JSON.stringify(result.value)?.slice(0, 40)}`);
            assert.equal(result.warnings.length, 1, `hearth.${key}: one warning`);
        };

        it(`hearth.${key}: the engine's default, range and values are package.json's`, () => {
            assert.deepEqual(at(defaultSettings, key), schema.default, "default");
            kept(schema.default);
            if (numeric) {
                const inRange = (v: unknown) => typeof v === "number" && v >= (numeric.minimum ?? -Infinity) && v <= (numeric.maximum ?? Infinity);
                if (numeric.minimum !== undefined) {
                    kept(numeric.minimum);
                    replaced(numeric.minimum - 1, (v) => inRange(v) || v === schema.default);
                }
                if (numeric.maximum !== undefined) {
                    kept(numeric.maximum);
                    replaced(numeric.maximum + 1, inRange);
                } else {
                    kept(1_000_000);
                }
                const fraction = (numeric.minimum ?? 0) + 1.25;
                if (numeric.type === "number") kept(fraction);
                else assert.ok(Number.isInteger(one(key, fraction).value), "an integer setting stays whole");
                replaced("many", (v) => v === schema.default);
            }
            if (enumerated) {
                for (const value of enumerated.enum!) kept(value);
                replaced("none of these", (v) => v === schema.default);
            }
            if (text) {
                const long = (length: number) => (text.format === "uri" ? `https://example.com/${"x".repeat(length - 20)}` : "x".repeat(length));
                if (text.maxLength !== undefined) {
                    kept(long(text.maxLength));
                    replaced(long(text.maxLength + 1), (v) => typeof v === "string" && v.length === text.maxLength);
                } else {
                    kept(long(100_000));
                }
            }
            if (schema.type === "string") replaced(42, (v) => v === schema.default);
            if (schema.type === "boolean") {
                kept(!schema.default);
                replaced("yes", (v) => v === schema.default);
            }
        });
    }
});

describe("a partial settings update", () => {
    const current = sanitizeSettings({ model: { path: "/models/a.gguf", contextSize: 4096 }, completion: { maxTokens: 64 } }, () => undefined);
    const cases: Array<[string, unknown, (merged: typeof current) => void]> = [
        ["keeps the model when only completion.maxTokens is sent", { completion: { maxTokens: 8 } }, (m) => {
            assert.equal(m.model.path, "/models/a.gguf");
            assert.equal(m.model.contextSize, 4096);
            assert.equal(m.completion.maxTokens, 8);
            assert.equal(m.completion.enabled, current.completion.enabled);
        }],
        ["replaces what a full update sends", { ...defaultSettings, model: { ...defaultSettings.model, path: "/models/b.gguf" } }, (m) => assert.equal(m.model.path, "/models/b.gguf")],
        ["keeps nested sections it does not name", { chat: { maxTokens: 9 } }, (m) => assert.equal(m.chat.model.path, current.chat.model.path)]
    ];
    for (const [name, update, check] of cases) {
        it(name, () => {
            const merged = sanitizeSettings(mergeSettings(current, update), () => undefined);
            check(merged);
            assert.equal(needsModelReload(current, merged), merged.model.path !== current.model.path);
        });
    }
});
