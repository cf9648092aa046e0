// What the engine is doing: starting, loading, ready, idle, or failed, and the model it runs.
import { NotificationType, RequestType0 } from "vscode-languageserver-protocol";
import type { BackendKind } from "./settings";

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
    /** With "error": loading the model ended an earlier engine, so it is not loaded again until `hearth/models/retryLoad`. */
    endedEngine?: boolean;
    /** What runs inline completions, and what runs chat and refactors. */
    roles?: { completion: RoleStatus; chat: RoleStatus };
}

/**
 * One role's backend. With a server, `state` and the fields above speak of the local model only while a role
 * still runs on it; with both roles on servers the engine is "ready" without one.
 */
export interface RoleStatus {
    backend: BackendKind;
    /** The server's origin (scheme, host and port), for a server. */
    server?: string;
    /** The model the role runs on, once known. */
    model?: string;
    /** How long the server took to answer the last check or to start its last answer, in milliseconds. */
    latencyMs?: number;
    /** Why the server cannot serve the role now, in words for the user; absent while it can. */
    problem?: string;
}

/** Sent by the engine whenever its state changes, and on load progress. */
export namespace DidChangeStatusNotification {
    export const method = "hearth/status/didChange" as const;
    export const type = new NotificationType<EngineStatus>(method);
}

/** Asked by the client (status bar, tests) to learn the engine's current state. */
export namespace StatusRequest {
    export const method = "hearth/status/get" as const;
    export const type = new RequestType0<EngineStatus, void>(method);
}
