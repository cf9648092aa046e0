// Starts the engine as a language server over IPC and keeps it running.
import * as vscode from "vscode";
import {
    CloseAction,
    DidChangeConfigurationNotification,
    ErrorAction,
    LanguageClient,
    State,
    TransportKind,
    type ErrorHandler,
    type LanguageClientOptions,
    type RequestParam,
    type RequestType,
    type ServerOptions
} from "vscode-languageclient/node";
import {
    ChatDeltaNotification,
    ChatSendRequest,
    CompletionStatsNotification,
    StatusNotification,
    StatusRequest,
    type ChatDelta,
    type ChatSendParams,
    type ChatSendResult,
    type CompletionStats,
    type EngineStatus
} from "../engine/protocol";
import { engineProcessEnv, RefactorDeltaNotification, RefactorRunRequest, type RefactorDelta, type RefactorParams, type RefactorResult } from "../engine/protocol";
import { ModelDownloadProgressNotification, type ModelDownloadProgress } from "../engine/protocol";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { completionEnabled, rawSettings, section } from "./config";
import { parseEngineLogLine } from "./engineLogLine";

export interface EngineEvents {
    status(status: EngineStatus): void;
    stats(stats: CompletionStats): void;
    /** The engine process stopped unexpectedly; `restarting` says whether it is being started again. */
    crashed(restarting: boolean): void;
}

const maxRestarts = 5;
const restartWindowMs = 3 * 60 * 1000;

/** Restarts a crashed engine a few times, then gives up and says so instead of looping. */
class RestartingErrorHandler implements ErrorHandler {
    private restarts: number[] = [];

    constructor(private readonly events: EngineEvents) {}

    error() {
        return { action: ErrorAction.Continue };
    }

    closed() {
        const now = Date.now();
        this.restarts = this.restarts.filter((t) => now - t < restartWindowMs);
        this.restarts.push(now);
        const restart = this.restarts.length <= maxRestarts;
        this.events.crashed(restart);
        return restart
            ? { action: CloseAction.Restart, handled: true }
            : { action: CloseAction.DoNotRestart, message: "The Hearth engine stopped five times in three minutes and will not be restarted. Run \"Hearth: Restart Engine\" after checking the log." };
    }
}

function eachLine(input: Readable, onLine: (line: string) => void): void {
    createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 }).on("line", onLine);
}

export class EngineClient implements vscode.Disposable {
    private readonly client: LanguageClient;
    private readonly subscriptions: vscode.Disposable[] = [];
    private readonly chatDeltas = new vscode.EventEmitter<ChatDelta>();
    /** Each piece of a chat answer as the engine streams it. */
    readonly onChatDelta = this.chatDeltas.event;
    private readonly refactorDeltas = new vscode.EventEmitter<RefactorDelta>();
    /** Each piece of a refactor proposal as the engine streams it. */
    readonly onRefactorDelta = this.refactorDeltas.event;
    private readonly downloadProgress = new vscode.EventEmitter<ModelDownloadProgress>();
    /** Progress of the model downloads the engine runs. */
    readonly onModelDownloadProgress = this.downloadProgress.event;

    constructor(extensionUri: vscode.Uri, outputChannel: vscode.LogOutputChannel, private readonly events: EngineEvents) {
        const module = vscode.Uri.joinPath(extensionUri, "dist", "engine.js").fsPath;
        const serverOptions: ServerOptions = {
            run: { module, transport: TransportKind.ipc, options: { env: { ...process.env, ...engineProcessEnv } } },
            debug: { module, transport: TransportKind.ipc, options: { env: { ...process.env, ...engineProcessEnv }, execArgv: ["--nolazy", "--inspect=6011"] } }
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [{ scheme: "file" }, { scheme: "untitled" }],
            initializationOptions: () => rawSettings(),
            outputChannel,
            stdioOptions: {
                stdout: (input, channel) => eachLine(input, (line) => channel.info(line)),
                stderr: (input, channel) => eachLine(input, (line) => {
                    const { level, message } = parseEngineLogLine(line);
                    channel[level](message);
                })
            },
            middleware: {
                // The setting is language-overridable, which only the editor can resolve: ask for no completion where it is off.
                provideInlineCompletionItems: (document, position, context, token, next) => (completionEnabled(document) ? next(document, position, context, token) : null)
            },
            errorHandler: new RestartingErrorHandler(events),
            initializationFailedHandler: () => false
        };
        this.client = new LanguageClient(section, "Hearth", serverOptions, clientOptions);
        this.subscriptions.push(
            this.client.onNotification(StatusNotification.type, (status) => events.status(status)),
            this.client.onNotification(CompletionStatsNotification.type, (stats) => events.stats(stats)),
            this.client.onNotification(ChatDeltaNotification.type, (delta) => this.chatDeltas.fire(delta)),
            this.chatDeltas,
            this.client.onNotification(RefactorDeltaNotification.type, (delta) => this.refactorDeltas.fire(delta)),
            this.refactorDeltas,
            this.client.onNotification(ModelDownloadProgressNotification.type, (progress) => this.downloadProgress.fire(progress)),
            this.downloadProgress,
            this.client.onDidChangeState(({ newState }) => {
                // A restarted engine reports its status again; ask, so the status bar never shows a stale state.
                if (newState === State.Running) void this.refreshStatus();
            }),
            vscode.workspace.onDidChangeConfiguration((event) => {
                if (event.affectsConfiguration(section) && this.client.isRunning()) {
                    void this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [section]: rawSettings() } });
                }
            })
        );
    }

    start(): Promise<void> {
        return this.client.start();
    }

    async restart(): Promise<void> {
        if (this.client.isRunning()) await this.client.restart();
        else await this.client.start();
    }

    /** Asks the model in the chat; cancelling `token` ends the answer, which then resolves with what was generated. */
    sendChat(params: ChatSendParams, token: vscode.CancellationToken): Promise<ChatSendResult> {
        return this.client.sendRequest(ChatSendRequest.type, params, token);
    }

    /** Asks the model for a refactor proposal; cancelling `token` stops it and the request fails as cancelled. */
    runRefactor(params: RefactorParams, token: vscode.CancellationToken): Promise<RefactorResult> {
        return this.client.sendRequest(RefactorRunRequest.type, params, token);
    }

    /** One of the `hearth/models/*` requests (recommendations, the models folder, downloads). */
    modelRequest<P, R>(type: RequestType<P, R, void>, params: RequestParam<P>, token?: vscode.CancellationToken): Promise<R> {
        return this.client.sendRequest(type, params, token);
    }

    /** The engine's process id while it runs (for tests and the log). */
    get running(): boolean {
        return this.client.isRunning();
    }

    private async refreshStatus(): Promise<void> {
        try {
            this.events.status(await this.client.sendRequest(StatusRequest.type));
        } catch {
            // The engine went away again; its restart will ask anew.
        }
    }

    async dispose(): Promise<void> {
        for (const subscription of this.subscriptions) subscription.dispose();
        if (this.client.needsStop()) await this.client.stop(5000);
    }
}
