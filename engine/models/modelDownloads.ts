// Downloads models into the client's models folder with node-llama-cpp's downloader: throttled progress, cancel
// that keeps the partial file, resume, a stall watchdog, a disk space check, and verification before the file is used.
import { mkdir, rm, stat, statfs, truncate } from "node:fs/promises";
import { isAbsolute } from "node:path";
import type { CancellationToken } from "vscode-languageserver";
import { debugKnobs } from "../server/debugKnobs";
import { EngineError } from "../server/engineError";
import { loadLlamaModule } from "../runtime/llama";
import type { Logger } from "../server/log";
import { defaultHuggingFaceEndpoint } from "../settings";
import { EngineErrorCode, type ModelDownloadParams, type ModelDownloadProgress, type ModelDownloadResult } from "../protocol";
import { catalogModelByUri, type CatalogModel } from "./catalog";
import { removeRecord, upsertRecord } from "./downloadIndex";
import { DownloadStalledError, explainDownloadFailure, type DownloadContext } from "./downloadErrors";
import { abandonable, ProgressThrottle, StallWatchdog } from "./downloadTimers";
import { partialSuffix, summarizeGguf } from "./localModels";
import { hostOf, parseModelUri } from "./modelUri";
import { preflight, type RemoteModelFile } from "./preflight";
import { formatBytes } from "./units";
import { verifyDownload } from "./verifyDownload";

export interface ModelDownloadsDeps {
    /** `hearth.model.huggingFaceEndpoint`, read when a download starts. */
    endpoint(): string;
    log: Logger;
}

const defaultStallMs = 60_000;
const progressIntervalMs = 200;

/**
 * ipull keeps its progress in a record after the file's end and saves it without waiting for the save; one still
 * in flight when the download finishes can land after the file was cut to its size. The bytes past the announced
 * size are that record: cut them again (the checks that follow still read the whole model).
 */
export async function cutToAnnouncedSize(path: string, size: number): Promise<void> {
    const actual = (await stat(path).catch(() => undefined))?.size;
    if (size > 0 && actual !== undefined && actual > size) await truncate(path, size);
}

/** Bytes a file really occupies: an unfinished download file is sparse until its ranges arrive. */
async function allocatedBytes(path: string): Promise<number> {
    const info = await stat(path).catch(() => undefined);
    return info ? Math.min(info.size, info.blocks * 512) : 0;
}

function validate(params: ModelDownloadParams): void {
    if (typeof params?.uri !== "string" || typeof params.directory !== "string") {
        throw new TypeError("uri and directory must be strings");
    }
    if (!isAbsolute(params.directory)) throw new TypeError(`directory must be an absolute path, got ${params.directory}`);
    if (params.allowUnverified !== undefined && typeof params.allowUnverified !== "boolean") throw new TypeError("allowUnverified must be true or false");
}

export class ModelDownloads {
    private readonly active = new Set<string>();

    constructor(private readonly deps: ModelDownloadsDeps) {}

    /** `progress` hears of the download at most every 200 ms, and always of each new phase. */
    async download(params: ModelDownloadParams, token: CancellationToken, progress: (progress: ModelDownloadProgress) => void): Promise<ModelDownloadResult> {
        validate(params);
        const uri = parseModelUri(params.uri);
        if (!uri) throw new EngineError(EngineErrorCode.DownloadFailed, `"${params.uri}" is not a model URI Hearth can download (hf:user/repo:QUANT, hf:user/repo/file.gguf or https://…).`);
        const key = `${params.directory}\n${(catalogModelByUri(params.uri)?.uri ?? params.uri).toLowerCase()}`;
        if (this.active.has(key)) throw new EngineError(EngineErrorCode.DownloadFailed, `${params.uri} is already being downloaded.`);
        this.active.add(key);
        const endpoint = this.deps.endpoint();
        const context: DownloadContext = { host: hostOf(uri, endpoint), uri: params.uri, directory: params.directory };
        const abort = new AbortController();
        const cancel = token.onCancellationRequested(() => abort.abort(Object.assign(new Error("The download was cancelled."), { name: "AbortError" })));
        const stallMs = debugKnobs().downloadStallTimeoutMs || defaultStallMs;
        const watchdog = new StallWatchdog(stallMs, () => abort.abort(new DownloadStalledError(Math.round(stallMs / 1000))));
        try {
            return await this.run(params, context, endpoint, abort.signal, watchdog, progress);
        } catch (error) {
            const reason: unknown = abort.signal.aborted ? abort.signal.reason : error;
            const explained = explainDownloadFailure(reason, context);
            if (explained instanceof EngineError) this.deps.log.warn(`download ${params.uri}: ${explained.message}${reason === explained ? "" : ` (${reason instanceof Error ? reason.message : String(reason)})`}`);
            throw explained;
        } finally {
            watchdog.stop();
            cancel.dispose();
            this.active.delete(key);
        }
    }

