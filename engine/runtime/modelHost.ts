// The completion model: loads the model `hearth.model.*` names with the context inline completions evaluate
// on, loads it again when those settings change, unloads it when idle, and keeps the status everyone reads.
import { basename } from "node:path";
import { EngineError } from "../server/engineError";
import type { Logger } from "../server/log";
import { memoryUse, quantizationName } from "../models/modelFacts";
import { EngineErrorCode, type EngineStatus, type HearthSettings } from "../protocol";
import { IdleUnload } from "./idleUnload";
import { backendName, type LlamaContext, type LlamaContextSequence } from "./llama";
import { PROMPT_CHUNK_TOKENS } from "./local/evaluatePrompt";
import { completionSequences } from "./local/sequencePool";
import { fimTokensOf, type FimTokens } from "./local/fimTokens";
import { checkModelFile, fileChange, fileStamp, type FileStamp } from "./modelFile";
import { loadModel, type LoadedModel } from "./modelLoader";
import { ModelStatus } from "./modelStatus";

export interface HostedModel extends LoadedModel {
    /** The context and sequences that inline completions own: each sequence keeps one place's cache. */
    context: LlamaContext;
    sequences: LlamaContextSequence[];
    fim: FimTokens | undefined;
    settings: HearthSettings["model"];
    /** The file as it was loaded; a change to it unloads the model before llama.cpp reads a missing page. */
    stamp: FileStamp | undefined;
}

export interface ModelHostEvents {
    status: (status: EngineStatus) => void;
    /** A message the user should see once (window/showMessage). */
    userMessage(type: "error" | "warning" | "info", message: string): void;
    /** True while a job runs on the model: it is never unloaded for idleness then. */
    busy?(): boolean;
}

export class ModelHost {
    private hosted: HostedModel | undefined;
    private readonly state: ModelStatus;
    private readonly idle: IdleUnload;
    private loadAbort: AbortController | undefined;
    private pending: Promise<void> = Promise.resolve();
    private disposed = false;
    /** The settings of a model unloaded for idleness, to load it again on the next request. */
    private idleSettings: HearthSettings["model"] | undefined;
    /** The model whose load failed, and its file as it was then: a file that changes since (a copy that completed) is tried again. */
    private failed: { settings: HearthSettings["model"]; stamp: FileStamp | undefined } | undefined;
    /** A load tried again because its file changed: while a copy is still being written it fails quietly (the status says why). */
    private retrying = false;

    constructor(private readonly log: Logger, private readonly events: ModelHostEvents) {
        this.state = new ModelStatus(events.status);
        this.idle = new IdleUnload({ busy: () => events.busy?.() ?? false, unload: () => this.unloadIdle() });
    }

    get status(): EngineStatus {
        return this.state.value;
    }

