// The one module that loads node-llama-cpp. It is ESM-only with top-level await, so it is never bundled
// and is reached with a real dynamic import from the CommonJS engine bundle.
import type * as NodeLlamaCpp from "node-llama-cpp";
import type { GpuBackend } from "./protocol";

export type { Llama, LlamaModel, LlamaContext, LlamaContextSequence, Token } from "node-llama-cpp";
export type LlamaModule = typeof NodeLlamaCpp;

let modulePromise: Promise<LlamaModule> | undefined;
let llamaPromise: Promise<NodeLlamaCpp.Llama> | undefined;

export function loadLlamaModule(): Promise<LlamaModule> {
    modulePromise ??= import("node-llama-cpp");
    return modulePromise;
}

export type LlamaLogSink = (level: "error" | "warn" | "info", message: string) => void;

/** One Llama per process: it owns the native backend and its threads. */
export function getSharedLlama(log: LlamaLogSink): Promise<NodeLlamaCpp.Llama> {
    llamaPromise ??= (async () => {
        const { getLlama, LlamaLogLevel } = await loadLlamaModule();
        return getLlama({
            gpu: "auto",
            build: "never",
            progressLogs: false,
            logLevel: LlamaLogLevel.warn,
            logger: (level, message) => {
                const text = message.trimEnd();
                if (text === "") return;
                if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) log("error", text);
                else if (level === LlamaLogLevel.warn) log("warn", text);
                else log("info", text);
            }
        });
    })();
    llamaPromise.catch(() => (llamaPromise = undefined));
    return llamaPromise;
}

export async function disposeSharedLlama(): Promise<void> {
    const pending = llamaPromise;
    llamaPromise = undefined;
    if (pending) await (await pending.catch(() => undefined))?.dispose();
}

export function backendName(gpu: NodeLlamaCpp.Llama["gpu"]): GpuBackend {
    switch (gpu) {
        case "cuda": return "CUDA";
        case "vulkan": return "Vulkan";
        case "metal": return "Metal";
        default: return "CPU";
    }
}
