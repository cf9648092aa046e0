// The LSP lifecycle, enforced on every message before the connection sees it: before `initialize` a request is
// answered ServerNotInitialized (-32002); a second `initialize` and any request after `shutdown` are answered
// InvalidRequest (-32600); notifications other than `exit` are dropped in those states, as the specification says.
import { ErrorCodes, type DataCallback, type Disposable, type Message, type MessageReader, type MessageWriter, type RequestMessage } from "vscode-languageserver/node";

type Phase = "new" | "running" | "shutDown";

function isRequest(message: Message): message is RequestMessage {
    const m = message as Partial<RequestMessage>;
    return typeof m.method === "string" && (typeof m.id === "number" || typeof m.id === "string");
}

function isNotification(message: Message): boolean {
    const m = message as { method?: unknown; id?: unknown };
    return typeof m.method === "string" && m.id === undefined;
}

/** Wraps `reader` so that only messages the lifecycle allows reach the connection; `writer` answers the others. */
export function lifecycleReader(reader: MessageReader, writer: MessageWriter): MessageReader {
    let phase: Phase = "new";
    const refuse = (request: RequestMessage, code: number, message: string) => {
        void writer.write({ jsonrpc: "2.0", id: request.id, error: { code, message } } as Message).catch(() => undefined);
    };
    /** True when the message may pass. */
    const admit = (message: Message): boolean => {
        // JSON that is not a message at all (null, a number, a list) has no id to answer.
        if (typeof message !== "object" || message === null || Array.isArray(message)) return false;
        if (isRequest(message)) {
            if (phase === "new" && message.method !== "initialize") refuse(message, ErrorCodes.ServerNotInitialized, `The engine is not initialized: send initialize before ${message.method}.`);
            else if (phase === "running" && message.method === "initialize") refuse(message, ErrorCodes.InvalidRequest, "The engine is already initialized; initialize is accepted once.");
            else if (phase === "shutDown") refuse(message, ErrorCodes.InvalidRequest, `The engine is shutting down; it accepts only the exit notification, not ${message.method}.`);
            else {
                if (message.method === "initialize") phase = "running";
                if (message.method === "shutdown") phase = "shutDown";
                return true;
            }
            return false;
        }
        if (isNotification(message)) return phase === "running" || (message as unknown as { method: string }).method === "exit";
        return true;
    };
    return {
        listen: (callback: DataCallback): Disposable => reader.listen((message) => {
            if (admit(message)) callback(message);
        }),
        onError: reader.onError,
        onClose: reader.onClose,
        onPartialMessage: reader.onPartialMessage,
        dispose: () => reader.dispose()
    };
}
