// Model management: what fits this machine, the models folder, downloads.
import { ProgressType, RequestType } from "vscode-languageserver-protocol";
import type { WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressParams, WorkDoneProgressReport } from "vscode-languageserver-protocol";
import type { GpuBackend } from "./status";

/** What the engine sees of the machine, for choosing a model that fits. Sizes in bytes. */
export interface HardwareInfo {
    backend: GpuBackend;
    gpuNames: string[];
    /** 0 without a GPU. */
    vramTotal: number;
    vramFree: number;
    /** The GPU shares the system memory (Apple Silicon): VRAM and RAM are one pool. */
    unifiedMemory: boolean;
    ramTotal: number;
    ramFree: number;
    /** Cores llama.cpp computes on. */
    cpuCores: number;
    platform: string;
    arch: string;
}

/** How a model would run here: all on the GPU, split between GPU and CPU, on the CPU, only after freeing memory, or not at all. */
export type ModelFit = "gpu" | "partial" | "cpu" | "tight" | "tooLarge";

export interface ModelCandidate {
    /** Catalog id, e.g. "qwen2.5-coder-1.5b-q8_0". */
    id: string;
    label: string;
    /** Where it downloads from: the pinned file, e.g. "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q8_0.gguf#2ab9f8f…". */
    uri: string;
    quantization: string;
    parameters: number;
    /** The pinned file's exact size. */
    fileBytes: number;
    /** The model's license: an SPDX identifier, or its name where it has none. */
    license: string;
    /** Weights, KV cache for the configured contexts and working buffers. */
    neededBytes: number;
    fit: ModelFit;
    /** A few words for the user, e.g. "fits in VRAM" or "CPU only, slow". */
    fitLabel: string;
    /** Layers that would run on the GPU, of `totalLayers`. */
    gpuLayers: number;
    totalLayers: number;
    recommended: boolean;
    /** The downloaded file, when it is already in the models folder. */
    downloadedPath?: string;
    /** "gguf" when the estimate comes from the downloaded file itself rather than the catalog. */
    estimatedFrom: "catalog" | "gguf";
}

export interface ModelRecommendParams {
    /** The models folder, so downloaded candidates are recognised and measured. */
    directory?: string;
}

export interface ModelRecommendation {
    hardware: HardwareInfo;
    /** Context tokens the estimates assume (completion plus chat). */
    contextSize: number;
    /** Largest first. */
    candidates: ModelCandidate[];
    recommendedId?: string;
    /** One sentence on why that one (or why none). */
    reason: string;
}

/** Asked by the client for the machine's hardware and how each catalog model would fit it. */
export namespace ModelRecommendRequest {
    export const method = "hearth/models/recommend" as const;
    export const type = new RequestType<ModelRecommendParams, ModelRecommendation, void>(method);
}

export interface LocalModel {
    /** The file to load (the first part of a split model). */
    path: string;
    fileName: string;
    /** All parts together. */
    sizeBytes: number;
    /** Every file that belongs to the model: parts and unfinished download files. */
    files: string[];
    quantization?: string;
    parameters?: number;
    /** `general.name` from the file. */
    name?: string;
    /** Where it was downloaded from, when Hearth downloaded it. */
    uri?: string;
    catalogId?: string;
    /** Set for a download that was interrupted; downloading the same `uri` again resumes it. */
    partial?: boolean;
    /** Why the file cannot be used, when its header cannot be read. */
    problem?: string;
}

export interface ModelListParams {
    directory: string;
}

export interface ModelListResult {
    models: LocalModel[];
}

/** Asked by the client for the models in its models folder, downloaded or half-downloaded. */
export namespace ModelListRequest {
    export const method = "hearth/models/list" as const;
    export const type = new RequestType<ModelListParams, ModelListResult, void>(method);
}

export interface ModelDownloadParams extends WorkDoneProgressParams {
    /** `hf:user/repo:QUANT`, `hf:user/repo/file.gguf` or an https URL. */
    uri: string;
    /** Absolute path of the models folder. */
    directory: string;
    /**
     * Download even though the server publishes no SHA-256 for the file, so nothing can verify it: the user chose to
     * trust this source. Without it such a download is refused (DownloadUnverified) before a byte is fetched. A catalog
     * model never needs it: Hearth pins its SHA-256.
     */
    allowUnverified?: boolean;
}

export interface ModelDownloadResult {
    /** The file to load (the first part of a split model). */
    path: string;
    sizeBytes: number;
    /** Bytes already on disk from an earlier, interrupted download. */
    resumedBytes: number;
    quantization?: string;
    /** The file matched a SHA-256: the one Hearth pins for a catalog model, otherwise the one its server publishes (size and GGUF structure are always checked). */
    sha256Verified: boolean;
    /** A catalog model: fetched from the commit Hearth pins and checked against the size and SHA-256 it pins. */
    pinned?: boolean;
}

export interface ModelDownloadProgress {
    phase: "connecting" | "downloading" | "verifying";
    downloadedBytes: number;
    totalBytes: number;
    bytesPerSecond: number;
}

/** A work-done report of a download: the percentage any editor shows, and the numbers behind it. */
export interface ModelDownloadReport extends WorkDoneProgressReport, ModelDownloadProgress {
    percentage: number;
}

export type ModelDownloadWorkDone = WorkDoneProgressBegin | ModelDownloadReport | WorkDoneProgressEnd;

/**
 * Sent by the client to download a model into its models folder; cancelled with `$/cancelRequest` (the partial
 * file is kept and a later download resumes it). With a `workDoneToken` in its params the engine reports LSP
 * work-done progress on it, at most a few reports a second.
 */
export namespace ModelDownloadRequest {
    export const method = "hearth/models/download" as const;
    export const type = new RequestType<ModelDownloadParams, ModelDownloadResult, void>(method);
    export const progress = new ProgressType<ModelDownloadWorkDone>();
    export const progressToken = "workDoneToken" as const;
}

export interface ModelDeleteParams {
    directory: string;
    /** A model's `path` as `hearth/models/list` gave it. */
    path: string;
}

export interface ModelDeleteResult {
    /** Absolute paths of the files removed; empty when the model was already gone. */
    deletedFiles: string[];
}

/** Sent by the client to delete a downloaded model (every part, and its unfinished download files) from the models folder. */
export namespace ModelDeleteRequest {
    export const method = "hearth/models/delete" as const;
    export const type = new RequestType<ModelDeleteParams, ModelDeleteResult, void>(method);
}

export interface ModelRetryLoadParams {
    /** The model file the engine refused because loading it ended an earlier engine (`EngineStatus.path`). */
    path: string;
}

export interface ModelRetryLoadResult {
    /** False when the engine had not refused that file: nothing changed. */
    retried: boolean;
}

/**
 * Sent by the client when the user asks to load, after all, a model whose load ended an earlier engine: the engine
 * forgets that and loads the configured models again.
 */
export namespace ModelRetryLoadRequest {
    export const method = "hearth/models/retryLoad" as const;
    export const type = new RequestType<ModelRetryLoadParams, ModelRetryLoadResult, void>(method);
}
