// Streams what a request produces as `$/progress` on the token its client put in the params: chat answers and
// refactor proposals as partial results, downloads as work-done progress.
import type { MessageConnection, ProgressToken, RequestParam, WorkDoneProgressBegin, WorkDoneProgressEnd } from "vscode-languageserver";
import type { StreamingRequest } from "../protocol";

/** The part of a connection that sends progress. */
export type ProgressConnection = Pick<MessageConnection, "sendProgress">;

function tokenIn(params: unknown, field: string): ProgressToken | undefined {
    const token = typeof params === "object" && params !== null ? (params as Record<string, unknown>)[field] : undefined;
    return typeof token === "string" || (typeof token === "number" && Number.isInteger(token)) ? token : undefined;
}

/** Sends each value on the request's progress token; without a token the client asked for no stream, and nothing is sent. */
export function progressFor<P, R, T>(connection: ProgressConnection, request: StreamingRequest<P, R, T>, params: unknown): (value: T) => void {
    const token = tokenIn(params, request.progressToken);
    if (token === undefined) return () => undefined;
    return (value) => {
        try {
            // A client that is gone needs no progress: its request fails on its own. (A progress value is never
            // null, so it is the `RequestParam<T>` the connection asks for.)
            void connection.sendProgress(request.progress, token, value as RequestParam<T>).catch(() => undefined);
        } catch {
            // The connection is already closed: the same.
        }
    };
}

/** Runs `work` as LSP work-done progress: `begin` before its first report, and `end` however it ends, once it has begun. */
export async function withWorkDone<R, T>(
    send: (value: WorkDoneProgressBegin | T | WorkDoneProgressEnd) => void,
    begin: Omit<WorkDoneProgressBegin, "kind">,
    work: (report: (value: T) => void) => Promise<R>
): Promise<R> {
    let begun = false;
    try {
        return await work((value) => {
            if (!begun) send({ kind: "begin", ...begin });
            begun = true;
            send(value);
        });
    } finally {
        if (begun) send({ kind: "end" });
    }
}
