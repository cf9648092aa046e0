// Every handler runs behind a guard: whatever a client sends, the engine answers with a clear error and keeps serving.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from "vscode-languageserver";
import { EngineError } from "./engineError";
import { logger } from "./log";

function isAbort(error: unknown): boolean {
    return error instanceof Error && (error.name === "AbortError" || /abort/i.test(error.message));
}

export function invalidParams(message: string): ResponseError<void> {
    return new ResponseError(ErrorCodes.InvalidParams, `Invalid params: ${message}.`);
}

export function toResponseError(method: string, error: unknown): ResponseError<void> {
    if (error instanceof ResponseError) return error as ResponseError<void>;
    if (error instanceof EngineError) return new ResponseError(error.code, error.message);
    if (isAbort(error)) return new ResponseError(LSPErrorCodes.RequestCancelled, "The request was cancelled.");
    if (error instanceof TypeError) {
        logger.warn(`${method}: malformed request: ${error.message}`);
        return new ResponseError(ErrorCodes.InvalidParams, `Malformed ${method} request: ${error.message}`);
    }
    logger.error(`${method} failed: ${error instanceof Error ? error.stack : String(error)}`);
    return new ResponseError(ErrorCodes.InternalError, `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
}

export function guard<P, R>(method: string, handler: (params: P, token: CancellationToken) => Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
        try {
            return await handler(params, token);
        } catch (error) {
            return toResponseError(method, error);
        }
    };
}

export function guardNotification<P>(method: string, handler: (params: P) => void) {
    return (params: P): void => {
        try {
            handler(params);
        } catch (error) {
            logger.warn(`${method} ignored: ${error instanceof Error ? error.message : String(error)}`);
        }
    };
}
