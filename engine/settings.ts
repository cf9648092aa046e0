import type { BackendKind, FimFormatSetting, HearthSettings, RoleServerSettings } from "./protocol";
import { isTrustedTransport } from "./models/modelUri";

export const defaultHuggingFaceEndpoint = "https://huggingface.co";

/**
 * package.json's `contributes.configuration` is where each setting's default, range and values are declared; the
 * engine, which also serves editors without it, keeps the same ones here, and a unit test holds the two together.
 */
export const defaultSettings: HearthSettings = {
    model: { path: "", contextSize: 8192, gpuLayers: "auto", threads: 0, huggingFaceEndpoint: defaultHuggingFaceEndpoint, unloadAfterMinutes: 0 },
    completion: { enabled: true, maxTokens: 64, alternatives: 3, backend: "local", server: { url: "", model: "" } },
    chat: {
        systemPrompt:
            "You are Hearth, a coding assistant that runs locally in the user's editor. Answer concisely and correctly. " +
            "Put code in fenced code blocks tagged with their language. When the user attaches code, refer to it by its file name.",
        contextSize: 4096,
        maxTokens: 1024,
        temperature: 0.2,
        model: { path: "" },
        backend: "local",
        server: { url: "", model: "" }
    },
    server: { fimFormat: "auto", allowInsecureHttp: false }
};

export const backendKinds: readonly BackendKind[] = ["local", "llama-server", "openai", "ollama"];
export const fimFormatSettings: readonly FimFormatSetting[] = ["auto", "qwen", "codegemma", "starcoder", "deepseek", "codellama"];

const maxSystemPromptChars = 20_000;

type Warn = (message: string) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function section(raw: Record<string, unknown>, key: string, path: string, warn: Warn): Record<string, unknown> {
    const value = raw[key];
    if (value === undefined) return {};
    if (isRecord(value)) return value;
    warn(`${path}${key} must be an object; ignoring it`);
    return {};
}

function integer(raw: Record<string, unknown>, key: string, path: string, fallback: number, min: number, max: number, warn: Warn): number {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value)) {
        warn(`${path}${key} must be a number; using ${fallback}`);
        return fallback;
    }
    const clamped = Math.min(max, Math.max(min, Math.round(value)));
    if (clamped !== value) warn(`${path}${key} = ${value} is out of range [${min}, ${max}]; using ${clamped}`);
    return clamped;
}

function boolean(raw: Record<string, unknown>, key: string, path: string, fallback: boolean, warn: Warn): boolean {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === "boolean") return value;
    warn(`${path}${key} must be true or false; using ${fallback}`);
    return fallback;
}

function string(raw: Record<string, unknown>, key: string, path: string, fallback: string, warn: Warn): string {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === "string") return value.trim();
    warn(`${path}${key} must be a string; using "${fallback}"`);
    return fallback;
}

function decimal(raw: Record<string, unknown>, key: string, path: string, fallback: number, min: number, max: number, warn: Warn): number {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value)) {
        warn(`${path}${key} must be a number; using ${fallback}`);
        return fallback;
    }
    const clamped = Math.min(max, Math.max(min, value));
    if (clamped !== value) warn(`${path}${key} = ${value} is out of range [${min}, ${max}]; using ${clamped}`);
    return clamped;
}

function oneOf<T extends string>(raw: Record<string, unknown>, key: string, path: string, values: readonly T[], fallback: T, warn: Warn): T {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    if (values.includes(value as T)) return value as T;
    warn(`${path}${key} must be one of ${values.join(", ")}; using ${fallback}`);
    return fallback;
}

/** A role's backend and its server. The address is checked where it is used, so the reason reaches the user. */
function roleBackend(raw: Record<string, unknown>, path: string, warn: Warn): { backend: BackendKind; server: RoleServerSettings } {
    const server = section(raw, "server", path, warn);
    warnUnknownKeys(server, defaultSettings.chat.server, `${path}server.`, warn);
    return {
        backend: oneOf(raw, "backend", path, backendKinds, "local", warn),
        server: { url: string(server, "url", `${path}server.`, "", warn), model: string(server, "model", `${path}server.`, "", warn) }
    };
}

function systemPrompt(raw: Record<string, unknown>, warn: Warn): string {
    const value = string(raw, "systemPrompt", "hearth.chat.", defaultSettings.chat.systemPrompt, warn);
    if (value.length <= maxSystemPromptChars) return value;
    warn(`hearth.chat.systemPrompt is longer than ${maxSystemPromptChars} characters; cutting it`);
    return value.slice(0, maxSystemPromptChars);
}

function gpuLayers(raw: Record<string, unknown>, warn: Warn): HearthSettings["model"]["gpuLayers"] {
    const value = raw.gpuLayers;
    if (value === undefined || value === null || value === "auto") return "auto";
    if (value === "max") return "max";
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) return Math.round(value);
    warn(`hearth.model.gpuLayers must be "auto", "max" or a number of layers; using "auto"`);
    return "auto";
}

