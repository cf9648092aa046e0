import * as vscode from "vscode";
import type { EngineStatus } from "../engine/protocol";
import { ChatPanel } from "./chat/chatPanel";
import { registerCommands } from "./commands";
import { EngineClient } from "./engineClient";
import { ModelsController } from "./models/modelsController";
import { RefactorController } from "./refactor/refactorController";
import { Reviews } from "./review/reviews";
import { StatusBar } from "./statusBar";

/** Owns everything that lives as long as the extension; the engine client is the part that restarts. */
class Hearth implements vscode.Disposable {
    readonly log = vscode.window.createOutputChannel("Hearth", { log: true });
    private readonly statusBar = new StatusBar();
    private readonly engine: EngineClient;
    private readonly chat: ChatPanel;
    private readonly reviews: Reviews;
    private readonly refactor: RefactorController;
    private readonly models: ModelsController;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(context: vscode.ExtensionContext) {
        this.engine = new EngineClient(context.extensionUri, this.log, {
            status: (status) => this.onStatus(status),
            stats: (stats) => {
                const latency = stats.queueMs + stats.promptMs + stats.generateMs;
                this.statusBar.completion(stats, latency);
                if (!stats.cacheHit) {
                    this.log.debug(`completion ${Math.round(latency)} ms: queue ${Math.round(stats.queueMs)}, prompt ${Math.round(stats.promptMs)} (${stats.evaluatedTokens} of ${stats.promptTokens} tokens evaluated), generate ${Math.round(stats.generateMs)} (${stats.generatedTokens} tokens)`);
                }
            },
            crashed: (restarting) => {
                this.log.warn(restarting ? "the engine stopped; restarting it" : "the engine stopped too often; not restarting");
                this.setReady(false);
                this.statusBar.set(restarting ? { kind: "restarting" } : { kind: "stopped", message: "Run \"Hearth: Restart Engine\"." });
            }
        });
        this.reviews = new Reviews(this.engine);
        this.chat = new ChatPanel(context, this.engine, this.reviews, this.log);
        this.refactor = new RefactorController(context.globalState, this.engine, this.reviews, this.chat);
        this.models = new ModelsController(context, this.engine, this.log);
        this.disposables.push(
            this.statusBar,
            this.refactor,
            this.reviews,
            this.models,
            ...registerCommands({
                restartEngine: () => this.restartEngine(),
                showLog: () => this.log.show(true),
                openChat: () => this.chat.open(),
                newChat: () => this.chat.newChat(),
                refactor: this.refactor,
                reviews: this.reviews,
                models: this.models
            })
        );
    }

    async start(): Promise<void> {
        try {
            await this.engine.start();
        } catch (error) {
            this.log.error(`the engine did not start: ${error instanceof Error ? error.message : String(error)}`);
            this.statusBar.set({ kind: "stopped", message: "The engine did not start; see the log." });
        }
    }

    private onStatus(status: EngineStatus): void {
        this.statusBar.set({ kind: "engine", status });
        // An idle model loads again on the next request, so its features stay available.
        this.setReady(status.state === "ready" || status.state === "idle");
        this.models.onStatus(status);
        if (status.state === "ready") this.log.info(`model ${status.model} ready on ${status.backend} (${status.gpuLayers ?? 0} GPU layers, context ${status.contextSize})`);
    }

    private setReady(ready: boolean): void {
        this.refactor.setEngineReady(ready);
        void vscode.commands.executeCommand("setContext", "hearth.engineReady", ready);
    }

    private async restartEngine(): Promise<void> {
        this.statusBar.set({ kind: "engine", status: { state: "starting" } });
        await this.engine.restart();
    }

    async dispose(): Promise<void> {
        for (const disposable of this.disposables) disposable.dispose();
        await this.chat.dispose();
        await this.engine.dispose();
        this.log.dispose();
    }
}

let hearth: Hearth | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    hearth = new Hearth(context);
    await hearth.start();
}

export function deactivate(): Promise<void> | undefined {
    const stopping = hearth?.dispose();
    hearth = undefined;
    return stopping;
}
