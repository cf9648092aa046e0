// Two ends of a real JSON-RPC connection over in-memory streams: what an editor and the engine say to each
// other, framed, serialised and dispatched by vscode-jsonrpc exactly as over stdio or IPC.
import { PassThrough } from "node:stream";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-languageserver-protocol/node";

export interface ConnectionPair {
    client: MessageConnection;
    server: MessageConnection;
    dispose(): void;
}

export function connectionPair(): ConnectionPair {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const server = createMessageConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    client.listen();
    server.listen();
    return {
        client,
        server,
        dispose() {
            client.dispose();
            server.dispose();
        }
    };
}
