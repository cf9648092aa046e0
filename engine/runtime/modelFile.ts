// Checks a model file before llama.cpp or node-llama-cpp's own parser reads it: an absolute path to a regular file,
// its GGUF structure (ggufHeader), the metadata llama.cpp trusts (modelMetadata), every part of a split model; and
// turns llama.cpp's reasons for a failed load into one sentence a user can act on.
import { statSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join } from "node:path";
import { EngineError } from "../server/engineError";
import { EngineErrorCode } from "../protocol";
import { GgufFormatError, readGgufHeader, type GgufHeader } from "./ggufHeader";
import { metadataProblem } from "./modelMetadata";

const splitName = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;
const whatToDo = "Download it again, or choose another model file.";

function refuse(message: string): EngineError {
    return new EngineError(EngineErrorCode.ModelLoadFailed, message);
}

/** The sentence for a file whose structure or metadata is wrong; `reason` says what, `path` which file. */
export function describeDamage(path: string, error: unknown): string {
    const name = basename(path);
    if (!(error instanceof GgufFormatError)) {
        const code = (error as NodeJS.ErrnoException | undefined)?.code;
        return `Hearth cannot read ${path}${code ? ` (${code})` : ""}: ${error instanceof Error ? error.message : String(error)}. Check the file and its permissions.`;
    }
    if (/GGUF signature/.test(error.message)) return `${name} is not a GGUF model file (it does not start with the GGUF signature). Choose a .gguf model file.`;
    return `${name} is damaged or incomplete: ${error.message}. ${whatToDo}`;
}

export interface CheckedModelFile {
    /** The first part's header: it holds the metadata. */
    header: GgufHeader;
    /** The values of every tensor in every part. */
    parameters: number;
}

const elementsOf = (header: GgufHeader) => header.tensors.reduce((sum, tensor) => sum + tensor.dims.reduce((product, d) => product * d, 1), 0);

/** Reads and checks the header of the model at `path` (and of the other parts of a split model); throws an EngineError saying what is wrong. */
export async function checkModelFile(path: string): Promise<CheckedModelFile> {
    if (!isAbsolute(path)) throw refuse(`The model path "${path}" is relative; Hearth loads models only from an absolute path. Set hearth.model.path to the file's full path.`);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw refuse(`The model file ${path} does not exist. Set hearth.model.path to a GGUF file.`);
    if (!info.isFile()) throw refuse(`The model path ${path} is not a file. Set hearth.model.path to a GGUF file.`);
    if (info.size === 0) throw refuse(`${basename(path)} is empty (0 bytes), as an interrupted download or copy leaves it. ${whatToDo}`);
    const header = await readGgufHeader(path).catch((error: unknown) => {
        throw refuse(describeDamage(path, error));
    });
    const problem = metadataProblem(header);
    if (problem) throw refuse(`Hearth did not load ${basename(path)}: ${problem}, which would make llama.cpp stop the engine (the file is damaged, or made for another program). ${whatToDo}`);
    let parameters = elementsOf(header);
    for (const part of otherParts(path, header)) {
        const partHeader = await readGgufHeader(part).catch((error: unknown) => {
            throw refuse((error as NodeJS.ErrnoException).code === "ENOENT" ? `${basename(part)}, a part of ${basename(path)}, is missing. ${whatToDo}` : describeDamage(part, error));
        });
        parameters += elementsOf(partHeader);
    }
    return { header, parameters };
}

/** The other files of a split model whose first part is `path`. */
function otherParts(path: string, header: GgufHeader): string[] {
    const count = header.metadata.get("split.count")?.value;
    const split = splitName.exec(basename(path));
    if (typeof count !== "number" || count < 2 || !split) return [];
    return Array.from({ length: count - 1 }, (_, i) => join(dirname(path), `${split[1]}-${String(i + 2).padStart(5, "0")}-of-${split[3]}.gguf`));
}

/** Turns llama.cpp's reasons for a failed load into one sentence a user can act on. */
export function explainLoadFailure(path: string, error: unknown, nativeLog: readonly string[]): string {
    const name = basename(path);
    const text = [error instanceof Error ? error.message : String(error), ...nativeLog].join("\n");
    const arch = /unknown model architecture: '([^']*)'/.exec(text);
    if (arch) return `${name} uses the model architecture "${arch[1]}", which this version of llama.cpp does not know. Choose another model file.`;
    if (/not within the file bounds|unexpectedly reached end of file|failed to read|truncated|data is not within/i.test(text)) {
        return `${name} is damaged or incomplete (the file ends before its data does). Download it again.`;
    }
    if (/out of memory|failed to allocate|insufficient memory|not enough memory/i.test(text)) {
        return `There is not enough memory to load ${name}. Try a smaller model, a smaller hearth.model.contextSize, or fewer GPU layers.`;
    }
    const detail = nativeLog.at(-1) ?? (error instanceof Error ? error.message : String(error));
    return `Could not load ${name}: ${detail}. ${whatToDo}`;
}

/** What identifies a file's content cheaply: a copy over it or a truncation changes its size or modification time. */
export interface FileStamp {
    size: number;
    mtimeMs: number;
}

export function fileStamp(path: string): FileStamp | undefined {
    try {
        const info = statSync(path);
        return { size: info.size, mtimeMs: info.mtimeMs };
    } catch {
        return undefined;
    }
}

/**
 * Why a loaded model's file can no longer be used, or undefined while it is as loaded. llama.cpp maps the file into
 * memory: reading a page of it past a truncation kills the process (SIGBUS), so a changed file is never used again.
 */
export function fileChange(path: string, loaded: FileStamp): string | undefined {
    const now = fileStamp(path);
    if (!now) return `${basename(path)} was deleted or moved while loaded`;
    if (now.size !== loaded.size) return `${basename(path)} changed on disk while loaded (${loaded.size} bytes, now ${now.size})`;
    if (now.mtimeMs !== loaded.mtimeMs) return `${basename(path)} was rewritten while loaded`;
    return undefined;
}
