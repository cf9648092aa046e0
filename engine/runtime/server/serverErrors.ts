// What went wrong with a server, in words the user can act on. Every failure of a request to a role's server
// becomes one of these EngineErrors; none of them ever carries the API key.
import { EngineError } from "../../server/engineError";
import { EngineErrorCode } from "../../protocol";

/** The server's own explanation from an error body: OpenAI's `{error: {message}}`, Ollama's `{error}`, FastAPI's `{detail}`. */
export function serverMessage(body: string): string {
    try {
        const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown };
        const error = parsed.error as { message?: unknown } | string | undefined;
        const message = typeof error === "string" ? error : (error?.message ?? parsed.message ?? parsed.detail);
        if (typeof message === "string" && message.trim() !== "") return message.trim().slice(0, 300);
        if (message !== undefined) return JSON.stringify(message).slice(0, 300);
    } catch {
        // Not JSON: a proxy's HTML page, or plain text.
    }
    return body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
}

/** Why a connection failed: Node's fetch hides the system error (ECONNREFUSED, ENOTFOUND) in `cause`. */
export function connectionCause(error: unknown): string {
    const cause = (error as { cause?: unknown } | undefined)?.cause;
    const inner = cause instanceof Error ? cause : error instanceof Error ? error : undefined;
    const code = (inner as { code?: unknown } | undefined)?.code;
    const message = inner?.message ?? String(error);
    return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}

export function unreachable(origin: string, why: string): EngineError {
    return new EngineError(EngineErrorCode.ServerUnreachable, `Hearth cannot reach ${origin}: ${why}`);
}

export function brokenStream(origin: string, why: string): EngineError {
    return new EngineError(EngineErrorCode.ServerUnreachable, `The connection to ${origin} broke off mid-answer: ${why}`);
}

/** The error for an HTTP error status; `setting` names the role's settings (e.g. "hearth.chat"). */
export function httpFailure(origin: string, path: string, status: number, body: string, setting: string): EngineError {
    const said = serverMessage(body);
    const because = said === "" ? "" : `: ${said}`;
    const fail = (message: string) => new EngineError(EngineErrorCode.ServerFailed, message);
    if (status === 401 || status === 403) return fail(`${origin} refused Hearth (${status})${because}. Set its API key with "Hearth: Set Server API Key…".`);
    if (status === 404) return fail(`${origin} has no ${path} or no such model (404)${because}. Check ${setting}.backend (the kind of server) and ${setting}.server.model.`);
    if (status === 429) return fail(`${origin} is too busy and turned Hearth away (429)${because}. Try again in a moment.`);
    if (status >= 500) return fail(`${origin} failed (${status})${because}.`);
    return fail(`${origin} rejected Hearth's request to ${path} (${status})${because}.`);
}

/** An error the stream itself carried (llama-server sends `{"error": …}` as an event). */
export function streamedFailure(origin: string, error: unknown): EngineError {
    const said = (error as { message?: unknown } | undefined)?.message;
    const message = typeof error === "string" ? error : typeof said === "string" ? said : JSON.stringify(error);
    return new EngineError(EngineErrorCode.ServerFailed, `${origin} failed mid-answer: ${message.slice(0, 300)}`);
}
