import * as vscode from "vscode";
import { ChatPanel } from "./chat/chatPanel";
import { registerCommands } from "./commands";
import { changedSettings } from "./config";
import { EngineClient } from "./engineClient";
import { EngineStateOwner, type EngineStateView } from "./engineState";
import { ModelsController } from "./models/modelsController";
import { askInstruction } from "./refactor/instructionPicker";
import { RefactorController } from "./refactor/refactorController";
import { Reviews } from "./review/reviews";
import { StatusBar } from "./statusBar";
import { completionAcceptedCommand, WalkthroughProgress } from "./walkthroughProgress";

/** What Hearth offers other extensions (and its integration tests): the engine's state, to read and follow. */
export interface HearthApi {
    readonly engineState: EngineStateView;
}

/** Owns everything that lives as long as the extension; the engine client is the part that restarts. */
class Hearth implements vscode.Disposable {
    readonly log = vscode.window.createOutputChannel("Hearth", { log: true });
    readonly engineState = new EngineStateOwner((error) => this.log.error(`engine state listener: ${error instanceof Error ? error.stack : String(error)}`));
    private readonly statusBar = new StatusBar(this.engineState);
    private readonly progress = new WalkthroughProgress(this.engineState, (key, value) => void vscode.commands.executeCommand("setContext", key, value));
    private readonly engine: EngineClient;
    private readonly chat: ChatPanel;
    private readonly reviews: Reviews;
    private readonly refactor: RefactorController;
    private readonly models: ModelsController;
    private readonly disposables: Array<{ dispose(): void }> = [];

    constructor(context: vscode.ExtensionContext) {
        this.engine = new EngineClient(context.extensionUri, this.log, {
            status: (status) => this.engineState.reported(status),
            stats: (stats) => {
                const latency = stats.queueMs + stats.promptMs + stats.generateMs;
                this.statusBar.completion(stats, latency);
                if (!stats.cacheHit) {
                    this.log.debug(`completion ${Math.round(latency)} ms: queue ${Math.round(stats.queueMs)}, prompt ${Math.round(stats.promptMs)} (${stats.evaluatedTokens} of ${stats.promptTokens} tokens evaluated), generate ${Math.round(stats.generateMs)} (${stats.generatedTokens} tokens)`);
                }
            },
            crashed: (restarting) => {
                this.log.warn(restarting ? "the engine stopped; restarting it" : "the engine stopped too often; not restarting");
                if (restarting) this.engineState.restarting();
                else this.engineState.stopped("Run \"Hearth: Restart Engine\".");
            }
        });
        this.reviews = new Reviews(this.engine, (request) => askInstruction(context.globalState, request));
        this.chat = new ChatPanel(context, this.engine, this.engineState, this.reviews, {
            refactors: { run: (refactor, uri, range) => this.refactor.run(refactor, uri, range) },
            answered: () => this.progress.mark("chatAnswered")
        }, this.log);
        this.refactor = new RefactorController(context.globalState, this.engine, this.reviews, this.chat, this.engineState);
        this.models = new ModelsController(context, this.engine, this.engineState, this.log);
        this.log.info(`Hearth ${(context.extension.packageJSON as { version: string }).version} in ${vscode.env.appName} ${vscode.version}`);
        this.disposables.push(
            this.statusBar,
            this.progress,
            this.refactor,
            this.reviews,
            this.models,
            vscode.commands.registerCommand(completionAcceptedCommand, () => this.progress.mark("completionAccepted")),
            ...this.logChanges(),
            ...this.registerCommands()
        );
    }

    /** The log notes a loaded model and each settings change, with how it applies. */
    private logChanges(): Array<{ dispose(): void }> {
        return [
            vscode.workspace.onDidChangeConfiguration((event) => {
                for (const { key, change } of changedSettings((section) => event.affectsConfiguration(section))) {
                    this.log.info(`hearth.${key} changed; ${change === "reloadsModel" ? "the engine reloads the model" : "it applies at once"}`);
                }
            }),
            this.engineState.onDidChange(() => {
                const s = this.engineState.status;
                if (s?.state === "ready") this.log.info(`model ${s.model} ready on ${s.backend} (${s.gpuLayers ?? 0} GPU layers, context ${s.contextSize})`);
            })
        ];
    }

    private registerCommands(): Array<{ dispose(): void }> {
        const host = {
            restartEngine: () => this.restartEngine(),
            showLog: () => this.log.show(true),
            openChat: () => this.chat.open(),
            newChat: () => this.chat.newChat(),
            showChatHistory: () => this.chat.showHistory(),
            refactor: this.refactor,
            reviews: this.reviews,
            models: this.models
        };
        return registerCommands(host, this.engineState, {
            registerCommand: (id, run) => vscode.commands.registerCommand(id, run),
            setContext: (key, value) => void vscode.commands.executeCommand("setContext", key, value),
            showWarning: (message) => void vscode.window.showWarningMessage(message)
        });
    }

    async start(): Promise<void> {
        try {
            await this.engine.start();
        } catch (error) {
            this.log.error(`the engine did not start: ${error instanceof Error ? error.message : String(error)}`);
            this.engineState.stopped("The engine did not start; see the log.");
        }
    }

    private async restartEngine(): Promise<void> {
        this.engineState.starting();
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

export async function activate(context: vscode.ExtensionContext): Promise<HearthApi> {
    const started = new Hearth(context);
    hearth = started;
    await started.start();
    return { engineState: started.engineState };
}

export function deactivate(): Promise<void> | undefined {
    const stopping = hearth?.dispose();
    hearth = undefined;
    return stopping;
}