    get model(): HostedModel | undefined {
        return this.hosted;
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
    async whenReady(signal?: AbortSignal): Promise<HostedModel> {
        for (;;) {
            const status = this.state.value;
            if (this.hosted && status.state === "ready") {
                if (this.reloadIfChanged(this.hosted)) continue;
                this.idle.touch();
                return this.hosted;
            }
            if (status.state === "idle" && this.idleSettings) void this.configure(this.idleSettings, "Loading the model again after it was unloaded for being idle.");
            if (status.state === "noModel") throw new EngineError(EngineErrorCode.NoModel, status.message ?? "No model is configured.");
            if (status.state === "error" && this.retryIfFileChanged()) {
                await this.state.settled(signal);
                continue;
            }
            if (status.state === "error") throw new EngineError(status.endedEngine ? EngineErrorCode.ModelEndedEngine : EngineErrorCode.ModelLoadFailed, status.message ?? "The model failed to load.");
            if (signal?.aborted) throw signal.reason;
            await this.state.settled(signal);
        }
    }

    /** Unloads a model whose file changed and loads the file again (its checks refuse a partial copy); true if so. */
    private reloadIfChanged(hosted: HostedModel): boolean {
        const change = hosted.stamp && fileChange(hosted.path, hosted.stamp);
        if (!change) return false;
        this.log.warn(`${change}: unloading it`);
        this.hosted = undefined;
        this.state.set({ state: "loading", model: hosted.name, path: hosted.path, note: `${change}; Hearth unloaded it and loads the file again.`, progress: 0 });
        void hosted.context.dispose().catch(() => undefined).then(() => hosted.model.dispose()).catch(() => undefined);
        void this.configure(hosted.settings, `${change}; Hearth unloaded it and loads the file again.`);
        return true;
    }

    /** Loads a model that failed again when its file changed since; true if so. */
    private retryIfFileChanged(): boolean {
        const failed = this.failed;
        if (!failed?.stamp || !fileChange(failed.settings.path, failed.stamp)) return false;
        this.failed = undefined;
        const name = basename(failed.settings.path);
        this.log.info(`${name} changed on disk since it failed to load: loading it again`);
        this.retrying = true;
        void this.configure(failed.settings, `${name} changed on disk since it failed to load; Hearth loads it again.`).finally(() => (this.retrying = false));
        return true;
    }

    /** Applies `hearth.model.unloadAfterMinutes` (0 never unloads). */
    setUnloadAfterMinutes(minutes: number): void {
        this.idle.setMinutes(minutes);
    }

    async dispose(): Promise<void> {
        this.disposed = true;
        this.idle.stop();
        this.loadAbort?.abort();
        await this.pending;
        await this.unload();
    }

    private unloadIdle(): void {
        const hosted = this.hosted;
        if (this.state.value.state !== "ready" || !hosted) return;
        this.pending = this.pending.then(async () => {
            if (this.state.value.state !== "ready" || this.hosted !== hosted || this.events.busy?.()) return;
            await this.unload();
            this.idleSettings = hosted.settings;
            const minutes = this.idle.unloadAfterMinutes;
            this.log.info(`unloaded ${hosted.name} after ${minutes} minutes without use`);
            const message = `${hosted.name} was unloaded after ${minutes} minutes without use; it loads again on the next request.`;
            this.state.set({ state: "idle", model: hosted.name, path: hosted.path, message });
        });
    }

    private async unload(): Promise<void> {
        const previous = this.hosted;
        this.hosted = undefined;
        if (!previous) return;
        await previous.context.dispose().catch(() => undefined);
        await previous.model.dispose().catch(() => undefined);
    }

    /** `note` is shown while loading; `readyNote` stays on the ready status (why this model and not the one asked for). */
    private async load(settings: HearthSettings["model"], signal: AbortSignal, note?: string, readyNote?: string): Promise<void> {
        if (signal.aborted || this.disposed) return;
        if (this.hosted && JSON.stringify(this.hosted.settings) === JSON.stringify(settings)) return;
        this.failed = undefined;
        if (settings.path === "") {
            await this.unload();
            this.state.set({ state: "noModel", message: "No model is configured. Set hearth.model.path to a GGUF file." });
            return;
        }
        const previous = this.hosted;
        // A damaged or missing file is refused while the working model still serves: only a file that passes the
        // checks replaces it.
        if (previous) {
            const refused = await checkModelFile(settings.path).then(() => undefined, (error: unknown) => error);
            if (signal.aborted) return;
            if (refused) return this.keepPrevious(previous, refused);
        }
        await this.unload();
        const name = basename(settings.path);
        const stamp = fileStamp(settings.path);
        this.state.set({ state: "loading", model: name, path: settings.path, ...(note ? { note } : {}), progress: 0 });
        try {
            const context = { ...completionSequences(settings.contextSize), batchSize: PROMPT_CHUNK_TOKENS };
            const loaded = await loadModel({ ...settings, context, signal, onProgress: (fraction) => this.state.progress(fraction) }, this.log);
            await this.ready(loaded, settings, stamp, readyNote);
        } catch (error) {
            if (signal.aborted) return;
            const message = error instanceof Error ? error.message : String(error);
            this.log.error(message);
            if (previous && previous.settings.path !== settings.path) {
                // The new file passed the checks but llama.cpp refused it: the model that worked loads again.
                this.events.userMessage("error", `${message} Hearth loads ${previous.name} again.`);
                const why = `${name} failed to load, so Hearth loaded ${previous.name} again: ${message}`;
                return this.load(previous.settings, signal, why, why);
            }
            if (!this.retrying) this.events.userMessage("error", message);
            this.failed = { settings, stamp: fileStamp(settings.path) };
            const endedEngine = error instanceof EngineError && error.code === EngineErrorCode.ModelEndedEngine;
            this.state.set({ state: "error", model: name, path: settings.path, message, ...(endedEngine ? { endedEngine } : {}) });
        }
    }

    /** Keeps serving the loaded model after a new one was refused, and says so. */
    private keepPrevious(previous: HostedModel, error: unknown): void {
        const message = `${error instanceof Error ? error.message : String(error)} Hearth keeps using ${previous.name}.`;
        this.log.error(message);
        this.events.userMessage("error", message);
        this.state.set({ ...this.state.value, note: message });
    }

    /** Takes a loaded model into service and says so: the log, the user (about what fell back), the status. */
    private async ready(loaded: LoadedModel, settings: HearthSettings["model"], stamp: FileStamp | undefined, note?: string): Promise<void> {
        const { model, name, fallback, contextSize } = loaded;
        const notes = [note, fallback].filter(Boolean).join(" ");
        try {
            const context = loaded.context!;
            const fim = fimTokensOf(model);
            const quantization = await quantizationName(model.fileInfo.metadata.general?.file_type);
            const sequences = Array.from({ length: context.totalSequences }, () => context.getSequence());
            this.hosted = { ...loaded, context, sequences, fim, settings, stamp };
            if (fallback) {
                this.log.warn(fallback);
                this.events.userMessage("warning", fallback);
            }
            const backend = backendName(loaded.llama.gpu);
            this.log.info(`loaded ${name} in ${loaded.seconds.toFixed(2)} s: ${backend}, ${model.gpuLayers} GPU layers, context ${sequences.length} × ${contextSize}, ${loaded.threads} threads, FIM ${fim ? "yes" : "no"}`);
            if (!fim) this.events.userMessage("warning", `${name} has no fill-in-the-middle tokens, so Hearth cannot offer inline completions with it. Choose a code model such as Qwen2.5-Coder.`);
            this.idle.touch();
            this.state.set({
                state: "ready",
                model: name,
                path: settings.path,
                backend,
                gpuLayers: model.gpuLayers,
                contextSize: contextSize * sequences.length,
                ...(quantization ? { quantization } : {}),
                ...(memoryUse(model, contextSize * sequences.length) ?? {}),
                ...(notes ? { note: notes } : {})
            });
        } catch (error) {
            this.hosted = undefined;
            await model.dispose().catch(() => undefined);
            throw error;
        }
    }
}
