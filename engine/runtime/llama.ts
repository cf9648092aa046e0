// The one module that loads node-llama-cpp. It is ESM-only with top-level await, so it is never bundled
// and is reached with a real dynamic import from the CommonJS engine bundle.
import type * as NodeLlamaCpp from "node-llama-cpp";
import type { Logger } from "../server/log";
import type { GpuBackend } from "../protocol";
import { LlamaLogFanOut } from "./llamaLog";

export type { Llama, LlamaModel, LlamaContext, LlamaContextSequence, Token, ChatHistoryItem, ChatWrapper, LlamaText } from "node-llama-cpp";
export type LlamaModule = typeof NodeLlamaCpp;

let modulePromise: Promise<LlamaModule> | undefined;
let llamaPromise: Promise<NodeLlamaCpp.Llama> | undefined;

export function loadLlamaModule(): Promise<LlamaModule> {
    modulePromise ??= import("node-llama-cpp");
    return modulePromise;
}

/** Every line llama.cpp logs, to each subscriber. */
export const llamaLog = new LlamaLogFanOut();

/** Sends llama.cpp's lines to the engine log until the function returned is called. */
export function forwardLlamaLog(log: Logger): () => void {
    return llamaLog.subscribe((level, message) => (level === "info" ? log.debug(`llama.cpp: ${message}`) : log.warn(`llama.cpp: ${message}`)));
}

/** One Llama per process: it owns the native backend and its threads. */
export function getLlama(): Promise<NodeLlamaCpp.Llama> {
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
                if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) llamaLog.emit("error", text);
                else if (level === LlamaLogLevel.warn) llamaLog.emit("warn", text);
                else llamaLog.emit("info", text);
            }
        });
    })();
    llamaPromise.catch(() => (llamaPromise = undefined));
    return llamaPromise;
}

/**
 * Releases the native backend. After a model failed to load, node-llama-cpp's dispose can wait forever on
 * that model; the process is about to exit (which frees everything), so shutdown waits only so long.
 */
export async function disposeLlama(waitMs = 3000): Promise<void> {
    const pending = llamaPromise;
    llamaPromise = undefined;
    const llama = await pending?.catch(() => undefined);
    if (!llama) return;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([llama.dispose(), gaveUp]);
    clearTimeout(timer);
}

export function backendName(gpu: NodeLlamaCpp.Llama["gpu"]): GpuBackend {
    switch (gpu) {
        case "cuda": return "CUDA";
        case "vulkan": return "Vulkan";
        case "metal": return "Metal";
        default: return "CPU";
    }
}
