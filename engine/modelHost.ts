import { basename } from "node:path";
import { EngineError } from "./engineError";
import { fimFormatOf, type FimFormat } from "./fimFormat";
import { backendName, getSharedLlama, type Llama, type LlamaContext, type LlamaContextSequence, type LlamaModel } from "./llamaRuntime";
import type { Logger } from "./log";
import { checkModelFile, explainLoadFailure } from "./modelFile";
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
}

/** Owns the loaded model: loads it, reloads it when its settings change, and disposes it. */
export class ModelHost {
    private loaded: LoadedModel | undefined;
    private current: EngineStatus = { state: "starting" };
    private loadAbort: AbortController | undefined;
    private pending: Promise<void> = Promise.resolve();
    private readyWaiters = new Set<() => void>();
    private disposed = false;

    constructor(private readonly log: Logger, private readonly events: ModelHostEvents) {}

    get status(): EngineStatus {
        return this.current;
    }

    get model(): LoadedModel | undefined {
        return this.loaded;
    }

    /** Loads the model the settings name, unloading the previous one; a newer call supersedes a load in flight. */
    configure(settings: HearthSettings["model"]): Promise<void> {
        this.loadAbort?.abort();
        const abort = new AbortController();
        this.loadAbort = abort;
        this.pending = this.pending.then(() => this.load(settings, abort.signal)).catch((error) => {
            this.log.error(`model load: ${error instanceof Error ? error.stack : String(error)}`);
        });
        return this.pending;
    }

    /** Resolves with the loaded model once it is ready; fails at once when there is none to wait for. */
    async whenReady(signal?: AbortSignal): Promise<LoadedModel> {
        for (;;) {
            if (this.loaded && this.current.state === "ready") return this.loaded;
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

    async dispose(): Promise<void> {
        this.disposed = true;
        this.loadAbort?.abort();
        await this.pending;
        await this.unload();
    }

    private setStatus(status: EngineStatus): void {
        this.current = status;
        this.events.status(status);
        if (status.state !== "loading" && status.state !== "starting") for (const wake of [...this.readyWaiters]) wake();
    }

    private async unload(): Promise<void> {
        const previous = this.loaded;
        this.loaded = undefined;
        if (!previous) return;
        await previous.context.dispose().catch(() => undefined);
        await previous.model.dispose().catch(() => undefined);
    }

    private async load(settings: HearthSettings["model"], signal: AbortSignal): Promise<void> {
        if (signal.aborted || this.disposed) return;
        const same = this.loaded && JSON.stringify(this.loaded.settings) === JSON.stringify(settings);
        if (same) return;
        await this.unload();
        if (settings.path === "") {
            this.setStatus({ state: "noModel", message: "No model is configured. Set hearth.model.path to a GGUF file." });
            return;
        }
        const name = basename(settings.path);
        this.setStatus({ state: "loading", progress: 0, model: name });
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
            model = await llama.loadModel({
                modelPath: settings.path,
                gpuLayers: settings.gpuLayers,
                loadSignal: signal,
                onLoadProgress: (progress) => this.setStatus({ state: "loading", progress, model: name })
            });
            if (signal.aborted) throw signal.reason;
            const threads = settings.threads > 0 ? settings.threads : llama.cpuMathCores;
            const contextSize = Math.min(settings.contextSize, model.trainContextSize || settings.contextSize);
            const context = await model.createContext({ contextSize, threads, sequences: 1 });
            const sequence = context.getSequence();
            const fim = fimFormatOf(model);
            this.loaded = { llama, model, context, sequence, fim, name, threads, settings };
            const backend = backendName(llama.gpu);
            const seconds = ((performance.now() - started) / 1000).toFixed(2);
            this.log.info(`loaded ${name} in ${seconds} s: ${backend}, ${model.gpuLayers} GPU layers, context ${contextSize}, ${threads} threads, FIM ${fim ? "yes" : "no"}`);
            if (!fim) {
                this.events.userMessage("warning", `${name} has no fill-in-the-middle tokens, so Hearth cannot offer inline completions with it. Choose a code model such as Qwen2.5-Coder.`);
            }
            this.setStatus({ state: "ready", model: name, backend, gpuLayers: model.gpuLayers, contextSize });
        } catch (error) {
            await model?.dispose().catch(() => undefined);
            if (signal.aborted) return;
            const message = error instanceof EngineError ? error.message : explainLoadFailure(settings.path, error, nativeLog);
            this.log.error(message);
            this.events.userMessage("error", message);
            this.setStatus({ state: "error", model: name, message });
        }
    }
}