function endpoint(raw: Record<string, unknown>, warn: Warn): string {
    const value = string(raw, "huggingFaceEndpoint", "hearth.model.", defaultHuggingFaceEndpoint, warn);
    if (value === "") return defaultHuggingFaceEndpoint;
    if (/^https?:\/\/[^/\s]+/i.test(value) && isTrustedTransport(value)) return value.replace(/\/+$/, "");
    warn(`hearth.model.huggingFaceEndpoint must be an https URL (plain http only to this machine); using ${defaultHuggingFaceEndpoint}`);
    return defaultHuggingFaceEndpoint;
}

function warnUnknownKeys(raw: Record<string, unknown>, known: object, path: string, warn: Warn): void {
    for (const key of Object.keys(raw)) {
        if (!(key in known)) warn(`unknown setting ${path}${key}; ignoring it`);
    }
}

/** Turns whatever the client sent into complete, valid settings; every problem becomes a warning, never an exception. */
export function sanitizeSettings(raw: unknown, warn: Warn): HearthSettings {
    if (raw === undefined || raw === null) return structuredClone(defaultSettings);
    if (!isRecord(raw)) {
        warn("the hearth settings must be an object; using the defaults");
        return structuredClone(defaultSettings);
    }
    // Keys that VS Code adds to every configuration section.
    const extra = { trace: true };
    warnUnknownKeys(raw, { ...defaultSettings, ...extra }, "hearth.", warn);
    const model = section(raw, "model", "hearth.", warn);
    const completion = section(raw, "completion", "hearth.", warn);
    warnUnknownKeys(model, defaultSettings.model, "hearth.model.", warn);
    warnUnknownKeys(completion, defaultSettings.completion, "hearth.completion.", warn);
    const chat = section(raw, "chat", "hearth.", warn);
    const chatModel = section(chat, "model", "hearth.chat.", warn);
    warnUnknownKeys(chat, defaultSettings.chat, "hearth.chat.", warn);
    warnUnknownKeys(chatModel, defaultSettings.chat.model, "hearth.chat.model.", warn);
    const server = section(raw, "server", "hearth.", warn);
    warnUnknownKeys(server, defaultSettings.server, "hearth.server.", warn);
    const d = defaultSettings;
    return {
        model: {
            path: string(model, "path", "hearth.model.", d.model.path, warn),
            contextSize: integer(model, "contextSize", "hearth.model.", d.model.contextSize, 512, 131072, warn),
            gpuLayers: gpuLayers(model, warn),
            threads: integer(model, "threads", "hearth.model.", d.model.threads, 0, 256, warn),
            huggingFaceEndpoint: endpoint(model, warn),
            unloadAfterMinutes: decimal(model, "unloadAfterMinutes", "hearth.model.", d.model.unloadAfterMinutes, 0, 10080, warn)
        },
        completion: {
            enabled: boolean(completion, "enabled", "hearth.completion.", d.completion.enabled, warn),
            maxTokens: integer(completion, "maxTokens", "hearth.completion.", d.completion.maxTokens, 1, 1024, warn),
            alternatives: integer(completion, "alternatives", "hearth.completion.", d.completion.alternatives, 1, 5, warn),
            ...roleBackend(completion, "hearth.completion.", warn)
        },
        chat: {
            systemPrompt: systemPrompt(chat, warn),
            contextSize: integer(chat, "contextSize", "hearth.chat.", d.chat.contextSize, 512, 131072, warn),
            maxTokens: integer(chat, "maxTokens", "hearth.chat.", d.chat.maxTokens, 1, 8192, warn),
            temperature: decimal(chat, "temperature", "hearth.chat.", d.chat.temperature, 0, 2, warn),
            model: { path: string(chatModel, "path", "hearth.chat.model.", d.chat.model.path, warn) },
            ...roleBackend(chat, "hearth.chat.", warn)
        },
        server: {
            fimFormat: oneOf(server, "fimFormat", "hearth.server.", fimFormatSettings, d.server.fimFormat, warn),
            allowInsecureHttp: boolean(server, "allowInsecureHttp", "hearth.server.", d.server.allowInsecureHttp, warn)
        }
    };
}

/** Whether a role runs on the model `hearth.model.path` names: completions on it, or chats that share it. */
export function localModelNeeded(settings: HearthSettings): boolean {
    return settings.completion.backend === "local" || (settings.chat.backend === "local" && settings.chat.model.path === "");
}

/** Settings whose change needs the model (and its context) loaded again, or unloaded once no role runs on it. */
export function needsModelReload(before: HearthSettings, after: HearthSettings): boolean {
    const a = before.model;
    const b = after.model;
    const changed = a.path !== b.path || a.contextSize !== b.contextSize || a.gpuLayers !== b.gpuLayers || a.threads !== b.threads;
    return changed || localModelNeeded(before) !== localModelNeeded(after);
}

/**
 * The settings an update leaves: its values over the current ones, section by section. VS Code sends every key,
 * but another LSP editor may send only what changed (`{"completion":{"maxTokens":8}}`), which must not reset the rest.
 */
export function mergeSettings(current: unknown, update: unknown): unknown {
    if (!isRecord(current) || !isRecord(update)) return update;
    const merged: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(update)) merged[key] = isRecord(value) && isRecord(current[key]) ? mergeSettings(current[key], value) : value;
    return merged;
}
