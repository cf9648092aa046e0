// The Hearth engine: a language server that runs a local model with node-llama-cpp, or has inference servers run
// its roles.
// Started by the extension over IPC (--node-ipc), or by any LSP editor with --stdio.
import { createConnection, InlineCompletionRequest, LogMessageNotification, MessageType, ProposedFeatures, ShowMessageNotification, TextDocuments, TextDocumentSyncKind, type CancellationToken } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ChatService } from "./chat/chatService";
import { CompletionService } from "./completion/completionService";
import { ContextRing } from "./completion/contextRing";
import { configureDebugKnobs, debugEnabled } from "./server/debugKnobs";
import { logger, logThrough } from "./server/log";
import { ModelService } from "./models/modelService";
import { downloadReport } from "./models/downloadReport";
import { ChatSendRequest, DidChangeStatusNotification, DidFinishCompletionNotification, DidSettleCursorNotification, RefactorRunRequest, StatusRequest, type HearthSettings } from "./protocol";
import { DebugConfigureRequest, ModelDeleteRequest, ModelDownloadRequest, ModelListRequest, ModelRecommendRequest, type ModelDownloadParams, type ModelDownloadResult } from "./protocol";
import { ModelRetryLoadRequest, ServerKeysSetRequest, ServersCheckRequest } from "./protocol";
import { RefactorService } from "./refactor/refactorService";
import { guard, guardNotification } from "./server/requestGuard";
import { documentSyncReader } from "./server/documentSync";
import { lifecycleReader } from "./server/lifecycle";
import { exitOnTransportFailure, openTransport } from "./server/transport";
import { stateDirectory } from "./server/stateDirectory";
import { hearthVersion, startupLine } from "./server/version";
import { progressFor, withWorkDone } from "./server/requestProgress";
import { loadGuard } from "./runtime/loadGuard";
import { RoleBackends } from "./runtime/roleBackends";
import { parseServerKeys } from "./runtime/server/serverKeys";
import { defaultSettings, mergeSettings, needsModelReload, sanitizeSettings } from "./settings";

const transport = openTransport();
const connection = createConnection(ProposedFeatures.all, documentSyncReader(lifecycleReader(transport.reader, transport.writer), transport.writer, logger), transport.writer);
exitOnTransportFailure(transport, logger, (code) => process.exit(code));
const documents = new TextDocuments(TextDocument);
const ring = new ContextRing();
let settings: HearthSettings = defaultSettings;

// A notification, not window/showMessageRequest: the engine never waits on the user's answer.
function userMessage(type: "error" | "warning" | "info", message: string): void {
    const messageType = type === "error" ? MessageType.Error : type === "warning" ? MessageType.Warning : MessageType.Info;
    void connection.sendNotification(ShowMessageNotification.type, { type: messageType, message }).catch(() => undefined);
}

const inference = new RoleBackends({
    settings: () => settings,
    log: logger,
    status: (status) => void connection.sendNotification(DidChangeStatusNotification.type, status).catch(() => undefined),
    userMessage
});

const models = new ModelService({ settings: () => settings, log: logger });

const completions = new CompletionService({
    inference,
    document: (uri) => documents.get(uri),
    ring,
    settings: () => settings,
    stats: (stats) => void connection.sendNotification(DidFinishCompletionNotification.type, stats).catch(() => undefined),
    log: logger
});

const chat = new ChatService({ inference, settings: () => settings, log: logger });

const refactors = new RefactorService({ inference, log: logger });

function applySettings(raw: unknown): void {
    const next = sanitizeSettings(raw, (warning) => logger.warn(`settings: ${warning}`));
    // A model that failed is tried again on any settings the client sends: the user may have fixed the file.
    const reload = needsModelReload(settings, next) || inference.status.state === "starting" || inference.status.state === "error";
    settings = next;
    inference.setUnloadAfterMinutes(settings.model.unloadAfterMinutes);
    inference.configure(settings, reload);
}

connection.onInitialize((params) => {
    logger.info(startupLine(process.pid, params.clientInfo?.name));
    // Before any load, and once the log reaches the client: it says which file an earlier engine died loading, or
    // which model's file changed while an earlier engine used it.
    for (const notice of loadGuard.open(stateDirectory(), logger)) userMessage("warning", notice);
    applySettings(params.initializationOptions ?? undefined);
    return {
        capabilities: {
            textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
            inlineCompletionProvider: true
        },
        serverInfo: { name: "hearth-engine", version: hearthVersion }
    };
});

