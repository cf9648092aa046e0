import { copyFile, mkdtemp, readFile, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureModel } from "../model/cache";
import type { EngineDebugKnobs } from "../../engine/protocol";
import { debugEnv, LspClient } from "./lspClient";

export interface Settings {
    model?: Record<string, unknown>;
    completion?: Record<string, unknown>;
    [key: string]: unknown;
}

export function settingsFor(modelPath: string, extra: Settings = {}): Settings {
    return {
        ...extra,
        model: { path: modelPath, contextSize: 2048, threads: 1, ...extra.model },
        completion: { enabled: true, maxTokens: 16, ...extra.completion }
    };
}

export async function tinyModel(): Promise<string> {
    return ensureModel("tiny");
}

/** Starts the engine with `settings` and test knobs, and waits until the model is ready. */
export async function startEngine(settings: Settings, knobs: Partial<EngineDebugKnobs> = {}): Promise<LspClient> {
    const client = new LspClient(debugEnv);
    const status = await client.start(settings);
    if (status.state !== "ready") {
        await client.stop();
        throw new Error(`engine not ready: ${JSON.stringify(status)}\n${client.logTail()}`);
    }
    await client.configureDebug(knobs);
    return client;
}

export async function scratchDir(): Promise<string> {
    return mkdtemp(join(tmpdir(), "hearth-test-"));
}

/** Broken model files, each with a different reason to fail. */
export async function brokenModels(): Promise<Record<string, string>> {
    const dir = await scratchDir();
    const good = await tinyModel();
    const notGguf = join(dir, "notes.gguf");
    await writeFile(notGguf, "This is a text file, not a model.\n".repeat(100));
    const truncated = join(dir, "truncated.gguf");
    await copyFile(good, truncated);
    const size = (await readFile(good)).length;
    await truncate(truncated, Math.floor(size * 0.6));
    const unknownArch = await ensureModel({ preset: "tiny", archName: "hearthnet" });
    return { missing: join(dir, "missing.gguf"), notGguf, truncated, unknownArch, directory: dir };
}

export function completionParams(uri: string, line: number, character: number) {
    return { textDocument: { uri }, position: { line, character }, context: { triggerKind: 2 } };
}
