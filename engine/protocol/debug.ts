// Tests and benchmarks only: knobs that make the engine's work repeatable (random test weights end at random)
// or quick to fail. No editor uses them; the engine answers `hearth/debug/configure` only when it was started
// with HEARTH_ENGINE_DEBUG=1 in its environment, and with MethodNotFound otherwise.
import { RequestType } from "vscode-languageserver-protocol";

/** The environment variable, set to "1", that lets a client send `hearth/debug/configure`. */
export const engineDebugEnv = "HEARTH_ENGINE_DEBUG";

/**
 * With HEARTH_ENGINE_DEBUG=1 only: the path of a JSON array of catalog models (engine/models/catalog.ts) that replaces
 * the download catalog, so tests can serve pinned files of their own.
 */
export const engineCatalogEnv = "HEARTH_ENGINE_CATALOG";

export interface EngineDebugKnobs {
    /** Every inline completion generates exactly this many tokens, ignoring end of text; 0 is off. */
    completionFixedTokens: number;
    /** Refactors keep generating past end-of-text tokens until their `maxTokens`. */
    refactorIgnoresEndOfText: boolean;
    /** A download gives up when no data arrives for this long; 0 keeps the usual minute. */
    downloadStallTimeoutMs: number;
    /** Completion prompts are sized as if the model evaluated this many prompt tokens per second; 0 uses the measured speed. */
    completionPromptTokensPerSecond: number;
    /** An inference server's answer gives up when nothing arrives for this long; 0 keeps the usual limits. */
    serverTimeoutMs: number;
    /** Each model load waits this long before llama.cpp starts reading the file (a slow load to interrupt); 0 is off. */
    modelLoadPauseMs: number;
}

/** Sent by a test or benchmark to change the knobs it names; answered with all the knobs as they now are. */
export namespace DebugConfigureRequest {
    export const method = "hearth/debug/configure" as const;
    export const type = new RequestType<Partial<EngineDebugKnobs>, EngineDebugKnobs, void>(method);
}
