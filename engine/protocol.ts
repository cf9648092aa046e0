// The whole wire contract between the Hearth extension and its engine, beyond standard LSP.
// The engine and the extension both import this file; nothing else crosses the process boundary.
import { NotificationType, RequestType0 } from "vscode-languageserver-protocol";

/** The `hearth` settings object exactly as the editor holds it (after sanitising, every field is present). */
export interface HearthSettings {
    model: {
        /** Absolute path of a GGUF file; empty when none is configured. */
        path: string;
        contextSize: number;
        gpuLayers: "auto" | "max" | number;
        /** 0 means the number of physical cores. */
        threads: number;
    };
    completion: {
        enabled: boolean;
        maxTokens: number;
        /** Benchmarks only: generate exactly this many tokens, ignoring end-of-text. 0 disables. */
        fixedTokens: number;
    };
}

export type EngineState = "starting" | "noModel" | "loading" | "ready" | "error";

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

/** The error codes the engine uses in LSP error responses, beyond LSP's own. */
export const EngineErrorCode = {
    NoModel: -32900,
    ModelLoadFailed: -32901,
    FimUnsupported: -32902,
    UnknownDocument: -32903,
    InvalidPosition: -32904
} as const;