    private async run(
        params: ModelDownloadParams,
        context: DownloadContext,
        endpoint: string,
        signal: AbortSignal,
        watchdog: StallWatchdog,
        progress: (progress: ModelDownloadProgress) => void
    ): Promise<ModelDownloadResult> {
        const throttle = new ProgressThrottle(progressIntervalMs, progress);
        const report = (update: ModelDownloadProgress, force = false) => throttle.report(update, force);
        try {
            return await this.transfer(params, context, endpoint, signal, watchdog, report);
        } finally {
            throttle.stop();
        }
    }

    private async transfer(
        params: ModelDownloadParams,
        context: DownloadContext,
        endpoint: string,
        signal: AbortSignal,
        watchdog: StallWatchdog,
        report: (progress: ModelDownloadProgress, force?: boolean) => void
    ): Promise<ModelDownloadResult> {
        const { directory } = params;
        report({ phase: "connecting", downloadedBytes: 0, totalBytes: 0, bytesPerSecond: 0 }, true);
        // A catalog model is fetched from its pinned commit and checked against the pins, whatever URI named it.
        const pinned = catalogModelByUri(params.uri);
        const remote = await preflight(parseModelUri(pinned?.uri ?? params.uri)!, endpoint, context, signal);
        watchdog.touch();
        if (pinned) refuseOtherFile(pinned, remote, context);
        const sha256 = pinned?.sha256 ?? remote.sha256;
        if (!sha256 && params.allowUnverified !== true) {
            throw new EngineError(
                EngineErrorCode.DownloadUnverified,
                `${context.host} publishes no SHA-256 for ${params.uri}, so Hearth cannot check that the file it would receive is the one published. Download it only from a source you trust.`
            );
        }
        await mkdir(directory, { recursive: true });
        const downloader = await this.openDownloader(pinned ? { uri: pinned.uri, fileName: pinned.localFileName } : { uri: params.uri }, directory, endpoint, signal, watchdog, report);
        const files = downloader.filesInfo;
        // The downloader has read what an earlier, interrupted download saved; only the rest is fetched.
        const resumedBytes = downloader.downloadedSize;
        const onDisk = await Promise.all(files.map(async (f) => (await allocatedBytes(f.filePath)) + (await allocatedBytes(f.filePath + partialSuffix))));
        await this.checkDiskSpace(directory, Math.max(downloader.totalSize, pinned?.fileBytes ?? 0) - onDisk.reduce((a, b) => a + b, 0));
        const record = { fileName: downloader.entrypointFilename, files: files.map((f) => f.fileName), uri: pinned?.uri ?? params.uri, ...(pinned ? { catalogId: pinned.id } : {}) };
        await upsertRecord(directory, { ...record, state: "downloading", updatedAt: new Date().toISOString() });
        if (resumedBytes > 0) this.deps.log.info(`download ${params.uri}: resuming with ${formatBytes(resumedBytes)} already on disk`);
        report({ phase: "downloading", downloadedBytes: resumedBytes, totalBytes: downloader.totalSize, bytesPerSecond: 0 }, true);
        // After a cancel the downloader may still wait for a server that never answers: stop waiting for it then.
        await abandonable(downloader.download({ signal }), signal, () => undefined);
        // A cancelled downloader can also return normally, with the file unfinished.
        if (signal.aborted) throw signal.reason;
        watchdog.stop();
        report({ phase: "verifying", downloadedBytes: downloader.totalSize, totalBytes: downloader.totalSize, bytesPerSecond: 0 }, true);
        const entry = downloader.entrypointFilePath;
        await Promise.all(files.map((f) => cutToAnnouncedSize(f.filePath, f.totalSize)));
        // A pinned file must have the pinned size, whatever size the server announced.
        const expected = pinned ? [{ filePath: entry, totalSize: pinned.fileBytes }] : files;
        const verified = await this.verifyOrRemove(expected, files, directory, downloader.entrypointFilename, sha256, signal, pinned !== undefined);
        await upsertRecord(directory, { ...record, state: "complete", sizeBytes: downloader.totalSize, ...(sha256 ? { sha256 } : {}), updatedAt: new Date().toISOString() });
        const summary = await summarizeGguf(entry).catch(() => undefined);
        const checked = pinned ? `SHA-256 verified against the one Hearth pins for ${pinned.label}` : `SHA-256 ${verified.sha256Verified ? `verified against the one ${context.host} publishes` : "not published"}`;
        this.deps.log.info(`downloaded ${params.uri} to ${entry} (${formatBytes(downloader.totalSize)}, ${checked})`);
        return {
            path: entry,
            sizeBytes: downloader.totalSize,
            resumedBytes,
            ...(summary?.quantization ? { quantization: summary.quantization } : {}),
            sha256Verified: verified.sha256Verified,
            ...(pinned ? { pinned: true } : {})
        };
    }

