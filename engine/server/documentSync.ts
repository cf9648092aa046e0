// Document sync and document URIs checked before the connection applies them: the document store applies a change
// with a fractional, string or null position as a wrong edit (duplicating text), and a URI that does not decode
// fails deep inside a service. A bad didOpen or didChange is dropped with a warning, and the document is forgotten
// (its copy here would differ from the editor's from then on); a request naming a bad URI is answered InvalidParams.
import { ErrorCodes, type DataCallback, type Disposable, type Message, type MessageReader, type MessageWriter } from "vscode-languageserver/node";
import type { Logger } from "./log";

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** What is wrong with a document URI, or undefined. */
export function uriProblem(uri: unknown): string | undefined {
    if (typeof uri !== "string") return "textDocument.uri must be a string";
    if (!/^[a-zA-Z][\w+.-]*:/.test(uri)) return `textDocument.uri ${JSON.stringify(uri.slice(0, 200))} has no scheme`;
    try {
        decodeURIComponent(uri);
    } catch {
        return `textDocument.uri ${JSON.stringify(uri.slice(0, 200))} is not a valid URI (a bad %-escape)`;
    }
    return undefined;
}

function positionProblem(position: unknown, where: string): string | undefined {
    if (!isObject(position) || !isCount(position.line) || !isCount(position.character)) return `${where} must have non-negative integer line and character`;
    return undefined;
}

function changeProblem(change: unknown, i: number): string | undefined {
    const where = `contentChanges[${i}]`;
    if (!isObject(change) || typeof change.text !== "string") return `${where}.text must be a string`;
    if (change.range === undefined) return undefined;
    if (!isObject(change.range)) return `${where}.range must be a range`;
    return positionProblem(change.range.start, `${where}.range.start`) ?? positionProblem(change.range.end, `${where}.range.end`);
}

/** What is wrong with a didOpen or didChange notification's params, or undefined. */
export function syncProblem(method: string, params: unknown): string | undefined {
    const document = isObject(params) ? params.textDocument : undefined;
    if (!isObject(document)) return "textDocument must be an object";
    const uri = uriProblem(document.uri);
    if (uri) return uri;
    if (method === "textDocument/didOpen") {
        if (typeof document.text !== "string") return "textDocument.text must be a string";
        if (typeof document.languageId !== "string") return "textDocument.languageId must be a string";
        if (!Number.isInteger(document.version)) return "textDocument.version must be an integer";
    }
    if (method === "textDocument/didChange") {
        if (!Number.isInteger(document.version)) return "textDocument.version must be an integer";
        const changes = (params as { contentChanges?: unknown }).contentChanges;
        if (!Array.isArray(changes)) return "contentChanges must be an array";
        for (const [i, change] of changes.entries()) {
            const problem = changeProblem(change, i);
            if (problem) return problem;
        }
    }
    return undefined;
}

const synced = new Set(["textDocument/didOpen", "textDocument/didChange"]);

/** Wraps `reader` so that bad document sync and bad document URIs never reach the connection. */
export function documentSyncReader(reader: MessageReader, writer: MessageWriter, log: Logger): MessageReader {
    const screen = (message: Message, pass: DataCallback) => {
        const { method, params, id } = message as { method?: unknown; params?: unknown; id?: unknown };
        if (typeof method !== "string") return pass(message);
        const document = isObject(params) && isObject(params.textDocument) ? params.textDocument : undefined;
        if (synced.has(method)) {
            const problem = syncProblem(method, params);
            if (!problem) return pass(message);
            log.warn(`ignored ${method}: ${problem}`);
            // The engine's copy no longer matches the editor's: forget it, so completions ask for it to be opened again.
            if (document && !uriProblem(document.uri)) pass({ jsonrpc: "2.0", method: "textDocument/didClose", params: { textDocument: { uri: document.uri } } } as Message);
            return;
        }
        const problem = document ? uriProblem(document.uri) : undefined;
        if (!problem) return pass(message);
        if (id === undefined) return log.warn(`ignored ${method}: ${problem}`);
        void writer.write({ jsonrpc: "2.0", id, error: { code: ErrorCodes.InvalidParams, message: problem } } as Message).catch(() => undefined);
    };
    return {
        listen: (callback: DataCallback): Disposable => reader.listen((message) => screen(message, callback)),
        onError: reader.onError,
        onClose: reader.onClose,
        onPartialMessage: reader.onPartialMessage,
        dispose: () => reader.dispose()
    };
}
