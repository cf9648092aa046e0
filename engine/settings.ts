import type { HearthSettings } from "./protocol";

export const defaultSettings: HearthSettings = {
    model: { path: "", contextSize: 8192, gpuLayers: "auto", threads: 0 },
    completion: { enabled: true, maxTokens: 64, fixedTokens: 0 }
};

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

function gpuLayers(raw: Record<string, unknown>, warn: Warn): HearthSettings["model"]["gpuLayers"] {
    const value = raw.gpuLayers;
    if (value === undefined || value === null || value === "auto") return "auto";
    if (value === "max") return "max";
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) return Math.round(value);
    warn(`hearth.model.gpuLayers must be "auto", "max" or a number of layers; using "auto"`);
    return "auto";
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
    const extra = { trace: true, chat: true };
    warnUnknownKeys(raw, { ...defaultSettings, ...extra }, "hearth.", warn);
    const model = section(raw, "model", "hearth.", warn);
    const completion = section(raw, "completion", "hearth.", warn);
    warnUnknownKeys(model, defaultSettings.model, "hearth.model.", warn);
    warnUnknownKeys(completion, defaultSettings.completion, "hearth.completion.", warn);
    const d = defaultSettings;
    return {
        model: {
            path: string(model, "path", "hearth.model.", d.model.path, warn),
            contextSize: integer(model, "contextSize", "hearth.model.", d.model.contextSize, 512, 131072, warn),
            gpuLayers: gpuLayers(model, warn),
            threads: integer(model, "threads", "hearth.model.", d.model.threads, 0, 256, warn)
        },
        completion: {
            enabled: boolean(completion, "enabled", "hearth.completion.", d.completion.enabled, warn),
            maxTokens: integer(completion, "maxTokens", "hearth.completion.", d.completion.maxTokens, 1, 1024, warn),
            fixedTokens: integer(completion, "fixedTokens", "hearth.completion.", d.completion.fixedTokens, 0, 1024, warn)
        }
    };
}

/** Settings whose change needs the model (and its context) loaded again. */
export function needsModelReload(before: HearthSettings, after: HearthSettings): boolean {
    const a = before.model;
    const b = after.model;
    return a.path !== b.path || a.contextSize !== b.contextSize || a.gpuLayers !== b.gpuLayers || a.threads !== b.threads;
}
