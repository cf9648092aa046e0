// Sends a request that streams: listens to `$/progress` on a fresh token, put in the request's params, for as
// long as the request runs. Chat answers, refactor proposals and model downloads all go through it.
import { randomUUID } from "node:crypto";
import type { CancellationToken, Disposable, NotificationHandler, ProgressType, RequestParam, RequestType } from "vscode-languageserver-protocol";
import type { StreamingRequest } from "../engine/protocol";

/** What a streaming request needs of a connection: the language client, or any JSON-RPC connection. */
export interface StreamingConnection {
    sendRequest<P, R, E>(type: RequestType<P, R, E>, params: NoInfer<RequestParam<P>>, token?: CancellationToken): Promise<R>;
    onProgress<T>(type: ProgressType<T>, token: string | number, handler: NoInfer<NotificationHandler<T>>): Disposable;
}

/** Sends `request`, handing each value of its progress to `onProgress` until the response arrives. */
export async function sendStreamingRequest<P extends object, R, T>(
    connection: StreamingConnection,
    request: StreamingRequest<P, R, T>,
    params: P,
    onProgress: (value: T) => void,
    cancel?: CancellationToken
): Promise<R> {
    const token = randomUUID();
    const subscription = connection.onProgress(request.progress, token, onProgress);
    try {
        return await connection.sendRequest(request.type, { ...params, [request.progressToken]: token } as RequestParam<P>, cancel);
    } finally {
        subscription.dispose();
    }
}

/** The engine client as the features that stream use it. */
export interface StreamingEngine {
    stream<P extends object, R, T>(request: StreamingRequest<P, R, T>, params: P, onProgress: (value: T) => void, token?: CancellationToken): Promise<R>;
}
