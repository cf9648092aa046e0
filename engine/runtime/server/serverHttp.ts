// HTTP to one inference server: JSON requests and streamed answers, each with a time limit, the API key, and
// retries with backoff when the connection fails before any answer (never once the server answered: a request
// it started may have had effects, and an error status is the server's final word). An abort of the caller's
// signal closes the connection at once, which makes llama-server, vLLM and Ollama stop generating for it.
import { setTimeout as delay } from "node:timers/promises";
import { EngineError } from "../../server/engineError";
import { brokenStream, connectionCause, httpFailure, unreachable } from "./serverErrors";
import { endOfStream, EventSplitter, type Framing } from "./eventFraming";
import type { ServerAddress } from "./serverAddress";

export interface RequestLimits {
    /** Until the server's answer starts (its headers; a streamed answer's first token). */
    answerMs: number;
    /** Between two pieces of a streamed answer. */
    stallMs: number;
    /** Tries in all when the connection fails before any answer. */
    attempts: number;
}

export interface ServerConnection {
    address: ServerAddress;
    /** The settings that name this server (e.g. "hearth.chat"), for messages. */
    setting: string;
    /** The API key to send, looked up per request so that a new key applies at once. */
    apiKey(): string | undefined;
}

export interface Answer<T> {
    body: T;
    /** From sending the request to the start of the answer. */
    ms: number;
}

export interface StreamedAnswer {
    ms: number;
    /** The events' payloads as JSON, in order; ends with the body or its end marker. */
    events: AsyncIterable<unknown>;
}

const retryDelaysMs = [250, 1000, 3000];

class Timeout extends Error {
    constructor(readonly ms: number) {
        super(`no answer within ${ms < 2000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`);
    }
}

export class ServerHttp {
    constructor(private readonly connection: ServerConnection) {}

    get origin(): string {
        return this.connection.address.origin;
    }

    async getJson<T>(path: string, signal: AbortSignal, limits: RequestLimits): Promise<Answer<T>> {
        return this.json<T>(path, undefined, signal, limits);
    }

    async postJson<T>(path: string, body: object, signal: AbortSignal, limits: RequestLimits): Promise<Answer<T>> {
        return this.json<T>(path, body, signal, limits);
    }

    /** Sends `body` and streams the answer's events; the signal may abort at any time, reading included. */
    async stream(path: string, body: object, signal: AbortSignal, limits: RequestLimits, framing: Framing): Promise<StreamedAnswer> {
        const local = new AbortController();
        const both = AbortSignal.any([signal, local.signal]);
        const { response, ms } = await this.send(path, body, both, local, limits, signal);
        return { ms, events: this.events(response, both, local, limits, signal, framing) };
    }

    private async json<T>(path: string, body: object | undefined, signal: AbortSignal, limits: RequestLimits): Promise<Answer<T>> {
        const local = new AbortController();
        const both = AbortSignal.any([signal, local.signal]);
        const { response, ms } = await this.send(path, body, both, local, limits, signal);
        const timer = setTimeout(() => local.abort(new Timeout(limits.stallMs)), limits.stallMs);
        try {
            return { body: (await response.json()) as T, ms };
        } catch (error) {
            if (signal.aborted) throw signal.reason;
            throw brokenStream(this.origin, local.signal.aborted ? String((local.signal.reason as Error).message) : connectionCause(error));
        } finally {
            clearTimeout(timer);
        }
    }

    /** The response once its headers arrived with a success status; retries a failed connection. */
    private async send(path: string, body: object | undefined, both: AbortSignal, local: AbortController, limits: RequestLimits, signal: AbortSignal) {
        const url = `${this.connection.address.base}${path}`;
        const headers: Record<string, string> = { Accept: "application/json, text/event-stream" };
        if (body !== undefined) headers["Content-Type"] = "application/json";
        const key = this.connection.apiKey();
        if (key) headers.Authorization = `Bearer ${key}`;
        const init: RequestInit = { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body), signal: both };
        for (let attempt = 1; ; attempt++) {
            const started = performance.now();
            const timer = setTimeout(() => local.abort(new Timeout(limits.answerMs)), limits.answerMs);
            try {
                const response = await fetch(url, init);
                const ms = performance.now() - started;
                if (!response.ok) throw httpFailure(this.origin, path, response.status, await response.text().catch(() => ""), this.connection.setting);
                return { response, ms };
            } catch (error) {
                if (signal.aborted) throw signal.reason;
                if (local.signal.aborted) throw unreachable(this.origin, (local.signal.reason as Error).message);
                if (error instanceof EngineError || attempt >= limits.attempts) throw error instanceof EngineError ? error : unreachable(this.origin, connectionCause(error));
            } finally {
                clearTimeout(timer);
            }
            await delay(retryDelaysMs[Math.min(attempt - 1, retryDelaysMs.length - 1)], undefined, { signal });
        }
    }

    private async *events(response: Response, both: AbortSignal, local: AbortController, limits: RequestLimits, signal: AbortSignal, framing: Framing): AsyncGenerator<unknown> {
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        const splitter = new EventSplitter(framing);
        // Servers send the headers at once and the first event after evaluating the prompt: until that event the
        // answer has not started, and a cold prompt on a busy server may take much longer than a pause between tokens.
        let started = false;
        try {
            for (;;) {
                const waitMs = started ? limits.stallMs : limits.answerMs;
                const timer = setTimeout(() => local.abort(new Timeout(waitMs)), waitMs);
                let chunk: ReadableStreamReadResult<Uint8Array>;
                try {
                    chunk = await reader.read();
                } catch (error) {
                    if (signal.aborted) throw signal.reason;
                    const why = local.signal.aborted ? (local.signal.reason as Error).message : connectionCause(error);
                    throw started ? brokenStream(this.origin, why) : unreachable(this.origin, why);
                } finally {
                    clearTimeout(timer);
                }
                const payloads = chunk.done ? splitter.push(decoder.decode()).concat(splitter.finish()) : splitter.push(decoder.decode(chunk.value, { stream: true }));
                for (const payload of payloads) {
                    if (payload === endOfStream) return;
                    started = true;
                    yield parse(payload, this.origin);
                }
                if (chunk.done) return;
            }
        } finally {
            // Stopping early (a finished suggestion, a stop text) closes the connection: the server stops too.
            if (!both.aborted) local.abort(new Error("the answer was read"));
            reader.releaseLock();
        }
    }
}

function parse(payload: string, origin: string): unknown {
    try {
        return JSON.parse(payload);
    } catch {
        throw brokenStream(origin, `it sent ${JSON.stringify(payload.slice(0, 80))}, which is not JSON`);
    }
}
