// The whole wire contract between the Hearth extension and its engine, beyond standard LSP.
// The engine and the extension both import this file; nothing else crosses the process boundary.
import { NotificationType, RequestType, RequestType0 } from "vscode-languageserver-protocol";

/** The `hearth` settings object exactly as the editor holds it (after sanitising, every field is present). */
export interface HearthSettings {
    model: {
        /** Absolute path of a GGUF file; empty when none is configured. */
        path: string;
        contextSize: number;
        gpuLayers: "auto" | "max" | number;
        /** 0 means the number of physical cores. */
        threads: number;
        /** Where models are downloaded from: Hugging Face or a mirror of it. */
        huggingFaceEndpoint: string;
        /** Unload the model after this many minutes without use (it loads again on the next request); 0 never unloads. */
        unloadAfterMinutes: number;
    };
    completion: {
        enabled: boolean;
        maxTokens: number;
        /** Benchmarks only: generate exactly this many tokens, ignoring end-of-text. 0 disables. */
        fixedTokens: number;
    };
    chat: {
        /** Instructions given to the model before every conversation; empty sends none. */
        systemPrompt: string;
        /** Tokens of context the chat keeps (its own KV cache, beside the completions'). */
        contextSize: number;
        /** The most tokens one answer may have. */
        maxTokens: number;
        /** 0 always picks the likeliest token. */
        temperature: number;
        model: {
            /** A GGUF file for the chat only; empty means the completion model answers chats too. */
            path: string;
        };
    };
}

/** "idle": the model was unloaded after `hearth.model.unloadAfterMinutes` without use; the next request loads it again. */
export type EngineState = "starting" | "noModel" | "loading" | "ready" | "idle" | "error";

export type GpuBackend = "CUDA" | "Vulkan" | "Metal" | "CPU";

export interface EngineStatus {
    state: EngineState;
    /** Load progress in [0, 1] while `state` is "loading". */
    progress?: number;
    /** The model's file name, once known. */
    model?: string;
    backend?: GpuBackend;
    gpuLayers?: number;
    contextSize?: number;
    /** A sentence for the user when `state` is "error" or "noModel". */
    message?: string;
    /** The model file's full path, once known. */
    path?: string;
    /** How the weights are quantised, e.g. "Q8_0". */
    quantization?: string;
    /** Memory the loaded model and its context use, in bytes. */
    vramBytes?: number;
    ramBytes?: number;
    /** What Hearth changed to make the model fit in memory, or why it is loading again. */
    note?: string;
}

/** Sent by the engine whenever its state changes, and on load progress. */
export namespace StatusNotification {
    export const method = "hearth/status" as const;
    export const type = new NotificationType<EngineStatus>(method);
}

/** Asked by the client (status bar, tests) to learn the engine's current state. */
export namespace StatusRequest {
    export const method = "hearth/status/get" as const;
    export const type = new RequestType0<EngineStatus, void>(method);
}

export interface CompletionStats {
    /** Tokens in the prompt that was laid out for this completion. */
    promptTokens: number;
    /** Prompt tokens that had to be evaluated (not already in the KV cache). */
    evaluatedTokens: number;
    /** Prompt tokens reused from the KV cache. */
    reusedTokens: number;
    generatedTokens: number;
    /** Time waiting for the model to be free. */
    queueMs: number;
    promptMs: number;
    generateMs: number;
    /** True when the answer came from a cache with no model work. */
    cacheHit: boolean;
}

/** Sent by the engine after each inline completion it answers. */
export namespace CompletionStatsNotification {
    export const method = "hearth/completionStats" as const;
    export const type = new NotificationType<CompletionStats>(method);
}

/** Something the user attached to a chat message: a selection, a file, an open editor. */
export interface ChatContextItem {
    kind: "selection" | "file" | "editor";
    /** Where it comes from, as the editor names it (a URI or a workspace-relative path). */
    source: string;
    /** The editor's language id, used for the code fence. */
    language: string;
    text: string;
    /** The first line of `text` in its file (0-based), when it is a part of a file. */
    startLine?: number;
}

export interface ChatTurn {
    role: "user" | "assistant";
    text: string;
    /** What the user attached to this message; only user turns carry it. */
    context?: ChatContextItem[];
}

/**
 * The most one `hearth/chat/send` may carry: the engine refuses more, and the client keeps within it. Far more than
 * any context holds (about 250,000 tokens); the engine fits the conversation to the model's context in tokens.
 */