connection.onDidChangeConfiguration(guardNotification("workspace/didChangeConfiguration", (params) => {
    const raw = (params as { settings?: { hearth?: unknown } } | undefined)?.settings?.hearth;
    if (raw !== undefined) applySettings(mergeSettings(settings, raw));
}));

connection.onRequest(StatusRequest.type, () => inference.status);

connection.onRequest(ServerKeysSetRequest.type, guard(ServerKeysSetRequest.method, (params: unknown) => inference.setApiKeys(parseServerKeys(params))));
// Never fails: a server that cannot be reached is a problem in the status it answers with.
connection.onRequest(ServersCheckRequest.type, () => inference.check());

// Registered as a plain request, not through the library's wrapper, so that even null params get a clear error.
connection.onRequest(InlineCompletionRequest.type, guard("textDocument/inlineCompletion", (params, token) => completions.complete(params, token)));

connection.onRequest(ChatSendRequest.type, guard(ChatSendRequest.method, (params, token) => chat.send(params, token, progressFor(connection, ChatSendRequest, params))));

connection.onRequest(RefactorRunRequest.type, guard(RefactorRunRequest.method, (params: unknown, token) => refactors.run(params, token, progressFor(connection, RefactorRunRequest, params))));

connection.onRequest(ModelRecommendRequest.type, guard(ModelRecommendRequest.method, (params) => models.recommend(params)));
connection.onRequest(ModelListRequest.type, guard(ModelListRequest.method, (params) => models.list(params)));
connection.onRequest(ModelDeleteRequest.type, guard(ModelDeleteRequest.method, (params) => models.delete(params)));
connection.onRequest(ModelDownloadRequest.type, guard(ModelDownloadRequest.method, download));
connection.onRequest(ModelRetryLoadRequest.type, guard(ModelRetryLoadRequest.method, retryLoad));

/** The user asks to load a model whose load ended an earlier engine: it is no longer refused, and loads again. */
async function retryLoad(params: unknown): Promise<{ retried: boolean }> {
    const path = (params as { path?: unknown } | null)?.path;
    if (typeof path !== "string" || path === "") throw new TypeError("params.path must be the model file's path");
    const retried = loadGuard.forget(path);
    if (retried) {
        logger.info(`loading ${path} again, as asked`);
        inference.configure(settings, true);
    }
    return { retried };
}

/** Downloads a model, reporting LSP work-done progress on the request's `workDoneToken`. */
function download(params: ModelDownloadParams, token: CancellationToken): Promise<ModelDownloadResult> {
    const begin = { title: `Downloading ${params?.uri}`, cancellable: true, percentage: 0 };
    const send = progressFor(connection, ModelDownloadRequest, params);
    return withWorkDone(send, begin, (report) => models.download(params, token, (progress) => report(downloadReport(progress))));
}

// Tests and benchmarks only: unregistered, the request is answered with MethodNotFound.
if (debugEnabled) connection.onRequest(DebugConfigureRequest.type, guard(DebugConfigureRequest.method, async (params: unknown) => configureDebugKnobs(params)));

connection.onNotification(DidSettleCursorNotification.type, (params) => void completions.cursorSettled(params));

documents.onDidOpen(guardNotification("didOpen", (event) => ring.note(event.document, 0)));
documents.onDidChangeContent(() => completions.documentChanged());
documents.onDidSave(guardNotification("didSave", (event) => ring.note(event.document, ring.lastLine(event.document.uri))));
documents.onDidClose((event) => ring.forget(event.document.uri));

connection.onShutdown(async () => {
    logger.info("shutting down");
    completions.dispose();
    // A native load cannot be interrupted: shutdown answers at once and exit ends the process without waiting for it.
    const loading = inference.status.state === "loading";
    const disposed = inference.dispose();
    if (!loading) await disposed;
    logger.debug("shutdown: done");
});

connection.onExit(() => process.exit(0));

process.on("SIGTERM", () => {
    logger.info("SIGTERM: exiting");
    process.exit(0);
});
process.on("uncaughtException", (error) => logger.error(`uncaught: ${error.stack ?? String(error)}`));
process.on("unhandledRejection", (error) => logger.error(`unhandled rejection: ${error instanceof Error ? error.stack : String(error)}`));

documents.listen(connection);
connection.listen();
logThrough((params) => connection.sendNotification(LogMessageNotification.type, params));
