import { basename } from "node:path";
import { EngineError } from "./engineError";
import { PROMPT_CHUNK_TOKENS } from "./completion/evaluate";
import { fimFormatOf, type FimFormat } from "./fimFormat";
import { backendName, getSharedLlama, type Llama, type LlamaContext, type LlamaContextSequence, type LlamaModel } from "./llamaRuntime";
import type { Logger } from "./log";
import { checkModelFile, explainLoadFailure } from "./modelFile";
import { IdleTimer } from "./models/idleTimer";
import { describeFallback, isOutOfMemory, memoryFallbacks, type LoadAttempt } from "./models/memoryFallback";
import { memoryUse, quantizationName } from "./models/modelFacts";
import { EngineErrorCode, type EngineStatus, type HearthSettings } from "./protocol";

export interface LoadedModel {
    llama: Llama;
    model: LlamaModel;
    /** The context and sequence that inline completions own. */
    context: LlamaContext;
    sequence: LlamaContextSequence;
    fim: FimFormat | undefined;
    name: string;
    threads: number;
    settings: HearthSettings["model"];
}

export interface ModelHostEvents {
    status(status: EngineStatus): void;
    /** A message the user should see once (window/showMessage). */
    userMessage(type: "error" | "warning" | "info", message: string): void;
    /** True while a job runs on the model: it is never unloaded for idleness then. */
    busy?(): boolean;
}

/** Owns the loaded model: loads it, reloads it when its settings change, and disposes it. */
export class ModelHost {
    private loaded: LoadedModel | undefined;
    private current: EngineStatus = { state: "starting" };
    private loadAbort: AbortController | undefined;
    private pending: Promise<void> = Promise.resolve();
    private readyWaiters = new Set<() => void>();
    private disposed = false;
    private readonly idle = new IdleTimer(() => this.unloadIfIdle());
    /** The settings of a model unloaded for idleness, to load it again on the next request. */
    private idleSettings: HearthSettings["model"] | undefined;

    constructor(private readonly log: Logger, private readonly events: ModelHostEvents) {}

    get status(): EngineStatus {
        return this.current;
    }

    get model(): LoadedModel | undefined {
        return this.loaded;
    }

    /** Loads the model the settings name, unloading the previous one; a newer call supersedes a load in flight. */
    configure(settings: HearthSettings["model"], note?: string): Promise<void> {
        this.loadAbort?.abort();
        this.idleSettings = undefined;
        const abort = new AbortController();
        this.loadAbort = abort;
        this.pending = this.pending.then(() => this.load(settings, abort.signal, note)).catch((error) => {
            this.log.error(`model load: ${error instanceof Error ? error.stack : String(error)}`);
        });
        return this.pending;
    }

    /** Resolves with the loaded model once it is ready; fails at once when there is none to wait for. */
    async whenReady(signal?: AbortSignal): Promise<LoadedModel> {
        for (;;) {
            if (this.loaded && this.current.state === "ready") {
                this.idle.touch();
                return this.loaded;
            }
            if (this.current.state === "idle" && this.idleSettings) void this.configure(this.idleSettings, "Loading the model again after it was unloaded for being idle.");
            if (this.current.state === "noModel") throw new EngineError(EngineErrorCode.NoModel, this.current.message ?? "No model is configured.");
            if (this.current.state === "error") throw new EngineError(EngineErrorCode.ModelLoadFailed, this.current.message ?? "The model failed to load.");
            if (signal?.aborted) throw signal.reason;
            await new Promise<void>((resolve) => {
                const done = () => {
                    this.readyWaiters.delete(done);
                    signal?.removeEventListener("abort", done);
                    resolve();
                };
                this.readyWaiters.add(done);
                signal?.addEventListener("abort", done, { once: true });
            });
        }
    }

    /** Applies `hearth.model.unloadAfterMinutes` (0 never unloads). */
    setUnloadAfterMinutes(minutes: number): void {
        this.idle.setMinutes(minutes);
    }

    private unloadIfIdle(): void {
        if (this.current.state !== "ready" || !this.loaded) return;
        if (this.events.busy?.()) {
            this.idle.touch();
            return;
        }
        const { settings, name } = this.loaded;
        this.pending = this.pending.then(async () => {
            if (this.current.state !== "ready" || this.loaded?.settings !== settings || this.events.busy?.()) return;
            await this.unload();
            this.idleSettings = settings;
            const minutes = this.idle.unloadAfterMinutes;
            this.log.info(`unloaded ${name} after ${minutes} minutes without use`);
            this.setStatus({ state: "idle", model: name, path: settings.path, message: `${name} was unloaded after ${minutes} minutes without use; it loads again on the next request.` });
        });
    }

    async dispose(): Promise<void> {
        this.disposed = true;
        this.idle.stop();
        this.loadAbort?.abort();
        await this.pending;
        await this.unload();
    }

    private setStatus(status: EngineStatus): void {
        this.current = status;
        this.events.status(status);
        if (status.state !== "loading" && status.state !== "starting" && status.state !== "idle") for (const wake of [...this.readyWaiters]) wake();
    }

    private async unload(): Promise<void> {
        const previous = this.loaded;
        this.loaded = undefined;
        if (!previous) return;
        await previous.context.dispose().catch(() => undefined);
        await previous.model.dispose().catch(() => undefined);
    }

