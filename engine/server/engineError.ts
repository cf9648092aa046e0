import { EngineErrorCode } from "../protocol";

export type EngineErrorCodeValue = (typeof EngineErrorCode)[keyof typeof EngineErrorCode];

/** An error meant for the user: its message is shown as it is, and its code travels in the LSP error response. */
export class EngineError extends Error {
    constructor(readonly code: EngineErrorCodeValue, message: string) {
        super(message);
        this.name = "EngineError";
    }
}

const unavailable = new Set<number>([EngineErrorCode.ServerUnreachable, EngineErrorCode.ServerFailed, EngineErrorCode.ServerNotAllowed]);

/** The backend cannot serve now (a server that is down, refuses, or is not allowed); the engine's status says why. */
export function isBackendUnavailable(error: unknown): boolean {
    return error instanceof EngineError && unavailable.has(error.code);
}
