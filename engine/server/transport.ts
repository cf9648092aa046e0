// The engine's end of the connection: IPC when the extension forks it (--node-ipc), stdio for any other LSP editor.
// Every message passes the LSP lifecycle first (lifecycle.ts), and a transport that can no longer be read ends the
// process with its reason logged, so that the client starts a fresh engine instead of talking to a deaf one.
import { IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type MessageReader, type MessageWriter } from "vscode-languageserver/node";
import type { Logger } from "./log";

export interface Transport {
    reader: MessageReader;
    writer: MessageWriter;
    /** On stdio: how many received bytes wait for a header. */
    unframed?: () => number;
}

/** How long a message may stay incomplete: on a local pipe the rest comes at once, or never (a wrong Content-Length). */
const partialMessageMs = 5000;

export function openTransport(argv: readonly string[] = process.argv): Transport {
    if (argv.includes("--node-ipc")) return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process) };
    const reader = new StreamMessageReader(process.stdin);
    reader.partialMessageTimeout = partialMessageMs;
    return { reader, writer: new StreamMessageWriter(process.stdout), unframed: unframedBytes(reader) };
}

/**
 * Bytes the reader holds without a complete header. The reader waits for a header's end forever (headers ended by
 * LF alone never end), so bytes still held a while after the last input mean the stream cannot be framed any more.
 */
function unframedBytes(reader: StreamMessageReader): () => number {
    return () => (reader as unknown as { buffer?: { numberOfBytes?: number } }).buffer?.numberOfBytes ?? 0;
}

function watchUnframed(unframed: () => number, end: (reason: string) => void): void {
    let timer: NodeJS.Timeout | undefined;
    process.stdin.on("data", () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            const bytes = unframed();
            if (bytes > 0) end(`${bytes} bytes from the client have no valid LSP header`);
        }, partialMessageMs);
        timer.unref();
    });
}

/** Ends the process when the transport fails or closes, after saying why in the log and on stderr. */
export function exitOnTransportFailure(transport: Transport, log: Logger, exit: (code: number) => void): void {
    const end = (reason: string, code: number) => {
        log.error(`${reason}; the engine exits so that its client can start it again`);
        process.stderr.write(`hearth engine: ${reason}\n`);
        exit(code);
    };
    transport.reader.onError((error) => {
        // Only a bad header breaks the framing; after a body that is not JSON (or any other error handling one message)
        // the next message is read as usual.
        if (!/Content-Length|Message header/.test(error.message)) {
            log.warn(`ignored a message that cannot be read: ${error.message}`);
            void transport.writer.write({ jsonrpc: "2.0", id: null, error: { code: -32700, message: `Parse error: ${error.message}` } } as never).catch(() => undefined);
            return;
        }
        end(`unreadable message from the client (${error.message.split("\n")[0]})`, 1);
    });
    transport.reader.onPartialMessage((info) => end(`a message from the client stayed incomplete for ${info.waitingTime} ms (a wrong Content-Length?)`, 1));
    transport.reader.onClose(() => end("the client closed the connection", 0));
    if (transport.unframed) watchUnframed(transport.unframed, (reason) => end(reason, 1));
    transport.writer.onError(([error]) => end(`cannot write to the client (${error.message})`, 1));
    transport.writer.onClose(() => end("the connection to the client closed", 0));
}