export const chatRequestLimits = { maxChars: 1_000_000, maxMessages: 2_000, maxContextItems: 64 } as const;

/** The characters a turn counts for against `chatRequestLimits.maxChars`: its text and its context's text and sources. */
export function chatTurnChars(turn: ChatTurn): number {
    return turn.text.length + (turn.context ?? []).reduce((sum, item) => sum + item.text.length + item.source.length, 0);
}

export interface ChatSendParams {
    /** Chosen by the client; every `hearth/chat/delta` of this answer carries it. */
    streamId: string;
    /** The whole conversation, oldest first, ending with the user's new message. The engine keeps no history. */
    messages: ChatTurn[];
    /** The most tokens to generate; at most `hearth.chat.maxTokens`. */
    maxTokens?: number;
}

/** What had to be left out so the conversation fits the chat context. */
export interface ChatTruncation {
    /** Oldest messages not shown to the model. */
    droppedMessages: number;
    /** The attached context of the last message was cut. */
    contextCut: boolean;
    /** The last message itself was cut. */
    messageCut: boolean;
    /** One sentence for the user. */
    note: string;
}

export interface ChatStats {
    promptTokens: number;
    /** Prompt tokens that had to be evaluated (not already in the chat's KV cache). */
    evaluatedTokens: number;
    reusedTokens: number;
    generatedTokens: number;
    /** Time waiting for the model to be free before the chat started. */
    queueMs: number;
    promptMs: number;
    generateMs: number;
    /** Time the chat stood aside so inline completions could run (already counted in promptMs and generateMs). */
    pausedMs: number;
}

export type ChatStopReason = "end" | "maxTokens" | "contextFull" | "cancelled";

export interface ChatSendResult {
    /** The whole answer, exactly the concatenation of its deltas. */
    text: string;
    stopReason: ChatStopReason;
    truncation?: ChatTruncation;
    stats: ChatStats;
}

export interface ChatDelta {
    streamId: string;
    /** The next piece of the answer (may be empty when only `truncation` is news). */
    text: string;
    /** Sent once, before the first text, when the conversation had to be shortened. */
    truncation?: ChatTruncation;
}

/** Sent by the client to ask the model; streamed through `hearth/chat/delta`, cancelled with `$/cancelRequest` (the answer so far is returned). */
export namespace ChatSendRequest {
    export const method = "hearth/chat/send" as const;
    export const type = new RequestType<ChatSendParams, ChatSendResult, void>(method);
}

/** Sent by the engine for each new piece of a chat answer. */
export namespace ChatDeltaNotification {
    export const method = "hearth/chat/delta" as const;
    export const type = new NotificationType<ChatDelta>(method);
}

export type RefactorCommand = "edit" | "fix" | "document" | "tests" | "commitMessage";

export interface RefactorDiagnostic {
    /** 0-based, counted from the first line of `code`. */
    line: number;
    severity: "error" | "warning" | "information" | "hint";
    message: string;
    /** Who reported it, e.g. "ts" or "eslint". */
    source?: string;
    code?: string;
}

export interface RefactorTestFile {
    /** Workspace-relative path of the file the tests go in. */
    fileName: string;
    languageId: string;
    /** What that file holds now; absent when it is a new file. */
    existingText?: string;
}

export interface RefactorParams {
    /** Chosen by the client; every `hearth/refactor/delta` of this run carries it. */
    runId: string;
    command: RefactorCommand;
    /** The code the command works on ("\n" line ends); for "commitMessage", the staged diff. */
    code: string;
    languageId: string;
    /** Workspace-relative path of the file, shown to the model. */
    fileName?: string;
    /** Lines just before and after `code`, for reference only; the engine drops the farthest first when the prompt is too long. */
    before?: string;
    after?: string;
    /** What to do ("edit"), or a note to add to the other commands. */
    instruction?: string;
    /** The problems to fix ("fix"). */
    diagnostics?: RefactorDiagnostic[];
    /** Where generated tests go ("tests"). */
    testFile?: RefactorTestFile;
    /** The most tokens to generate; the engine picks a bound from the size of `code` when absent. */
    maxTokens?: number;
    /** Tests and benchmarks only: keep generating past end-of-text tokens until `maxTokens`. */
    ignoreEndOfText?: boolean;
}

export type RefactorFinishReason = "end" | "closedFence" | "maxTokens";

