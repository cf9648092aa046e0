// Which model answers chats and refactors: the completion model (the default: loaded once, serving both), or
// the separate model named by hearth.chat.model.path, loaded on first use and kept until the setting changes or
// its file changes on disk (then it is unloaded before llama.cpp reads a page that is gone, and loaded again).
import { EngineError } from "../../server/engineError";
import type { Logger } from "../../server/log";
import { EngineErrorCode, type HearthSettings } from "../../protocol";
import { fileChange, fileStamp, type FileStamp } from "../modelFile";
import type { ModelHost } from "../modelHost";
import { loadModel } from "../modelLoader";
import type { ChatRoleModel } from "./chatSequence";

/** The chat model in use. A model replaced by a newer setting is disposed once nothing holds it. */
export interface ChatModelUse {
    readonly chat: ChatRoleModel;
    /** Keeps the model loaded until the function returned is called. */
    hold(): () => void;
}

interface OwnModel {
    path: string;
    /** The file as it was when its load began. */
    stamp: FileStamp | undefined;
    loading: Promise<ChatRoleModel>;
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

    async acquire(settings: HearthSettings, signal: AbortSignal): Promise<ChatModelUse> {
        const path = settings.chat.model.path;
        if (path === "") {
            this.retire();
            const hosted = await this.host.whenReady(signal);
            return { chat: hosted, hold: () => () => undefined };
        }
        const change = this.own?.path === path && this.own.stamp ? fileChange(path, this.own.stamp) : undefined;
        if (change) this.log.warn(`chat model: ${change}; unloading it`);
        if (this.own?.path !== path || change) {
            this.retire();
            this.own = { path, stamp: fileStamp(path), loading: this.load(path, settings.model), users: 0, retired: false };
        }
        const entry = this.own;
        const release = this.hold(entry);
        try {
            return { chat: await abortable(entry.loading, signal), hold: () => this.hold(entry) };
        } catch (error) {
            // A failed load is tried again by the next request: the user may have fixed the file meanwhile.
            if (this.own === entry && !signal.aborted) this.retire();
            throw error;
        } finally {
            release();
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

    private hold(entry: OwnModel): () => void {
        entry.users++;
        let released = false;
        return () => {
            if (released) return;
            released = true;
            entry.users--;
            if (entry.retired && entry.users === 0) void this.unload(entry);
        };
    }

    private async unload(entry: OwnModel): Promise<void> {
        const chat = await entry.loading.catch(() => undefined);
        await chat?.model.dispose().catch(() => undefined);
    }

    private async load(path: string, settings: HearthSettings["model"]): Promise<ChatRoleModel> {
        try {
            // Its context is the chat's, made on first use: the load falls back on GPU layers only.
            const loaded = await loadModel({ path, gpuLayers: settings.gpuLayers, threads: settings.threads, signal: new AbortController().signal }, this.log);
            if (loaded.fallback) this.log.warn(`chat model: ${loaded.fallback}`);
            this.log.info(`loaded chat model ${loaded.name} in ${loaded.seconds.toFixed(2)} s, ${loaded.threads} threads`);
            return loaded;
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.log.error(`chat model: ${reason}`);
            const code = error instanceof EngineError && error.code === EngineErrorCode.ModelEndedEngine ? error.code : EngineErrorCode.ModelLoadFailed;
            throw new EngineError(code, `The chat model set in hearth.chat.model.path could not be loaded. ${reason}`);
        }
    }
}
