// Hearth's settings, read in one typed module. package.json declares each one, with its default, range and scope;
// VS Code answers with that default for a setting nobody set, so no default is repeated here. The engine sanitises
// what it is sent (engine/settings.ts).
//
// No setting restarts the engine process: every change is sent to the running engine, which reloads the model for
// the settings marked "reloadsModel" below; every other setting applies from the next request on ("live").
import type { ConfigurationScope, Uri, WorkspaceConfiguration } from "vscode";

export const section = "hearth";

/** What `vscode.workspace` offers for settings. */
export interface SettingsStore {
    getConfiguration(section: string, scope?: ConfigurationScope | null): Pick<WorkspaceConfiguration, "get" | "update">;
}

export type ChangeEffect = "reloadsModel" | "live";

/** Where a setting is read: once for the window, or for one document (its language and its folder). */
type ReadScope = "window" | "document";

/** Every Hearth setting with the type of its value, as package.json declares it. */
interface SettingTypes {
    "model.path": string;
    "model.contextSize": number;
    "model.gpuLayers": "auto" | "max" | number;
    "model.threads": number;
    "model.huggingFaceEndpoint": string;
    "model.unloadAfterMinutes": number;
    "completion.enabled": boolean;
    "completion.maxTokens": number;
    "chat.systemPrompt": string;
    "chat.contextSize": number;
    "chat.maxTokens": number;
    "chat.temperature": number;
    "chat.model.path": string;
    "trace.server": "off" | "messages" | "verbose";
}

export type SettingKey = keyof SettingTypes;

/** Where each setting is read (package.json's `resource` and `language-overridable` ones per document) and how a change applies. */
export const settingDeclarations = {
    "model.path": { read: "window", change: "reloadsModel" },
    "model.contextSize": { read: "window", change: "reloadsModel" },
    "model.gpuLayers": { read: "window", change: "reloadsModel" },
    "model.threads": { read: "window", change: "reloadsModel" },
    "model.huggingFaceEndpoint": { read: "window", change: "live" },
    "model.unloadAfterMinutes": { read: "window", change: "live" },
    "completion.enabled": { read: "document", change: "live" },
    "completion.maxTokens": { read: "document", change: "live" },
    "chat.systemPrompt": { read: "document", change: "live" },
    "chat.contextSize": { read: "window", change: "live" },
    "chat.maxTokens": { read: "document", change: "live" },
    "chat.temperature": { read: "document", change: "live" },
    "chat.model.path": { read: "window", change: "live" },
    "trace.server": { read: "window", change: "live" }
} as const satisfies Record<SettingKey, { read: ReadScope; change: ChangeEffect }>;

type KeysReadAt<S extends ReadScope> = { [K in SettingKey]: (typeof settingDeclarations)[K]["read"] extends S ? K : never }[SettingKey];

/** A document as settings see it: language-specific values (`"[python]": {…}`) and its folder's values apply. */
export interface DocumentScope {
    languageId: string;
    uri?: Uri;
}

/** VS Code's settings, loaded on first use so that this module also runs in unit tests, which pass their own store. */
function vscodeSettings(): SettingsStore {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not when the module loads
    return (require("vscode") as typeof import("vscode")).workspace;
}

function value<K extends SettingKey>(store: SettingsStore, key: K, scope?: ConfigurationScope): SettingTypes[K] {
    const found = store.getConfiguration(section, scope).get<SettingTypes[K]>(key);
    if (found === undefined) throw new Error(`${section}.${key} is not declared in package.json`);
    return found;
}

/** A setting read once for the window. */
export function windowSetting<K extends KeysReadAt<"window">>(key: K, store = vscodeSettings()): SettingTypes[K] {
    return value(store, key);
}

/** A setting read for one document: a language-specific or folder value wins over the window's. */
export function documentSetting<K extends KeysReadAt<"document">>(key: K, document: DocumentScope, store = vscodeSettings()): SettingTypes[K] {
    return value(store, key, { languageId: document.languageId, uri: document.uri });
}

/** Whether inline completions are wanted in `document`; only an explicit `false` turns them off (the engine sanitises the rest). */
export function completionEnabled(document: DocumentScope, store = vscodeSettings()): boolean {
    return documentSetting("completion.enabled", document, store) !== false;
}

export function modelPath(store = vscodeSettings()): string {
    return filePath(windowSetting("model.path", store));
}

export function chatModelPath(store = vscodeSettings()): string {
    return filePath(windowSetting("chat.model.path", store));
}

export async function setModelPath(path: string, store = vscodeSettings()): Promise<void> {
    await store.getConfiguration(section).update("model.path", path, true);
}

/** An empty path makes the completion model answer chats too. */
export async function setChatModelPath(path: string, store = vscodeSettings()): Promise<void> {
    await store.getConfiguration(section).update("chat.model.path", path, true);
}

/** The settings a configuration change touched, each with how it applies. */
export function changedSettings(affects: (section: string) => boolean): Array<{ key: SettingKey; change: ChangeEffect }> {
    return (Object.keys(settingDeclarations) as SettingKey[]).filter((key) => affects(`${section}.${key}`)).map((key) => ({ key, change: settingDeclarations[key].change }));
}

/**
 * The `hearth` section as VS Code holds it, sent to the engine as it is, but for `completion.enabled`: it is
 * language-overridable, so the extension decides it per document before asking (`completionEnabled`), and the
 * engine, which sees no languages, is told nothing that would refuse a language the user turned on.
 */
export function rawSettings(store = vscodeSettings()): Record<string, unknown> {
    const config = store.getConfiguration(section);
    const read = (key: string) => config.get(key);
    return {
        model: {
            path: filePath(read("model.path")),
            contextSize: read("model.contextSize"),
            gpuLayers: read("model.gpuLayers"),
            threads: read("model.threads"),
            huggingFaceEndpoint: read("model.huggingFaceEndpoint"),
            unloadAfterMinutes: read("model.unloadAfterMinutes")
        },
        completion: {
            maxTokens: read("completion.maxTokens")
        },
        chat: {
            systemPrompt: read("chat.systemPrompt"),
            contextSize: read("chat.contextSize"),
            maxTokens: read("chat.maxTokens"),
            temperature: read("chat.temperature"),
            model: { path: filePath(read("chat.model.path")) }
        }
    };
}

/** A model path as the user wrote it, `~/` expanded; anything but a string names no file (the engine logs why). */
function filePath(path: unknown): string {
    return typeof path === "string" ? expandHome(path) : "";
}

function expandHome(path: string): string {
    if (path.startsWith("~/")) return `${process.env.HOME ?? ""}${path.slice(1)}`;
    return path;
}
