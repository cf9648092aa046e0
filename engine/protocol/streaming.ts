// How a request streams: LSP's `$/progress`, on a token the client puts in the request's params. The engine
// sends progress only while the request runs, so none arrives after its response.
import type { ProgressType, RequestType } from "vscode-languageserver-protocol";

/** A request whose params may carry a progress token, and what its progress carries. */
export interface StreamingRequest<P, R, T> {
    readonly method: string;
    readonly type: RequestType<P, R, void>;
    readonly progress: ProgressType<T>;
    /** `partialResultToken` for the pieces of a result, `workDoneToken` for LSP work-done progress. */
    readonly progressToken: "partialResultToken" | "workDoneToken";
}
