// Generated test models, cached under <repo>/.cache/models/ and keyed by their options.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import * as path from "node:path";
import { writeModel } from "./makeModel";
import { resolveOptions, type ModelRequest } from "./presets";

/** Bump whenever the generator's output changes, so stale cached files are not reused. */
export const GENERATOR_VERSION = 2;

// Separate test processes may generate the same file at once: each writes its own
// temporary file and renames it into place, so the result is whole either way.
const inFlight = new Map<string, Promise<string>>();

/**
 * Path of a model file for a preset name or `{ preset?, ...overrides }`, generating it
 * first if absent. Concurrent calls for the same model share one generation.
 */
export function ensureModel(request: ModelRequest = "tiny"): Promise<string> {
    const options = resolveOptions(request);
    const preset = typeof request === "string" ? request : (request.preset ?? "tiny");
    const hash = createHash("sha256")
        .update(JSON.stringify({ GENERATOR_VERSION, options: sortKeys(options) }))
        .digest("hex")
        .slice(0, 12);
    const file = path.join(modelCacheDir(), `${preset}-${hash}.gguf`);
    let pending = inFlight.get(file);
    if (!pending) {
        pending = (async () => {
            if (!existsSync(file)) {
                await mkdir(path.dirname(file), { recursive: true });
                await writeModel(file, options);
            }
            return file;
        })().finally(() => inFlight.delete(file));
        inFlight.set(file, pending);
    }
    return pending;
}

export function modelCacheDir(): string {
    return path.join(repoRoot(), ".cache", "models");
}

function repoRoot(): string {
    // __dirname exists under CommonJS, which is how tsx runs this package; otherwise search from the working directory.
    const start = typeof __dirname === "string" ? __dirname : process.cwd();
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "test", "model"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`cannot find the Hearth repository above ${start}`);
    }
}

function sortKeys(o: object): Record<string, unknown> {
    return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
