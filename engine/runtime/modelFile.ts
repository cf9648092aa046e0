import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { EngineError } from "../server/engineError";
import { EngineErrorCode } from "../protocol";

/** Checks the things about a model file that can be told without llama.cpp, so the user gets a precise message. */
export async function checkModelFile(path: string): Promise<void> {
    const name = basename(path);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new EngineError(EngineErrorCode.ModelLoadFailed, `The model file ${path} does not exist. Set hearth.model.path to a GGUF file.`);
    if (!info.isFile()) throw new EngineError(EngineErrorCode.ModelLoadFailed, `The model path ${path} is not a file. Set hearth.model.path to a GGUF file.`);
    const handle = await open(path, "r");
    try {
        const magic = Buffer.alloc(4);
        const { bytesRead } = await handle.read(magic, 0, 4, 0);
        if (bytesRead < 4 || magic.toString("latin1") !== "GGUF") {
            throw new EngineError(EngineErrorCode.ModelLoadFailed, `${name} is not a GGUF model file (it does not start with the GGUF signature).`);
        }
    } finally {
        await handle.close();
    }
}

/** Turns llama.cpp's reasons for a failed load into one sentence a user can act on. */
export function explainLoadFailure(path: string, error: unknown, nativeLog: readonly string[]): string {
    const name = basename(path);
    const text = [error instanceof Error ? error.message : String(error), ...nativeLog].join("\n");
    const arch = /unknown model architecture: '([^']*)'/.exec(text);
    if (arch) return `${name} uses the model architecture "${arch[1]}", which this version of llama.cpp does not know.`;
    if (/not within the file bounds|unexpectedly reached end of file|failed to read|truncated|data is not within/i.test(text)) {
        return `${name} is damaged or incomplete (the file ends before its data does). Download it again.`;
    }
    if (/out of memory|failed to allocate|insufficient memory|not enough memory/i.test(text)) {
        return `There is not enough memory to load ${name}. Try a smaller model, a smaller hearth.model.contextSize, or fewer GPU layers.`;
    }
    const detail = nativeLog.at(-1) ?? (error instanceof Error ? error.message : String(error));
    return `Could not load ${name}: ${detail}`;
}
