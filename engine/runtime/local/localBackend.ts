// The in-process backend: node-llama-cpp in the engine, one llama.cpp for the process. It owns the completion
// model's host, the chat role (its model and its one shared sequence), and the scheduler that lets one
// evaluation run at a time on this machine's CPU or GPU.
import { ModelScheduler } from "../../generation/scheduler";
import type { Logger } from "../../server/log";
import type { EngineStatus, HearthSettings } from "../../protocol";
import type { ChatModel, CompletionModel, InferenceBackend } from "../inference";
import { disposeLlama, forwardLlamaLog, type LlamaModel } from "../llama";
import { ModelHost, type HostedModel, type ModelHostEvents } from "../modelHost";
import { trainedSize } from "../modelLoader";
import { ChatModels } from "./chatModels";
import { ChatSequence } from "./chatSequence";
import { ChatTemplate } from "./chatTemplate";
import { LocalChatModel } from "./localChatModel";
import { LocalCompletionModel } from "./localCompletionModel";
import { ThreadGovernor, type WithThreads } from "./threadGovernor";

export interface LocalBackendDeps extends Omit<ModelHostEvents, "busy"> {
    settings(): HearthSettings;
    log: Logger;
}

export class LocalBackend implements InferenceBackend {
    private readonly scheduler = new ModelScheduler();
    private readonly host: ModelHost;
    private readonly chatModels: ChatModels;
    private readonly chatSequence: ChatSequence;
    private readonly stopLog: () => void;
    private completion: { hosted: HostedModel; model: LocalCompletionModel } | undefined;
    private readonly governor = new ThreadGovernor();
    private readonly templates = new WeakMap<LlamaModel, Promise<ChatTemplate>>();

    constructor(private readonly deps: LocalBackendDeps) {
        this.stopLog = forwardLlamaLog(deps.log);
        const status = (next: EngineStatus) => {
            deps.status(next);
            if (next.state === "ready") void this.measureSpeed();
        };
        this.host = new ModelHost(deps.log, { status, userMessage: deps.userMessage, busy: () => this.scheduler.busy });
        this.chatModels = new ChatModels(this.host, deps.log);
        this.chatSequence = new ChatSequence(deps.log);
    }

    get status(): EngineStatus {
        return this.host.status;
    }

    /** Loads the completion model `hearth.model.*` names (and unloads the previous one). */
    configure(settings: HearthSettings["model"]): Promise<void> {
        return this.host.configure(settings);
    }

    setUnloadAfterMinutes(minutes: number): void {
        this.host.setUnloadAfterMinutes(minutes);
    }

    async completionModel(signal: AbortSignal): Promise<CompletionModel> {
        const hosted = await this.host.whenReady(signal);
        if (this.completion?.hosted !== hosted) this.completion = { hosted, model: new LocalCompletionModel(hosted, this.scheduler, this.threadsFor(hosted)) };
        return this.completion.model;
    }

    /** Times the completion model on this machine as soon as it is ready, before the first keystroke needs it. */
    private async measureSpeed(): Promise<void> {
        try {
            const model = (await this.completionModel(new AbortController().signal)) as LocalCompletionModel;
            const speed = await model.measure(new AbortController().signal);
            this.deps.log.info(`completion model speed on this machine: prompt ${speed.promptTokensPerSecond.toFixed(0)} tokens/s, generation ${speed.generatedTokensPerSecond.toFixed(1)} tokens/s`);
        } catch (error) {
            this.deps.log.debug(`speed probe skipped: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    /** Jobs of `role` run with no more threads than the machine can give them now. */
    private threadsFor(role: { model: LlamaModel; threads: number }): WithThreads {
        return this.governor.runner(role.model.llama, role.threads);
    }

    async chatModel(signal: AbortSignal): Promise<ChatModel> {
        const settings = this.deps.settings();
        const use = await this.chatModels.acquire(settings, signal);
        const { model } = use.chat;
        let template = this.templates.get(model);
        if (!template) {
            template = ChatTemplate.of(model);
            this.templates.set(model, template);
        }
        const requestedSize = settings.chat.contextSize;
        const parts = { use, template: await template, sequence: this.chatSequence, scheduler: this.scheduler, withThreads: this.threadsFor(use.chat), requestedSize };
        return new LocalChatModel({ ...parts, contextSize: trainedSize(model, requestedSize) });
    }

    async dispose(): Promise<void> {
        this.deps.log.debug("shutdown: disposing the models");
        await this.chatSequence.dispose();
        await this.chatModels.dispose();
        await this.host.dispose();
        this.deps.log.debug("shutdown: disposing llama.cpp");
        this.governor.dispose();
        this.stopLog();
        await disposeLlama();
    }
}
