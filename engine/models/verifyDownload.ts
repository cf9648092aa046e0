// Checks a downloaded model before Hearth uses it: every file has the size the server announced, the first parses as
// GGUF, every tensor lies inside its file, and the SHA-256 matches when the server published one.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { EngineError } from "../server/engineError";
import { loadLlamaModule } from "../runtime/llama";
import { EngineErrorCode } from "../protocol";
import { formatBytes } from "./units";

export interface DownloadedFile {
    path: string;
    /** The size the server announced. */
    expectedBytes: number;
}

export interface TensorExtent {
    /** 1-based part of a split model. */
    filePart: number;
    fileOffset: number | bigint;
    dimensions: readonly (number | bigint)[];
    ggmlType: number;
}

// ggml type -> [elements per block, bytes per block], from ggml's type traits.
const blockLayout: Record<number, [number, number]> = {
    0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
    10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
    16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
    23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2]
};

/** Bytes each part must have to hold its tensors; tensors of unknown types count only their start. */
export function requiredPartBytes(tensors: readonly TensorExtent[]): Map<number, number> {
    const required = new Map<number, number>();
    for (const tensor of tensors) {
        const layout = blockLayout[tensor.ggmlType];
        const elements = tensor.dimensions.reduce<number>((product, d) => product * Number(d), 1);
        const bytes = layout ? Math.ceil(elements / layout[0]) * layout[1] : 1;
        const end = Number(tensor.fileOffset) + bytes;
        required.set(tensor.filePart, Math.max(required.get(tensor.filePart) ?? 0, end));
    }
    return required;
}

const corrupt = (message: string) => new EngineError(EngineErrorCode.DownloadCorrupt, message);

export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024, signal })) hash.update(chunk as Buffer);
    return hash.digest("hex");
}

/** Throws a DownloadCorrupt EngineError naming what is wrong; `files` are the parts in order, the first is the one to load. */
export async function verifyDownload(files: readonly DownloadedFile[], sha256: string | undefined, signal?: AbortSignal): Promise<{ sha256Verified: boolean }> {
    const sizes: number[] = [];
    for (const file of files) {
        const size = (await stat(file.path).catch(() => undefined))?.size;
        if (size === undefined) throw corrupt(`${basename(file.path)} is missing after the download.`);
        if (file.expectedBytes > 0 && size !== file.expectedBytes) {
            throw corrupt(`${basename(file.path)} has ${formatBytes(size)} but the server announced ${formatBytes(file.expectedBytes)}: the download is incomplete or damaged. Download it again.`);
        }
        sizes.push(size);
    }
    const first = files[0].path;
    const { readGgufFileInfo } = await loadLlamaModule();
    const info = await readGgufFileInfo(first, { logWarnings: false, signal }).catch((error: unknown) => {
        if (signal?.aborted) throw signal.reason;
        throw corrupt(`${basename(first)} is not a valid GGUF model file (${error instanceof Error ? error.message : String(error)}). Download it again.`);
    });
    for (const [part, needed] of requiredPartBytes(info.fullTensorInfo ?? [])) {
        const have = sizes[part - 1];
        if (have !== undefined && have < needed) {
            throw corrupt(`${basename(files[part - 1].path)} is truncated: its tensors need ${formatBytes(needed)} but the file has ${formatBytes(have)}. Download it again.`);
        }
    }
    // The published hash is the first file's (a split model's manifest names its first part).
    if (sha256 === undefined) return { sha256Verified: false };
    const actual = await sha256File(first, signal);
    if (actual !== sha256) throw corrupt(`${basename(first)} is damaged: its SHA-256 does not match the one the server published. Download it again.`);
    return { sha256Verified: true };
}
