// Turns whatever a download failed with (a socket error, an HTTP status, a full disk) into one sentence a user can act on.
import { EngineError } from "../server/engineError";
import { EngineErrorCode } from "../protocol";

export interface DownloadContext {
    /** The server, as the user would recognise it: "huggingface.co" or a mirror's host. */
    host: string;
    /** What was asked for, e.g. "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF:Q8_0". */
    uri: string;
    directory: string;
}

/** A download that stopped receiving data; the partial file is kept. */
export class DownloadStalledError extends Error {
    constructor(readonly seconds: number) {
        super(`no data for ${seconds} s`);
        this.name = "DownloadStalledError";
    }
}

const resumeHint = "Try again: Hearth resumes the download where it stopped.";

/** The system error code behind `error`, looking through `cause` chains (fetch wraps socket errors). */
export function errorCode(error: unknown): string | undefined {
    for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
        const code = (e as { code?: unknown }).code;
        if (typeof code === "string") return code;
        e = (e as { cause?: unknown }).cause;
    }
    return undefined;
}

function httpStatus(error: unknown): number | undefined {
    const status = (error as { statusCode?: unknown; status?: unknown } | undefined)?.statusCode ?? (error as { status?: unknown } | undefined)?.status;
    if (typeof status === "number") return status;
    const text = error instanceof Error ? error.message : String(error);
    const match = /Status code: (\d{3})/.exec(text);
    return match ? Number(match[1]) : undefined;
}

export function httpStatusMessage(status: number, context: DownloadContext): string {
    if (status === 404 || status === 400) return `${context.uri} was not found on ${context.host} (HTTP ${status}). Check the model name and quantisation.`;
    if (status === 401 || status === 403) return `${context.host} refused access to ${context.uri} (HTTP ${status}): the repository may be private or gated.`;
    if (status === 429) return `${context.host} is limiting requests (HTTP 429). Wait a minute, then try again.`;
    if (status >= 500) return `${context.host} had a server error (HTTP ${status}). ${resumeHint}`;
    return `${context.host} answered HTTP ${status} for ${context.uri}.`;
}

export function networkMessage(code: string | undefined, context: DownloadContext): string | undefined {
    switch (code) {
        case "ECONNREFUSED":
            return `Cannot connect to ${context.host}: the connection was refused. Check that you are online, or set hearth.model.huggingFaceEndpoint to a reachable mirror.`;
        case "ENOTFOUND":
        case "EAI_AGAIN":
            return `Cannot find ${context.host}: are you offline? Check your connection, or set hearth.model.huggingFaceEndpoint to a reachable mirror.`;
        case "ETIMEDOUT":
        case "ECONNRESET":
        case "EPIPE":
        case "ENETUNREACH":
        case "EHOSTUNREACH":
        case "UND_ERR_CONNECT_TIMEOUT":
        case "UND_ERR_SOCKET":
        case "UND_ERR_HEADERS_TIMEOUT":
        case "UND_ERR_BODY_TIMEOUT":
            return `The connection to ${context.host} failed (${code}). ${resumeHint}`;
        case "ENOSPC":
            return `The disk is full: there is no room left in ${context.directory} for the model. Free some space, then try again; the download resumes where it stopped.`;
        case "EACCES":
        case "EPERM":
        case "EROFS":
            return `Hearth cannot write to ${context.directory} (${code}).`;
        default:
            return undefined;
    }
}

/** The EngineError to answer a failed download with; cancellations pass through unchanged. */
export function explainDownloadFailure(error: unknown, context: DownloadContext): unknown {
    if (error instanceof EngineError) return error;
    if (error instanceof Error && error.name === "AbortError") return error;
    if (error instanceof DownloadStalledError) {
        return new EngineError(EngineErrorCode.DownloadFailed, `The download from ${context.host} stalled: no data arrived for ${error.seconds} seconds. ${resumeHint}`);
    }
    const network = networkMessage(errorCode(error), context);
    if (network) return new EngineError(EngineErrorCode.DownloadFailed, network);
    const status = httpStatus(error);
    if (status !== undefined) return new EngineError(EngineErrorCode.DownloadFailed, httpStatusMessage(status, context));
    const text = error instanceof Error ? error.message : String(error);
    if (/Cannot get quantization|does not exist/i.test(text)) return new EngineError(EngineErrorCode.DownloadFailed, httpStatusMessage(404, context));
    if (/fetch failed|Failed to fetch/i.test(text)) return new EngineError(EngineErrorCode.DownloadFailed, `Cannot reach ${context.host}. Check your connection. ${resumeHint}`);
    return new EngineError(EngineErrorCode.DownloadFailed, `Downloading ${context.uri} failed: ${text}`);
}
