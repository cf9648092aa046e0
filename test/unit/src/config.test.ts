import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { defaultSettings, needsModelReload, sanitizeSettings } from "../../../engine/settings";
import {
    changedSettings,
    chatModelPath,
    modelPathSetting,
    completionEnabled,
    completionEnabledByDefault,
    documentSetting,
    modelPath,
    rawSettings,
    setCompletionEnabled,
    setModelPath,
    settingDeclarations,
    userSetting,
    windowSetting,
    type SettingKey,
    type SettingsStore
} from "../../../src/config";

interface Declared {
    default: unknown;
    scope: string;
    type?: string;
    enum?: unknown[];
    maximum?: number;
    anyOf?: unknown[];
}
const manifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    contributes: { configuration: { properties: Record<string, Declared> } };
    capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
};
const declared = manifest.contributes.configuration.properties;
const keys = Object.keys(declared).map((key) => key.replace(/^hearth\./, "")) as SettingKey[];

type Scope = Parameters<SettingsStore["getConfiguration"]>[1];

/**
 * Settings as VS Code resolves them: a language's value (`"[python]": {…}`) over the workspace's, over the user's,
 * over package.json's default. Records the scope of every read and every write.
 */
class Store implements SettingsStore {
    readonly reads: Array<{ key: string; scope: Scope }> = [];
    readonly writes: Array<{ key: string; value: unknown; target: unknown; languageId?: string }> = [];
    /** `workspace`: values the workspace sets, `[language].hearth.key` for a language's. */
    constructor(private readonly user: Record<string, unknown> = {}, private readonly languages: Record<string, Record<string, unknown>> = {}, public workspace: Record<string, unknown> = {}) {}

    getConfiguration(section: string, scope?: Scope) {
        const languageId = (scope as { languageId?: string } | null | undefined)?.languageId;
        const lookup = (key: string) => {
            const full = `${section}.${key}`;
            const language = languageId ? this.languages[languageId] : undefined;
            if (language && full in language) return language[full];
            if (full in this.workspace) return this.workspace[full];
            if (full in this.user) return this.user[full];
            return declared[full]?.default;
        };
        return {
            get: <T>(key: string): T | undefined => {
                this.reads.push({ key, scope: scope ?? undefined });
                return lookup(key) as T | undefined;
            },
            inspect: <T>(key: string) => {
                const full = `${section}.${key}`;
                this.reads.push({ key, scope: scope ?? undefined });
                return {
                    key: full,
                    defaultValue: declared[full]?.default as T,
                    globalValue: this.user[full] as T | undefined,
                    workspaceValue: this.workspace[full] as T | undefined,
                    workspaceLanguageValue: languageId ? (this.workspace[`[${languageId}].${full}`] as T | undefined) : undefined
                };
            },
            update: async (key: string, value: unknown, target?: unknown, overrideInLanguage?: boolean) => {
                this.writes.push({ key, value, target, ...(overrideInLanguage ? { languageId } : {}) });
            }
        } as unknown as ReturnType<SettingsStore["getConfiguration"]>;
    }
}