    /** node-llama-cpp's downloader for the model, reporting progress as bytes arrive. */
    private async openDownloader(
        target: { uri: string; fileName?: string },
        directory: string,
        endpoint: string,
        signal: AbortSignal,
        watchdog: StallWatchdog,
        report: (progress: ModelDownloadProgress, force?: boolean) => void
    ) {
        const { createModelDownloader } = await loadLlamaModule();
        let lastBytes = 0;
        const downloader = await abandonable(
            createModelDownloader({
                modelUri: target.uri,
                ...(target.fileName ? { fileName: target.fileName } : {}),
                dirPath: directory,
                endpoints: { huggingFace: `${endpoint}/` },
                // node-llama-cpp sends the user's Hugging Face token to whatever host is configured as Hugging Face.
                ...(endpoint === defaultHuggingFaceEndpoint ? {} : { tokens: { huggingFace: null as unknown as string } }),
                deleteTempFileOnCancel: false,
                skipExisting: true,
                onProgress: ({ downloadedSize, totalSize, averageSpeed }) => {
                    // Progress events also come while nothing arrives: only new bytes prove the download is alive.
                    if (downloadedSize > lastBytes) watchdog.touch();
                    lastBytes = Math.max(lastBytes, downloadedSize);
                    report({ phase: "downloading", downloadedBytes: downloadedSize, totalBytes: totalSize, bytesPerSecond: averageSpeed });
                }
            }),
            signal,
            (late) => void late.cancel({ deleteTempFile: false })
        );
        watchdog.touch();
        return downloader;
    }

    /** Verifies the downloaded files; a damaged file must not be mistaken for a finished one by the next attempt. */
    private async verifyOrRemove(
        expected: ReadonlyArray<{ filePath: string; totalSize: number }>,
        files: ReadonlyArray<{ filePath: string }>,
        directory: string,
        entry: string,
        sha256: string | undefined,
        signal: AbortSignal,
        pinned: boolean
    ) {
        try {
            return await verifyDownload(expected.map((f) => ({ path: f.filePath, expectedBytes: f.totalSize })), sha256, signal, pinned);
        } catch (error) {
            if (error instanceof EngineError) {
                await Promise.all(files.map((f) => rm(f.filePath, { force: true })));
                await removeRecord(directory, entry);
            }
            throw error;
        }
    }

    private async checkDiskSpace(directory: string, neededBytes: number): Promise<void> {
        const fs = await statfs(directory).catch(() => undefined);
        const problem = fs ? diskSpaceError(directory, neededBytes, fs.bavail * fs.bsize) : undefined;
        if (problem) throw problem;
    }
}

/**
 * Refuses, before a byte is fetched, a catalog model whose server announces another file than the pinned one: a
 * mirror or proxy serving something else under the model's name.
 */
export function refuseOtherFile(pinned: CatalogModel, remote: RemoteModelFile, context: DownloadContext): void {
    const differs =
        remote.sha256 !== undefined && remote.sha256 !== pinned.sha256
            ? `its SHA-256 is ${remote.sha256.slice(0, 12)}…, Hearth pins ${pinned.sha256.slice(0, 12)}…`
            : remote.bytes !== undefined && remote.bytes !== pinned.fileBytes
              ? `it has ${remote.bytes} bytes, Hearth pins ${pinned.fileBytes}`
              : undefined;
    if (!differs) return;
    throw new EngineError(
        EngineErrorCode.DownloadCorrupt,
        `${context.host} serves another file as ${pinned.label} than the one Hearth pins (${differs}), so Hearth does not download it. Check hearth.model.huggingFaceEndpoint, or download from huggingface.co.`
    );
}

/** The error for a download that cannot fit on the disk, before any byte is fetched. */
export function diskSpaceError(directory: string, neededBytes: number, freeBytes: number): EngineError | undefined {
    if (freeBytes >= neededBytes) return undefined;
    return new EngineError(EngineErrorCode.DownloadFailed, `Not enough disk space in ${directory}: the download needs ${formatBytes(neededBytes)} more and only ${formatBytes(freeBytes)} is free.`);
}
