// The one place the engine keeps the knobs of engine/protocol/debug.ts (tests and benchmarks only). Services read
// them here; they change only through `hearth/debug/configure`, served when HEARTH_ENGINE_DEBUG=1.
import { engineCatalogEnv, engineDebugEnv, type EngineDebugKnobs } from "../protocol";

export const debugEnabled = process.env[engineDebugEnv] === "1";

/** A JSON file of test models that replaces the download catalog, honoured only with the debug knobs. */
export const debugCatalogFile = debugEnabled ? process.env[engineCatalogEnv] || undefined : undefined;

const defaults: EngineDebugKnobs = { completionFixedTokens: 0, refactorIgnoresEndOfText: false, downloadStallTimeoutMs: 0, completionPromptTokensPerSecond: 0, serverTimeoutMs: 0, modelLoadPauseMs: 0 };

const isCount = (max: number) => (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= max;
const checks: Record<keyof EngineDebugKnobs, { valid(value: unknown): boolean; expected: string }> = {
    completionFixedTokens: { valid: isCount(1024), expected: "an integer from 0 to 1024" },
    refactorIgnoresEndOfText: { valid: (value) => typeof value === "boolean", expected: "true or false" },
    downloadStallTimeoutMs: { valid: isCount(3_600_000), expected: "an integer from 0 to 3600000" },
    completionPromptTokensPerSecond: { valid: isCount(1_000_000), expected: "an integer from 0 to 1000000" },
    serverTimeoutMs: { valid: isCount(3_600_000), expected: "an integer from 0 to 3600000" },
    modelLoadPauseMs: { valid: isCount(600_000), expected: "an integer from 0 to 600000" }
};

let knobs: EngineDebugKnobs = { ...defaults };

export function debugKnobs(): Readonly<EngineDebugKnobs> {
    return knobs;
}

/** Sets the knobs `raw` names and returns them all; a knob that is unknown or out of range is a TypeError and changes nothing. */
export function configureDebugKnobs(raw: unknown): EngineDebugKnobs {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new TypeError("the params must be an object");
    const next = { ...knobs };
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        const check = checks[key as keyof EngineDebugKnobs];
        if (!check) throw new TypeError(`${key} is not a knob; the knobs are ${Object.keys(checks).join(", ")}`);
        if (!check.valid(value)) throw new TypeError(`${key} must be ${check.expected}`);
        Object.assign(next, { [key]: value });
    }
    knobs = next;
    return { ...knobs };
}
