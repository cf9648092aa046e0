// The whole wire contract between the Hearth extension and its engine, beyond standard LSP.
// The engine and the extension both import this file; nothing else crosses the process boundary.
// Its declarations live in engine/protocol/, one file per area; the extension imports them only from here.

export * from "./protocol/streaming";
export * from "./protocol/settings";
export * from "./protocol/status";
export * from "./protocol/generation";
export * from "./protocol/completion";
export * from "./protocol/chat";
export * from "./protocol/refactor";
export * from "./protocol/models";
export * from "./protocol/servers";

// Tests and benchmarks only: served when the engine runs with HEARTH_ENGINE_DEBUG=1; no editor sends it.
export * from "./protocol/debug";

/** The error codes the engine uses in LSP error responses, beyond LSP's own. */
export const EngineErrorCode = {
    NoModel: -32900,
    ModelLoadFailed: -32901,
    FimUnsupported: -32902,
    UnknownDocument: -32903,
    InvalidPosition: -32904,
    ChatTooLong: -32905,
    RefactorTooLong: -32906,
    /** The model is refused because loading it ended an earlier engine; `hearth/models/retryLoad` loads it anyway. */
    ModelEndedEngine: -32907,
    DownloadFailed: -32910,
    DownloadCorrupt: -32911,
    /** The server publishes no SHA-256 for the file; `allowUnverified` downloads it anyway. */
    DownloadUnverified: -32912,
    /** A role's server could not be reached: down, refused the connection, or too slow. */
    ServerUnreachable: -32920,
    /** A role's server answered with an error: a wrong key, an unknown model, busy, or failing. */
    ServerFailed: -32921,
    /** A role's server address is not allowed (plain http to another machine), or names no server. */
    ServerNotAllowed: -32922
} as const;

/**
 * Environment an editor starts the engine with, on top of its own. glibc gives every thread that
 * allocates its own 64 MB malloc arena; with llama.cpp's workers and Node's threads that measured 34–48 MiB
 * of resident memory in the engine. Two arenas measured no slower.
 */
export const engineProcessEnv: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: "2" };