describe("settings, as the extension reads them", () => {
    it("reads hearth.completion.enabled for the document's language", () => {
        const store = new Store({ "hearth.completion.enabled": true }, { python: { "hearth.completion.enabled": false }, markdown: { "hearth.completion.enabled": true } });
        const uri = { path: "/w/a.py" } as never;
        assert.equal(completionEnabled({ languageId: "python", uri }, store), false);
        assert.equal(completionEnabled({ languageId: "typescript", uri }, store), true);
        assert.deepEqual(store.reads[0], { key: "completion.enabled", scope: { languageId: "python", uri } });
        const off = new Store({ "hearth.completion.enabled": false }, { markdown: { "hearth.completion.enabled": true } });
        assert.equal(completionEnabled({ languageId: "markdown" }, off), true);
        assert.equal(completionEnabled({ languageId: "typescript" }, off), false);
    });

    it("answers with package.json's default for what nobody set, and repeats none of its own", () => {
        const store = new Store();
        assert.equal(windowSetting("chat.contextSize", store), declared["hearth.chat.contextSize"].default);
        assert.equal(documentSetting("chat.maxTokens", { languageId: "go" }, store), declared["hearth.chat.maxTokens"].default);
        assert.equal(completionEnabled({ languageId: "go" }, store), true);
        const undeclared = { getConfiguration: () => ({ get: () => undefined, update: async () => undefined }) } as unknown as SettingsStore;
        assert.throws(() => windowSetting("chat.contextSize", undeclared), /hearth\.chat\.contextSize is not declared in package\.json/);
    });

    it("reads window settings without a scope, expands ~/ in model paths and writes them to the user's settings", async () => {
        const store = new Store({ "hearth.model.path": "~/models/a.gguf", "hearth.chat.model.path": 42 });
        assert.equal(modelPath(store), `${process.env.HOME}/models/a.gguf`);
        assert.equal(chatModelPath(store), "", "a path that is not a string names no file");
        assert.ok(store.reads.every((read) => read.scope === undefined));
        await setModelPath("/m.gguf", store);
        assert.deepEqual(store.writes, [{ key: "model.path", value: "/m.gguf", target: true }]);
    });

    it("says whether a model path comes from the workspace, and what the user's own setting is", () => {
        const store = new Store({ "hearth.model.path": "~/mine.gguf" }, {}, { "hearth.model.path": " /repo/theirs.gguf ", "hearth.chat.model.path": "" });
        assert.deepEqual(modelPathSetting("model.path", store), { key: "model.path", value: "/repo/theirs.gguf", fromWorkspace: true, userValue: `${process.env.HOME}/mine.gguf` });
        assert.deepEqual(modelPathSetting("chat.model.path", store), { key: "chat.model.path", value: "", fromWorkspace: true, userValue: "" });
        assert.equal(modelPathSetting("model.path", new Store({ "hearth.model.path": "/m.gguf" })).fromWorkspace, false);
        const sent = rawSettings(store, (setting) => (setting.fromWorkspace ? setting.userValue : setting.value)) as { model: { path: string } };
        assert.equal(sent.model.path, `${process.env.HOME}/mine.gguf`, "the engine gets the path the gate lets through");
    });

    it("sends the engine the settings as they are, for it to sanitise", () => {
        const raw = rawSettings(new Store({ "hearth.completion.maxTokens": "lots" }));
        const warnings: string[] = [];
        const settings = sanitizeSettings(raw, (warning) => warnings.push(warning));
        assert.equal(settings.completion.maxTokens, defaultSettings.completion.maxTokens);
        assert.deepEqual(warnings, ["hearth.completion.maxTokens must be a number; using 64"]);
    });

    it("leaves the per-language completion switch to the extension: off everywhere but Python still completes Python", () => {
        const store = new Store({ "hearth.completion.enabled": false }, { python: { "hearth.completion.enabled": true } });
        const settings = sanitizeSettings(rawSettings(store), () => undefined);
        assert.equal(settings.completion.enabled, true, "the engine refuses no language");
        assert.equal(completionEnabled({ languageId: "python" }, store), true);
        assert.equal(completionEnabled({ languageId: "go" }, store), false);
    });

    it("turns completions on or off everywhere or for one language, where the change takes effect", async () => {
        const store = new Store({ "hearth.completion.enabled": false });
        assert.equal(completionEnabledByDefault(store), false);
        assert.equal(completionEnabledByDefault(new Store()), true);
        await setCompletionEnabled(true, undefined, store);
        await setCompletionEnabled(false, "python", store);
        store.workspace = { "[go].hearth.completion.enabled": true };
        await setCompletionEnabled(false, "go", store);
        assert.deepEqual(store.writes, [
            { key: "completion.enabled", value: true, target: true },
            { key: "completion.enabled", value: false, target: true, languageId: "python" },
            { key: "completion.enabled", value: false, target: false, languageId: "go" }
        ]);
    });

    it("declares every setting package.json has, read per document exactly where package.json's scope asks", () => {
        assert.deepEqual(Object.keys(settingDeclarations).sort(), [...keys].sort());
        for (const key of keys) {
            const scope = declared[`hearth.${key}`].scope;
            const perDocument = ["resource", "language-overridable"].includes(scope);
            if (settingDeclarations[key].read === "user") assert.ok(["machine", "application"].includes(scope), `${key}: VS Code keeps it out of workspaces too`);
            else assert.equal(settingDeclarations[key].read, perDocument ? "document" : "window", key);
        }
    });

    it("reads where code goes from the user's settings alone: a workspace cannot choose the server", () => {
        const user = { "hearth.chat.backend": "openai", "hearth.chat.server.url": "https://llm.example.com" };
        const workspace = { "hearth.chat.server.url": "https://attacker.example", "hearth.completion.backend": "ollama", "hearth.server.allowInsecureHttp": true };
        const store = new Store(user, {}, workspace);
        const raw = rawSettings(store) as { completion: { backend: string }; chat: { backend: string; server: { url: string } }; server: { allowInsecureHttp: boolean } };
        assert.equal(raw.chat.server.url, "https://llm.example.com");
        assert.equal(raw.chat.backend, "openai");
        assert.equal(raw.completion.backend, "local", "package.json's default, not the workspace's");
        assert.equal(raw.server.allowInsecureHttp, false);
        assert.equal(userSetting("chat.server.url", store), "https://llm.example.com");
    });

    it("says which settings reload the model, as the engine decides it", () => {
        for (const key of keys.filter((key) => !key.startsWith("trace."))) {
            const before = sanitizeSettings({}, () => undefined);
            const after = sanitizeSettings(withValue(key, anotherValue(declared[`hearth.${key}`])), () => undefined);
            assert.notDeepEqual(after, before, `${key} changed nothing`);
            assert.equal(needsModelReload(before, after), settingDeclarations[key].change === "reloadsModel", key);
        }
    });

    // VS Code itself leaves a workspace's value of a restricted setting out of what the extension reads while the
    // workspace is not trusted, and never reads one of a machine or application setting from any workspace.
    it("lets an untrusted workspace set only what hides no instructions and costs no memory, CPU or log", () => {
        const { supported, restrictedConfigurations } = manifest.capabilities.untrustedWorkspaces;
        assert.equal(supported, "limited");
        for (const key of restrictedConfigurations) assert.ok(key in declared, `${key} is not a setting`);
        const userOnly = Object.keys(declared).filter((key) => ["machine", "application"].includes(declared[key].scope));
        assert.deepEqual(userOnly, [
            "hearth.model.gpuLayers",
            "hearth.model.threads",
            "hearth.model.huggingFaceEndpoint",
            "hearth.completion.backend",
            "hearth.completion.server.url",
            "hearth.completion.server.model",
            "hearth.chat.backend",
            "hearth.chat.server.url",
            "hearth.chat.server.model",
            "hearth.server.fimFormat",
            "hearth.server.allowInsecureHttp"
        ]);
        const untrustedMaySet = Object.keys(declared).filter((key) => !userOnly.includes(key) && !restrictedConfigurations.includes(key));
        assert.deepEqual(untrustedMaySet, ["hearth.model.unloadAfterMinutes", "hearth.completion.enabled", "hearth.chat.temperature"]);
    });

    it("names the settings a change touched, with how each applies", () => {
        const touched = changedSettings((section) => section === "hearth.model.threads" || section === "hearth.chat.temperature");
        assert.deepEqual(touched, [{ key: "model.threads", change: "reloadsModel" }, { key: "chat.temperature", change: "live" }]);
    });
});

function withValue(key: string, value: unknown): Record<string, unknown> {
    const path = key.split(".");
    const root: Record<string, unknown> = {};
    let node = root;
    for (const part of path.slice(0, -1)) node = (node[part] = {});
    node[path.at(-1)!] = value;
    return root;
}

/** A valid value other than the default. */
function anotherValue(setting: Declared): unknown {
    const value = setting.default;
    if (setting.anyOf) return value === "max" ? "auto" : "max";
    if (setting.enum) return setting.enum.find((other) => other !== value);
    if (typeof value === "boolean") return !value;
    if (typeof value === "number") return value === setting.maximum ? value - 1 : value + 1;
    return `${String(value)}x`;
}
