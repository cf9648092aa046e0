import { EngineErrorCode } from "../protocol";

export type EngineErrorCodeValue = (typeof EngineErrorCode)[keyof typeof EngineErrorCode];

/** An error meant for the user: its message is shown as it is, and its code travels in the LSP error response. */
export class EngineError extends Error {
    constructor(readonly code: EngineErrorCodeValue, message: string) {
        super(message);
        this.name = "EngineError";
    }
}
