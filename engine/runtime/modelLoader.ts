// Loads a model file for any role: checks the file first (and that loading it did not end an earlier engine),
// loads the weights (and the role's context) with progress and abort, falls back to fewer GPU layers or a smaller
// context when memory runs out, and turns llama.cpp's reasons for a failure into one sentence for the user.
import { basename } from "node:path";
import { debugKnobs } from "../server/debugKnobs";
import { EngineError } from "../server/engineError";
import type { Logger } from "../server/log";
import { EngineErrorCode, type HearthSettings } from "../protocol";
import { getLlama, llamaLog, type Llama, type LlamaContext, type LlamaModel } from "./llama";
import { captureProblems } from "./llamaLog";
import { loadGuard } from "./loadGuard";
import { describeFallback, isOutOfMemory, memoryFallbacks, type LoadAttempt } from "./memoryFallback";
import { checkModelFile, explainLoadFailure } from "./modelFile";

export interface LoadRequest {
    path: string;
    gpuLayers: HearthSettings["model"]["gpuLayers"];
    /** CPU threads; 0 takes llama.cpp's count of physical cores. */
    threads: number;
    /** The context to create with the model, or none: then only the GPU layers fall back. `size` is per sequence. */
    context?: { size: number; sequences?: number; batchSize?: number };
    signal: AbortSignal;
    onProgress?: (fraction: number) => void;
}

export interface LoadedModel {
    llama: Llama;
    model: LlamaModel;
    name: string;
    path: string;
    threads: number;
    /** The context the request asked for, at the size memory allowed. */
    context: LlamaContext | undefined;
    /** That context's size in tokens per sequence (0 without one). */
    contextSize: number;
    /** One sentence for the user about what a memory fallback changed; undefined when nothing was. */
    fallback: string | undefined;
    seconds: number;
}

/** Loads the model, or throws: the signal's reason when aborted, else an EngineError whose message says why. */
export async function loadModel(request: LoadRequest, log: Logger): Promise<LoadedModel> {
    const started = performance.now();
    const problems = captureProblems(llamaLog);
    try {
        await checkModelFile(request.path);
        loadGuard.check(request.path);
        const llama = await getLlama();
        const threads = request.threads > 0 ? request.threads : llama.cpuMathCores;
        const opened = await loadGuard.during(request.path, async () => {
            const pauseMs = debugKnobs().modelLoadPauseMs;
            if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
            return openWithFallbacks(llama, request, threads, problems.lines, log);
        });
        const release = loadGuard.inUse(request.path);
        opened.model.onDispose.createListener(release);
        return { llama, threads, name: basename(request.path), path: request.path, ...opened, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
        if (request.signal.aborted) throw request.signal.reason;
        if (error instanceof EngineError) throw error;
        // llama.cpp's reasons reach the log a moment after the load fails.
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new EngineError(EngineErrorCode.ModelLoadFailed, explainLoadFailure(request.path, error, problems.lines));
    } finally {
        problems.stop();
    }
}

type Opened = Pick<LoadedModel, "model" | "context" | "contextSize" | "fallback">;

/** Tries the requested layers and context, then each memory fallback while memory is what ran out. */
async function openWithFallbacks(llama: Llama, request: LoadRequest, threads: number, nativeLog: readonly string[], log: Logger): Promise<Opened> {
    const requested: LoadAttempt = { gpuLayers: request.gpuLayers, contextSize: request.context?.size ?? 0 };
    const attempts = [requested, ...memoryFallbacks(requested, llama.gpu !== false)];
    const name = basename(request.path);
    let model: LlamaModel | undefined;
    let loadedWith: LoadAttempt["gpuLayers"] | undefined;
    for (let i = 0; ; i++) {
        const attempt = attempts[i];
        try {
            // Only a change of GPU layers needs the weights loaded again; a smaller context reuses them.
            if (!model || loadedWith !== attempt.gpuLayers) {
                await model?.dispose();
                model = undefined;
                model = await llama.loadModel({ modelPath: request.path, gpuLayers: attempt.gpuLayers, loadSignal: request.signal, onLoadProgress: request.onProgress });
                loadedWith = attempt.gpuLayers;
            }
            if (request.signal.aborted) throw request.signal.reason;
            const contextSize = trainedSize(model, attempt.contextSize);
            const context = request.context ? await model.createContext({ contextSize, threads, sequences: request.context.sequences ?? 1, batchSize: request.context.batchSize }) : undefined;
            const wanted = { ...requested, contextSize: trainedSize(model, requested.contextSize) };
            const fallback = describeFallback(name, wanted, { gpuLayers: model.gpuLayers, contextSize, totalLayers: model.fileInsights.totalLayers });
            return { model, context, contextSize, fallback };
        } catch (error) {
            if (request.signal.aborted || i + 1 >= attempts.length || !isOutOfMemory(error, nativeLog)) {
                await model?.dispose().catch(() => undefined);
                throw error;
            }
            const next = attempts[i + 1];
            log.warn(`not enough memory for ${name} with ${attempt.gpuLayers} GPU layers and context ${attempt.contextSize}; trying ${next.gpuLayers} GPU layers and context ${next.contextSize}`);
        }
    }
}

/** A context size capped at what the model was trained for. */
export function trainedSize(model: LlamaModel, size: number): number {
    return Math.min(size, model.trainContextSize || size);
}
