import * as vscode from "vscode";
import { ChatPanel } from "./chat/chatPanel";
import { registerCommands } from "./commands";
import { CompletionSwitch } from "./completionSwitch";
import { changedSettings, rawSettings, section } from "./config";
import { CursorRest } from "./cursorRest";
import { EngineClient } from "./engineClient";
import { EngineStateOwner, type EngineStateView } from "./engineState";
import { ModelPathGate } from "./models/modelPathGate";
import { ModelsController } from "./models/modelsController";
import { askToLoadWorkspaceModel } from "./models/workspaceModelQuestion";
import { InstructionBox } from "./refactor/instructionBox";
import { RefactorController } from "./refactor/refactorController";
import { Reviews } from "./review/reviews";
import { roleLines } from "./servers/roleLines";
import { ServerKeys } from "./servers/serverKeys";
import { ServerProblems } from "./servers/serverProblems";
import { StatusBar } from "./statusBar";
import { snoozeChoices } from "./statusMenu";
import { completionAcceptedCommand, WalkthroughProgress } from "./walkthroughProgress";

/** What Hearth offers other extensions (and its integration tests): the engine's state, to read and follow. */
export interface HearthApi {
    readonly engineState: EngineStateView;
}

/** Owns everything that lives as long as the extension; the engine client is the part that restarts. */
class Hearth implements vscode.Disposable {
    readonly log = vscode.window.createOutputChannel("Hearth", { log: true });
    readonly engineState = new EngineStateOwner((error) => this.log.error(`engine state listener: ${error instanceof Error ? error.stack : String(error)}`));
    readonly completions = new CompletionSwitch();
    private readonly statusBar = new StatusBar(this.engineState, this.completions);
    private readonly progress = new WalkthroughProgress(this.engineState, (key, value) => void vscode.commands.executeCommand("setContext", key, value));
    private readonly engine: EngineClient;
    private readonly chat: ChatPanel;
    private readonly instructions: InstructionBox;
    private readonly reviews: Reviews;
    private readonly refactor: RefactorController;
    private readonly models: ModelsController;
    private readonly cursorRest: CursorRest;
    private readonly serverKeys: ServerKeys;
    private readonly disposables: Array<{ dispose(): void }> = [];

