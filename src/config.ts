// Hearth's settings, read in one typed module. package.json declares each one, with its default, range and scope;
// VS Code answers with that default for a setting nobody set, so no default is repeated here. The engine sanitises
// what it is sent (engine/settings.ts).
//
// No setting restarts the engine process: every change is sent to the running engine, which reloads the model for
// the settings marked "reloadsModel" below; every other setting applies from the next request on ("live").
import type { ConfigurationScope, Uri, WorkspaceConfiguration } from "vscode";
import type { BackendKind, FimFormatSetting } from "../engine/protocol";

export const section = "hearth";

/** What `vscode.workspace` offers for settings. */
export interface SettingsStore {
    getConfiguration(section: string, scope?: ConfigurationScope | null): Pick<WorkspaceConfiguration, "get" | "update" | "inspect">;
}

export type ChangeEffect = "reloadsModel" | "live";

/**
 * Where a setting is read: once for the window, for one document (its language and its folder), or from the
 * user's own settings only ("user": where code may be sent, which no workspace may choose).
 */
type ReadScope = "window" | "document" | "user";

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
    "completion.backend": BackendKind;
    "completion.server.url": string;
    "completion.server.model": string;
    "completion.alternatives": number;
    "chat.systemPrompt": string;
    "chat.contextSize": number;
    "chat.maxTokens": number;
    "chat.temperature": number;
    "chat.model.path": string;
    "chat.backend": BackendKind;
    "chat.server.url": string;
    "chat.server.model": string;
    "server.fimFormat": FimFormatSetting;
    "server.allowInsecureHttp": boolean;
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
    "completion.backend": { read: "user", change: "live" },
    "completion.server.url": { read: "user", change: "live" },
    "completion.server.model": { read: "user", change: "live" },
    "completion.alternatives": { read: "document", change: "live" },
    "chat.systemPrompt": { read: "document", change: "live" },
    "chat.contextSize": { read: "window", change: "live" },
    "chat.maxTokens": { read: "document", change: "live" },
    "chat.temperature": { read: "document", change: "live" },
    "chat.model.path": { read: "window", change: "live" },
    "chat.backend": { read: "user", change: "live" },
    "chat.server.url": { read: "user", change: "live" },
    "chat.server.model": { read: "user", change: "live" },
    "server.fimFormat": { read: "user", change: "live" },
    "server.allowInsecureHttp": { read: "user", change: "live" },
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

/**
 * A setting only the user may set: its value in the user's (or, remotely, the machine's) settings, never one a
 * workspace sets. package.json declares these `machine` or `application`, which VS Code already keeps out of
 * workspaces; reading the user's value alone holds that here too.
 */
export function userSetting<K extends KeysReadAt<"user">>(key: K, store = vscodeSettings()): SettingTypes[K] {
    const inspected = store.getConfiguration(section).inspect<SettingTypes[K]>(key);
    const found = inspected?.globalValue ?? inspected?.defaultValue;
    if (found === undefined) throw new Error(`${section}.${key} is not declared in package.json`);
    return found;
}

/** Whether inline completions are wanted in `document`; only an explicit `false` turns them off (the engine sanitises the rest). */
export function completionEnabled(document: DocumentScope, store = vscodeSettings()): boolean {
    return documentSetting("completion.enabled", document, store) !== false;
}

/** Whether inline completions are on where no language says otherwise. */
export function completionEnabledByDefault(store = vscodeSettings()): boolean {
    return value(store, "completion.enabled") !== false;
}

/**
 * Turns inline completions on or off everywhere, or for `languageId` only. Written to the user's settings, or to
 * the workspace's where the workspace already decides it, so that the change takes effect.
 */
export async function setCompletionEnabled(enabled: boolean, languageId?: string, store = vscodeSettings()): Promise<void> {
    const config = store.getConfiguration(section, languageId === undefined ? undefined : { languageId });
    const set = config.inspect<boolean>("completion.enabled");
    const workspaceDecides = languageId === undefined ? set?.workspaceValue !== undefined : set?.workspaceLanguageValue !== undefined;
    // `true` is the user's settings, `false` the workspace's.
    await config.update("completion.enabled", enabled, !workspaceDecides, languageId !== undefined);
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

export type ModelPathKey = "model.path" | "chat.model.path";

/** A model path setting: its value, whether a workspace set it (rather than the user), and the user's own value. */
export interface ModelPathSetting {
    key: ModelPathKey;
    /** `~/` expanded, as every path below. */
    value: string;
    fromWorkspace: boolean;
    userValue: string;
}

/**
 * Where a model path comes from. (While a workspace is not trusted VS Code leaves its values of restricted
 * settings, these among them, out of everything the extension reads.)
 */
export function modelPathSetting(key: ModelPathKey, store = vscodeSettings()): ModelPathSetting {
    const inspected = store.getConfiguration(section).inspect<unknown>(key);
    const fromWorkspace = inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined;
    return { key, value: filePath(windowSetting(key, store)), fromWorkspace, userValue: filePath(inspected?.globalValue ?? inspected?.defaultValue) };
}

/** The settings a configuration change touched, each with how it applies. */
export function changedSettings(affects: (section: string) => boolean): Array<{ key: SettingKey; change: ChangeEffect }> {
    return (Object.keys(settingDeclarations) as SettingKey[]).filter((key) => affects(`${section}.${key}`)).map((key) => ({ key, change: settingDeclarations[key].change }));
}

/**
 * The `hearth` section as VS Code holds it, sent to the engine as it is, but for `completion.enabled`: it is
 * language-overridable, so the extension decides it per document before asking (`completionEnabled`), and the
 * engine, which sees no languages, is told nothing that would refuse a language the user turned on. The model paths
 * are those `modelPath` lets through (by default the settings' own, `~/` expanded).
 */
export function rawSettings(store = vscodeSettings(), modelPath: (setting: ModelPathSetting) => string = (setting) => setting.value): Record<string, unknown> {
    const config = store.getConfiguration(section);
    const read = (key: string) => config.get(key);
    const server = (role: "completion" | "chat") => ({ url: userSetting(`${role}.server.url`, store), model: userSetting(`${role}.server.model`, store) });
    return {
        model: {
            path: modelPath(modelPathSetting("model.path", store)),
            contextSize: read("model.contextSize"),
            gpuLayers: read("model.gpuLayers"),
            threads: read("model.threads"),
            huggingFaceEndpoint: read("model.huggingFaceEndpoint"),
            unloadAfterMinutes: read("model.unloadAfterMinutes")
        },
        completion: {
            maxTokens: read("completion.maxTokens"),
            alternatives: read("completion.alternatives"),
            backend: userSetting("completion.backend", store),
            server: server("completion")
        },
        chat: {
            systemPrompt: read("chat.systemPrompt"),
            contextSize: read("chat.contextSize"),
            maxTokens: read("chat.maxTokens"),
            temperature: read("chat.temperature"),
            model: { path: modelPath(modelPathSetting("chat.model.path", store)) },
            backend: userSetting("chat.backend", store),
            server: server("chat")
        },
        server: {
            fimFormat: userSetting("server.fimFormat", store),
            allowInsecureHttp: userSetting("server.allowInsecureHttp", store)
        }
    };
}

/** A model path as the user wrote it, `~/` expanded; anything but a string names no file (the engine logs why). */
function filePath(path: unknown): string {
    return typeof path === "string" ? expandHome(path.trim()) : "";
}

function expandHome(path: string): string {
    if (path.startsWith("~/")) return `${process.env.HOME ?? ""}${path.slice(1)}`;
    return path;
}
