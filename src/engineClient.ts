// Starts the engine as a language server over IPC and keeps it running.
import { mkdir } from "node:fs/promises";
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
import { DidChangeStatusNotification, DidFinishCompletionNotification, DidSettleCursorNotification, ServerKeysSetRequest, ServersCheckRequest, StatusRequest, type CompletionStats, type CursorSettledParams, type EngineStatus, type StreamingRequest } from "../engine/protocol";
import type { CompletionSwitch } from "./completionSwitch";
import { section } from "./config";
import { engineArgs, engineForkOptions } from "./engineProcess";
import { EngineSettings } from "./engineSettings";
import { redactedTrace } from "./servers/redactedTrace";
import { sendStreamingRequest, type StreamingEngine } from "./streamingRequest";
import { completionAcceptedCommand } from "./walkthroughProgress";

export interface EngineEvents {
    status(status: EngineStatus): void;
    stats(stats: CompletionStats): void;
    /** The engine process stopped unexpectedly; `restarting` says whether it is being started again. */
    crashed(restarting: boolean): void;
    /** The engine (re)started and takes requests: the moment to hand it the server keys. */
    running(): void;
    /** Texts the message trace must never show (the server keys). */
    hidden(): readonly string[];
}

/** Each item runs `completionAcceptedCommand` when the user accepts it (the walkthrough's first-completion step). */
function noteAcceptance<T extends vscode.InlineCompletionItem[] | vscode.InlineCompletionList | null | undefined>(result: T): T {
    const items: vscode.InlineCompletionItem[] = result === null || result === undefined ? [] : Array.isArray(result) ? result : result.items;
    for (const item of items) item.command ??= { command: completionAcceptedCommand, title: "Completion accepted" };
    return result;
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

export interface EngineClientOptions {
    /** The folder the engine process runs in: Hearth's own storage, not the workspace. */
    workingDirectory: string;
    /** The `hearth` settings the engine is given, at its start and on every change. */
    settings(): Record<string, unknown>;
}

export class EngineClient implements StreamingEngine, vscode.Disposable {
    private readonly client: LanguageClient;
    private readonly settings: EngineSettings;
    private readonly subscriptions: vscode.Disposable[] = [];

    /** `completions` decides, per document, whether to ask the engine for inline completions at all. */
    constructor(extensionUri: vscode.Uri, outputChannel: vscode.LogOutputChannel, private readonly events: EngineEvents, private readonly options: EngineClientOptions, completions: Pick<CompletionSwitch, "wanted">) {
        this.settings = new EngineSettings(() => options.settings());
        const module = vscode.Uri.joinPath(extensionUri, "dist", "engine.js").fsPath;
        const fork = engineForkOptions(options.workingDirectory);
        const args = engineArgs(options.workingDirectory);
        const serverOptions: ServerOptions = {
            run: { module, transport: TransportKind.ipc, args, options: fork.run },
            debug: { module, transport: TransportKind.ipc, args, options: fork.debug }
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [{ scheme: "file" }, { scheme: "untitled" }],
            initializationOptions: () => this.settings.give(),
            // The engine logs through window/logMessage, which the client writes to this channel at each message's
            // level. Its stderr (native libraries, a crash) comes in as errors, its stdout as information.
            outputChannel,
            traceOutputChannel: redactedTrace(outputChannel, () => events.hidden()),
            middleware: {
                // The setting is language-overridable, which only the editor can resolve, and a snooze is the client's own:
                // ask for no completion where they are off.
                provideInlineCompletionItems: async (document, position, context, token, next) =>
                    completions.wanted(document) ? noteAcceptance(await next(document, position, context, token)) : null
            },
            errorHandler: new RestartingErrorHandler(events),
            initializationFailedHandler: () => false
        };
        this.client = new LanguageClient(section, "Hearth", serverOptions, clientOptions);
        this.subscriptions.push(
            this.client.onNotification(DidChangeStatusNotification.type, (status) => events.status(status)),
            this.client.onNotification(DidFinishCompletionNotification.type, (stats) => events.stats(stats)),
            this.client.onDidChangeState(({ newState }) => {
                // A restarted engine reports its status again; ask, so the status bar never shows a stale state.
                if (newState === State.Running) {
                    const missed = this.settings.missedWhileStarting();
                    if (missed) this.sendSettings(missed);
                    void this.refreshStatus();
                    events.running();
                }
            }),
            vscode.workspace.onDidChangeConfiguration((event) => {
                if (event.affectsConfiguration(section)) this.settingsChanged();
            })
        );
    }

    async start(): Promise<void> {
        // A folder that does not exist would make vscode-languageclient start the engine wherever the editor runs.
        await mkdir(this.options.workingDirectory, { recursive: true });
        await this.client.start();
    }

    /** Sends the engine its settings again (they changed, or what Hearth lets through of them did). */
    settingsChanged(): void {
        // While the engine starts, the change waits for it to run (EngineSettings.missedWhileStarting).
        if (this.client.isRunning()) this.sendSettings(this.settings.give());
    }

    private sendSettings(settings: Record<string, unknown>): void {
        void this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [section]: settings } }).catch(() => undefined);
    }

    async restart(): Promise<void> {
        if (this.client.isRunning()) await this.client.restart();
        else await this.client.start();
    }

    /** A request whose progress (a chat answer, a refactor proposal, a download) goes to `onProgress` while it runs. */
    stream<P extends object, R, T>(request: StreamingRequest<P, R, T>, params: P, onProgress: (value: T) => void, token?: vscode.CancellationToken): Promise<R> {
        return sendStreamingRequest(this.client, request, params, onProgress, token);
    }

    /** One of the `hearth/models/*` requests that do not stream (recommendations, the models folder). */
    modelRequest<P, R>(type: RequestType<P, R, void>, params: RequestParam<P>, token?: vscode.CancellationToken): Promise<R> {
        return this.client.sendRequest(type, params, token);
    }

    /** Tells the engine where the cursor came to rest; nothing while it is not running. */
    cursorSettled(params: CursorSettledParams): void {
        if (this.client.isRunning()) this.client.sendNotification(DidSettleCursorNotification.type, params).catch(() => undefined);
    }

    /** Hands the engine the API keys of its servers, by origin; nothing while it is not running (it gets them when it starts). */
    async setServerKeys(apiKeys: Record<string, string>): Promise<void> {
        if (this.client.isRunning()) await this.client.sendRequest(ServerKeysSetRequest.type, { apiKeys });
    }

    /** Has the engine check its servers again; the status that follows, or undefined while it is not running. */
    async checkServers(): Promise<EngineStatus | undefined> {
        if (!this.client.isRunning()) return undefined;
        const status = await this.client.sendRequest(ServersCheckRequest.type);
        this.events.status(status);
        return status;
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
