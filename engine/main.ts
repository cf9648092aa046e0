// The Hearth engine: a language server that runs a local model with node-llama-cpp.
// Started by the extension over IPC (--node-ipc), or by any LSP editor with --stdio.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CompletionService } from "./completion/completionService";
import { ContextRing } from "./contextRing";
import { disposeSharedLlama } from "./llamaRuntime";
import { logger } from "./log";
import { ModelHost } from "./modelHost";
import { CompletionStatsNotification, StatusNotification, StatusRequest, type HearthSettings } from "./protocol";
import { guard, guardNotification } from "./requestGuard";
import { ModelScheduler } from "./scheduler";
import { defaultSettings, needsModelReload, sanitizeSettings } from "./settings";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const ring = new ContextRing();
const scheduler = new ModelScheduler();
let settings: HearthSettings = defaultSettings;

const host = new ModelHost(logger, {
    status: (status) => void connection.sendNotification(StatusNotification.type, status).catch(() => undefined),
    userMessage: (type, message) => {
        const show = type === "error" ? connection.window.showErrorMessage : type === "warning" ? connection.window.showWarningMessage : connection.window.showInformationMessage;
        void show.call(connection.window, message).catch(() => undefined);
    }
});

const completions = new CompletionService({
    host,
    scheduler,
    document: (uri) => documents.get(uri),
    ring,
    settings: () => settings,
    stats: (stats) => void connection.sendNotification(CompletionStatsNotification.type, stats).catch(() => undefined),
    log: logger
});

function applySettings(raw: unknown): void {
    const next = sanitizeSettings(raw, (warning) => logger.warn(`settings: ${warning}`));
    const reload = needsModelReload(settings, next) || host.status.state === "starting";
    settings = next;
    if (reload) void host.configure(settings.model);
}

connection.onInitialize((params) => {
    logger.info(`Hearth engine ${process.version} pid ${process.pid}, client ${params.clientInfo?.name ?? "unknown"}`);
    applySettings(params.initializationOptions ?? undefined);
    return {
        capabilities: {
            textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
            inlineCompletionProvider: true
        },
        serverInfo: { name: "hearth-engine", version: "0.1.0" }
    };
});

connection.onDidChangeConfiguration(guardNotification("workspace/didChangeConfiguration", (params) => {
    const raw = (params as { settings?: { hearth?: unknown } } | undefined)?.settings?.hearth;
    if (raw !== undefined) applySettings(raw);
}));

connection.onRequest(StatusRequest.type, () => host.status);

connection.languages.inlineCompletion.on(guard("textDocument/inlineCompletion", (params, token) => completions.complete(params, token)));

documents.onDidOpen(guardNotification("didOpen", (event) => ring.note(event.document.uri, event.document.getText(), 0)));
documents.onDidChangeContent(() => completions.documentChanged());
documents.onDidClose((event) => ring.forget(event.document.uri));

connection.onShutdown(async () => {
    logger.info("shutting down");
    await host.dispose();
    await disposeSharedLlama();
});

connection.onExit(() => process.exit(0));

process.on("uncaughtException", (error) => logger.error(`uncaught: ${error.stack ?? String(error)}`));
process.on("unhandledRejection", (error) => logger.error(`unhandled rejection: ${error instanceof Error ? error.stack : String(error)}`));

documents.listen(connection);
connection.listen();