    constructor(context: vscode.ExtensionContext) {
        const modelPaths = new ModelPathGate({
            state: context.globalState,
            ask: askToLoadWorkspaceModel,
            changed: () => this.engine.settingsChanged(),
            warn: (message) => {
                this.log.warn(message);
                void vscode.window.showWarningMessage(message);
            }
        });
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
            },
            running: () => void this.serverKeys.send(),
            hidden: () => this.serverKeys?.hidden ?? []
        }, { workingDirectory: context.globalStorageUri.fsPath, settings: () => rawSettings(undefined, (setting) => modelPaths.pathFor(setting)) }, this.completions);
        this.serverKeys = new ServerKeys(context.secrets, this.engine, this.log);
        const serverProblems = new ServerProblems(this.engineState, {
            show: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
            check: () => this.engine.checkServers(),
            openSettings: (query) => void vscode.commands.executeCommand("workbench.action.openSettings", query)
        });
        this.instructions = new InstructionBox(context.globalState);
        this.reviews = new Reviews(this.engine, (request) => this.instructions.ask(request));
        this.chat = new ChatPanel(context, this.engine, this.engineState, this.reviews, {
            refactors: { run: (refactor, uri, range) => this.refactor.run(refactor, uri, range) },
            answered: () => this.progress.mark("chatAnswered")
        }, this.log);
        this.refactor = new RefactorController(this.instructions, this.engine, this.reviews, this.chat, this.engineState);
        this.models = new ModelsController(context, this.engine, this.engineState, this.log);
        this.cursorRest = new CursorRest((params) => this.engine.cursorSettled(params), (uri) => this.completesIn(uri));
        this.log.info(`Hearth ${(context.extension.packageJSON as { version: string }).version} in ${vscode.env.appName} ${vscode.version}`);
        this.disposables.push(
            this.statusBar,
            this.progress,
            this.refactor,
            this.reviews,
            this.instructions,
            this.completions,
            this.models,
            this.serverKeys,
            serverProblems,
            this.cursorRest,
            vscode.commands.registerCommand(completionAcceptedCommand, () => this.progress.mark("completionAccepted")),
            ...this.followCursor(),
            ...this.logChanges(),
            ...this.registerCommands()
        );
    }

    /** Where the cursor rests in the active editor, for the engine to prepare that place before the user types. */
    private followCursor(): Array<{ dispose(): void }> {
        return [
            vscode.window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
                if (textEditor !== vscode.window.activeTextEditor || selections.length !== 1 || !selections[0].isEmpty) return;
                const { line, character } = selections[0].active;
                this.cursorRest.moved(textEditor.document.uri.toString(), { line, character });
            }),
            vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
                if (contentChanges.length > 0) this.cursorRest.edited(document.uri.toString());
            })
        ];
    }

    private completesIn(uri: string): boolean {
        const document = vscode.window.activeTextEditor?.document;
        // The engine knows the documents its client syncs: files and untitled editors.
        const synced = document?.uri.scheme === "file" || document?.uri.scheme === "untitled";
        return this.engineState.ready && synced && document.uri.toString() === uri && this.completions.wanted(document);
    }

    /** The log notes a loaded model and each settings change, with how it applies. */
    private logChanges(): Array<{ dispose(): void }> {
        let logged = "";
        return [
            vscode.workspace.onDidChangeConfiguration((event) => {
                if (event.affectsConfiguration(`${section}.completion.enabled`)) this.completions.settingsChanged();
                for (const { key, change } of changedSettings((section) => event.affectsConfiguration(section))) {
                    this.log.info(`hearth.${key} changed; ${change === "reloadsModel" ? "the engine reloads the model" : "it applies at once"}`);
                }
            }),
            this.engineState.onDidChange(() => {
                const s = this.engineState.status;
                if (s?.state !== "ready") {
                    logged = "";
                    return;
                }
                const line = s.model ? `model ${s.model} ready on ${s.backend} (${s.gpuLayers ?? 0} GPU layers, context ${s.contextSize})` : "ready without a local model";
                const roles = roleLines(s).map((role) => `${role.label.toLowerCase()} on ${role.text.replace(/ · \d+ ms$/, "")}`);
                const next = [line, ...roles].join("; ");
                // Every status change arrives here, a server's new latency too: say what serves each role once.
                if (next !== logged) this.log.info(next);
                logged = next;
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
            instructions: this.instructions,
            models: this.models,
            setServerApiKey: () => this.serverKeys.ask(),
            completions: this.completions,
            snoozeCompletions: (minutes?: unknown) => this.snoozeCompletions(minutes),
            showStatusMenu: () => this.statusBar.showMenu()
        };
        return registerCommands(host, this.engineState, {
            registerCommand: (id, run) => vscode.commands.registerCommand(id, run),
            setContext: (key, value) => void vscode.commands.executeCommand("setContext", key, value),
            showWarning: (message) => void vscode.window.showWarningMessage(message)
        });
    }

    /** Snoozes completions for `minutes`, asking how long when the palette gave none, and hides the ghost text shown. */
    private async snoozeCompletions(minutes?: unknown): Promise<void> {
        let chosen = typeof minutes === "number" && minutes > 0 ? minutes : undefined;
        if (chosen === undefined) {
            const picked = await vscode.window.showQuickPick(snoozeChoices.map((m) => ({ label: `${m} minutes`, minutes: m })), { title: "Snooze Hearth's completions for" });
            chosen = picked?.minutes;
        }
        if (chosen === undefined) return;
        this.completions.snooze(chosen);
        await vscode.commands.executeCommand("editor.action.inlineSuggest.hide");
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