export interface RefactorResult {
    /** The model's whole answer, including the opening fence Hearth wrote for it. */
    text: string;
    /** The code (or commit message) taken from the answer: what the proposal shows. */
    code: string;
    finishReason: RefactorFinishReason;
    promptTokens: number;
    generatedTokens: number;
    /** Lines of context (or of a long diff or test file) left out so the prompt fits the context window. */
    omittedLines: number;
}

export interface RefactorDelta {
    runId: string;
    /** The next piece of the model's answer: all the pieces of a run, joined, are the result's `text`. */
    text: string;
    /** The change in the code taken from the answer: appended to the code so far, or, with `codeReset`, the whole code so far. */
    code: string;
    codeReset?: boolean;
}

/** Sent by the client to rewrite code (or write a commit message); streamed through `hearth/refactor/delta`, cancelled with `$/cancelRequest`. */
export namespace RefactorRunRequest {
    export const method = "hearth/refactor/run" as const;
    export const type = new RequestType<RefactorParams, RefactorResult, void>(method);
}

/** Sent by the engine as the code of a refactor proposal grows. */
export namespace RefactorDeltaNotification {
    export const method = "hearth/refactor/delta" as const;
    export const type = new NotificationType<RefactorDelta>(method);
}

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
    /** Where it downloads from, e.g. "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF:Q8_0". */
    uri: string;
    quantization: string;
    parameters: number;
    /** Download size as published (the download checks the server's exact size). */
    fileBytes: number;
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

/** Asked by the client for the models in its models folder, downloaded or half-downloaded. */
export namespace ModelListRequest {
    export const method = "hearth/models/list" as const;
    export const type = new RequestType<ModelListParams, { models: LocalModel[] }, void>(method);
}

export interface ModelDownloadParams {
    /** Chosen by the client; every `hearth/models/downloadProgress` of this download carries it. */
    downloadId: string;
    /** `hf:user/repo:QUANT`, `hf:user/repo/file.gguf` or an https URL. */
    uri: string;
    /** Absolute path of the models folder. */
    directory: string;
    /** Tests only: give up when no data arrives for this long (default one minute). */
    stallTimeoutMs?: number;
}

export interface ModelDownloadResult {
    /** The file to load (the first part of a split model). */
    path: string;
    sizeBytes: number;
    /** Bytes already on disk from an earlier, interrupted download. */
    resumedBytes: number;
    quantization?: string;
    /** The server published a SHA-256 and the file matched it (size and GGUF structure are always checked). */
    sha256Verified: boolean;
}

export interface ModelDownloadProgress {
    downloadId: string;
    phase: "connecting" | "downloading" | "verifying";
    downloadedBytes: number;
    totalBytes: number;
    bytesPerSecond: number;
}

/** Sent by the client to download a model into its models folder; cancelled with `$/cancelRequest` (the partial file is kept and a later download resumes it). */
export namespace ModelDownloadRequest {
    export const method = "hearth/models/download" as const;
    export const type = new RequestType<ModelDownloadParams, ModelDownloadResult, void>(method);
}

/** Sent by the engine while a download runs, at most a few times a second. */
export namespace ModelDownloadProgressNotification {
    export const method = "hearth/models/downloadProgress" as const;
    export const type = new NotificationType<ModelDownloadProgress>(method);
}

export interface ModelDeleteParams {
    directory: string;
    /** A model's `path` as `hearth/models/list` gave it. */
    path: string;
}

/** Sent by the client to delete a downloaded model (every part, and its unfinished download files) from the models folder. */
export namespace ModelDeleteRequest {
    export const method = "hearth/models/delete" as const;
    export const type = new RequestType<ModelDeleteParams, { deletedFiles: string[] }, void>(method);
}

/** The error codes the engine uses in LSP error responses, beyond LSP's own. */
export const EngineErrorCode = {
    NoModel: -32900,
    ModelLoadFailed: -32901,
    FimUnsupported: -32902,
    UnknownDocument: -32903,
    InvalidPosition: -32904,
    ChatTooLong: -32905,
    RefactorTooLong: -32906,
    DownloadFailed: -32910,
    DownloadCorrupt: -32911
} as const;

/**
 * Environment an editor starts the engine with, on top of its own. glibc gives every thread that
 * allocates its own 64 MB malloc arena; with llama.cpp's workers and Node's threads that measured 34–48 MiB
 * of resident memory in the engine. Two arenas measured no slower.
 */
export const engineProcessEnv: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: "2" };