    private async load(settings: HearthSettings["model"], signal: AbortSignal, note?: string): Promise<void> {
        if (signal.aborted || this.disposed) return;
        const same = this.loaded && JSON.stringify(this.loaded.settings) === JSON.stringify(settings);
        if (same) return;
        await this.unload();
        if (settings.path === "") {
            this.setStatus({ state: "noModel", message: "No model is configured. Set hearth.model.path to a GGUF file." });
            return;
        }
        const name = basename(settings.path);
        const loading = { state: "loading", model: name, path: settings.path, ...(note ? { note } : {}) } as const;
        this.setStatus({ ...loading, progress: 0 });
        const nativeLog: string[] = [];
        const llama = await getSharedLlama((level, message) => {
            if (level === "info") this.log.debug(`llama.cpp: ${message}`);
            else {
                nativeLog.push(message);
                if (nativeLog.length > 20) nativeLog.shift();
                this.log.warn(`llama.cpp: ${message}`);
            }
        });
        const started = performance.now();
        let model: LlamaModel | undefined;
        try {
            await checkModelFile(settings.path);
            const threads = settings.threads > 0 ? settings.threads : llama.cpuMathCores;
            const requested: LoadAttempt = { gpuLayers: settings.gpuLayers, contextSize: settings.contextSize };
            const opened = await this.openWithFallbacks(llama, settings.path, requested, threads, signal, nativeLog, (progress) => {
                // Whole percents only: llama.cpp reports progress per tensor.
                if (Math.floor(progress * 100) > Math.floor((this.current.progress ?? 0) * 100)) this.setStatus({ ...loading, progress });
            });
            model = opened.model;
            const { context, contextSize } = opened;
            const sequence = context.getSequence();
            const fim = fimFormatOf(model);
            this.loaded = { llama, model, context, sequence, fim, name, threads, settings };
            const wanted = { ...requested, contextSize: Math.min(requested.contextSize, model.trainContextSize || requested.contextSize) };
            const fallback = describeFallback(name, wanted, { gpuLayers: model.gpuLayers, contextSize, totalLayers: model.fileInsights.totalLayers });
            if (fallback) {
                this.log.warn(fallback);
                this.events.userMessage("warning", fallback);
            }
            const backend = backendName(llama.gpu);
            const seconds = ((performance.now() - started) / 1000).toFixed(2);
            this.log.info(`loaded ${name} in ${seconds} s: ${backend}, ${model.gpuLayers} GPU layers, context ${contextSize}, ${threads} threads, FIM ${fim ? "yes" : "no"}`);
            if (!fim) {
                this.events.userMessage("warning", `${name} has no fill-in-the-middle tokens, so Hearth cannot offer inline completions with it. Choose a code model such as Qwen2.5-Coder.`);
            }
            const quantization = await quantizationName(model.fileInfo.metadata.general?.file_type);
            const memory = memoryUse(model, contextSize);
            this.idle.touch();
            this.setStatus({
                state: "ready",
                model: name,
                path: settings.path,
                backend,
                gpuLayers: model.gpuLayers,
                contextSize,
                ...(quantization ? { quantization } : {}),
                ...(memory ?? {}),
                ...(fallback ? { note: fallback } : {})
            });
        } catch (error) {
            await model?.dispose().catch(() => undefined);
            if (signal.aborted) return;
            // llama.cpp's reasons reach the log callback a moment after the load fails.
            await new Promise((resolve) => setTimeout(resolve, 50));
            const message = error instanceof EngineError ? error.message : explainLoadFailure(settings.path, error, nativeLog);
            this.log.error(message);
            this.events.userMessage("error", message);
            this.setStatus({ state: "error", model: name, path: settings.path, message });
        }
    }

    /** Loads the model and its context; when memory runs out, tries again with fewer GPU layers or a smaller context. */
    private async openWithFallbacks(
        llama: Llama,
        path: string,
        requested: LoadAttempt,
        threads: number,
        signal: AbortSignal,
        nativeLog: readonly string[],
        onLoadProgress: (progress: number) => void
    ): Promise<{ model: LlamaModel; context: LlamaContext; contextSize: number }> {
        const attempts = [requested, ...memoryFallbacks(requested, llama.gpu !== false)];
        let model: LlamaModel | undefined;
        let loadedWith: LoadAttempt["gpuLayers"] | undefined;
        for (let i = 0; ; i++) {
            const attempt = attempts[i];
            try {
                // Only a change of GPU layers needs the weights loaded again; a smaller context reuses them.
                if (!model || loadedWith !== attempt.gpuLayers) {
                    await model?.dispose();
                    model = undefined;
                    model = await llama.loadModel({ modelPath: path, gpuLayers: attempt.gpuLayers, loadSignal: signal, onLoadProgress });
                    loadedWith = attempt.gpuLayers;
                }
                if (signal.aborted) throw signal.reason;
                const contextSize = Math.min(attempt.contextSize, model.trainContextSize || attempt.contextSize);
                const context = await model.createContext({ contextSize, threads, sequences: 1, batchSize: PROMPT_CHUNK_TOKENS });
                return { model, context, contextSize };
            } catch (error) {
                if (signal.aborted || i + 1 >= attempts.length || !isOutOfMemory(error, nativeLog)) {
                    await model?.dispose().catch(() => undefined);
                    throw error;
                }
                const next = attempts[i + 1];
                this.log.warn(`not enough memory for ${basename(path)} with ${attempt.gpuLayers} GPU layers and context ${attempt.contextSize}; trying ${next.gpuLayers} GPU layers and context ${next.contextSize}`);
            }
        }
    }
}
