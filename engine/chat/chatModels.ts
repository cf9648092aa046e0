// Which model answers chats: the completion model (the default: loaded once, serving both), or the
// separate model named by hearth.chat.model.path, loaded on the first chat and kept until the setting changes.
import { basename } from "node:path";
import { EngineError } from "../engineError";
import { getSharedLlama, type LlamaModel } from "../llamaRuntime";
import type { Logger } from "../log";
import { checkModelFile, explainLoadFailure } from "../modelFile";
import type { ModelHost } from "../modelHost";
import { EngineErrorCode, type HearthSettings } from "../protocol";

export interface ChatModel {
    model: LlamaModel;
    threads: number;
    name: string;
}

/** A chat model in use; a model replaced by a newer setting is disposed once its last lease is released. */
export interface ChatModelLease {
    readonly chat: ChatModel;
    release(): void;
}

interface OwnModel {
    path: string;
    loading: Promise<ChatModel>;
    users: number;
    retired: boolean;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
}

export class ChatModels {
    private own: OwnModel | undefined;

    constructor(private readonly host: ModelHost, private readonly log: Logger) {}

    async acquire(settings: HearthSettings, signal: AbortSignal): Promise<ChatModelLease> {
        const path = settings.chat.model.path;
        if (path === "") {
            this.retire();
            const loaded = await this.host.whenReady(signal);
            return { chat: { model: loaded.model, threads: loaded.threads, name: loaded.name }, release: () => undefined };
        }
        if (this.own?.path !== path) {
            this.retire();
            this.own = { path, loading: this.load(path, settings.model), users: 0, retired: false };
        }
        const entry = this.own!;
        entry.users++;
        try {
            const chat = await abortable(entry.loading, signal);
            return { chat, release: () => this.release(entry) };
        } catch (error) {
            this.release(entry);
            // A failed load is tried again by the next chat: the user may have fixed the file meanwhile.
            if (this.own === entry && !signal.aborted) this.retire();
            throw error;
        }
    }

    async dispose(): Promise<void> {
        const entry = this.own;
        this.own = undefined;
        if (entry) await this.unload(entry);
    }

    private retire(): void {
        const entry = this.own;
        this.own = undefined;
        if (!entry) return;
        entry.retired = true;
        if (entry.users === 0) void this.unload(entry);
    }

    private release(entry: OwnModel): void {
        entry.users--;
        if (entry.retired && entry.users === 0) void this.unload(entry);
    }

    private async unload(entry: OwnModel): Promise<void> {
        const chat = await entry.loading.catch(() => undefined);
        await chat?.model.dispose().catch(() => undefined);
    }

    private async load(path: string, settings: HearthSettings["model"]): Promise<ChatModel> {
        const name = basename(path);
        const started = performance.now();
        try {
            await checkModelFile(path);
            const llama = await getSharedLlama((level, message) => (level === "info" ? this.log.debug(`llama.cpp: ${message}`) : this.log.warn(`llama.cpp: ${message}`)));
            const model = await llama.loadModel({ modelPath: path, gpuLayers: settings.gpuLayers });
            const threads = settings.threads > 0 ? settings.threads : llama.cpuMathCores;
            this.log.info(`loaded chat model ${name} in ${((performance.now() - started) / 1000).toFixed(2)} s, ${threads} threads`);
            return { model, threads, name };
        } catch (error) {
            const reason = error instanceof EngineError ? error.message : explainLoadFailure(path, error, []);
            this.log.error(`chat model: ${reason}`);
            throw new EngineError(EngineErrorCode.ModelLoadFailed, `The chat model set in hearth.chat.model.path could not be loaded. ${reason}`);
        }
    }
}
