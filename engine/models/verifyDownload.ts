// Checks a downloaded model before Hearth uses it: every file has the size the server announced, the SHA-256 matches
// when one is known, and then the files pass the same checks as a model load.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { EngineError } from "../server/engineError";
import { checkModelFile } from "../runtime/modelFile";
import { EngineErrorCode } from "../protocol";
import { formatBytes } from "./units";

export interface DownloadedFile {
    path: string;
    /** The size the server announced. */
    expectedBytes: number;
}

const corrupt = (message: string) => new EngineError(EngineErrorCode.DownloadCorrupt, message);

export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024, signal })) hash.update(chunk as Buffer);
    return hash.digest("hex");
}

/**
 * Throws a DownloadCorrupt EngineError naming what is wrong; `files` are the parts in order, the first is the one to
 * load. `pinned`: the size and SHA-256 are the ones Hearth's catalog pins, not the server's.
 */
export async function verifyDownload(files: readonly DownloadedFile[], sha256: string | undefined, signal?: AbortSignal, pinned = false): Promise<{ sha256Verified: boolean }> {
    for (const file of files) {
        const size = (await stat(file.path).catch(() => undefined))?.size;
        if (size === undefined) throw corrupt(`${basename(file.path)} is missing after the download.`);
        if (file.expectedBytes > 0 && size !== file.expectedBytes) {
            // Rounded sizes that read the same say nothing: then the bytes.
            const [has, announced] = formatBytes(size) === formatBytes(file.expectedBytes) ? [`${size} bytes`, `${file.expectedBytes}`] : [formatBytes(size), formatBytes(file.expectedBytes)];
            throw corrupt(`${basename(file.path)} has ${has} but ${pinned ? "Hearth pins" : "the server announced"} ${announced}: the download is incomplete or damaged. Download it again.`);
        }
    }
    const first = files[0].path;
    // The hash first: a file the server did not publish is not parsed at all.
    const sha256Verified = sha256 !== undefined;
    if (sha256 !== undefined) {
        const actual = await sha256File(first, signal);
        if (actual !== sha256) throw corrupt(`${basename(first)} is damaged: its SHA-256 does not match the ${pinned ? "one Hearth pins for it" : "published one"}. Download it again.`);
    }
    // The same checks as a load: the header, the metadata llama.cpp trusts, every part holding its tensors.
    await checkModelFile(first).catch((error: unknown) => {
        if (signal?.aborted) throw signal.reason;
        throw corrupt(error instanceof Error ? error.message : String(error));
    });
    return { sha256Verified };
}
