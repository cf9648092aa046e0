// What differs between the kinds of server: how to learn what a server runs, how to ask for a completion or a
// chat answer, and how to read the events it streams back. Everything else (HTTP, limits, stop texts, counting)
// is the same for all of them.
import type { ServerKind } from "../../protocol";
import type { ChatTurnText, Sampling } from "../inference";
import type { Framing } from "./eventFraming";
import { fimFormats, probeOrder, type FimFormat } from "./fimFormats";
import type { RequestLimits, ServerHttp } from "./serverHttp";

/** What a server says about itself and the model it runs. */
export interface ServerFacts {
    /** The model's name, as requests must give it. */
    model: string;
    /** Tokens of context one request may use, when the server says. */
    contextSize?: number;
    /** The FIM format the server's tokenizer knows; "none" when it knows none, undefined when it cannot be asked. */
    fim?: FimFormat | "none";
    /** Set up to serve several editors at once: llama-server with more than one slot, an OpenAI-compatible server such as vLLM. */
    shared: boolean;
}

export interface ProbeRequest {
    http: ServerHttp;
    /** hearth.<role>.server.model; empty takes what the server serves. */
    model: string;
    signal: AbortSignal;
    limits: RequestLimits;
    /** Ask the tokenizer for FIM tokens (the completion role does). */
    fim: boolean;
}

export interface CompletionCall {
    prompt: string;
    /** The server slot to wait for (llama-server), when one holds this prompt's cache; see ServerCompletionModel. */
    slot?: number;
    model: string;
    contextSize: number;
    maxTokens: number;
    stopTexts: readonly string[];
    ignoreEndOfText: boolean;
}

export interface ChatCall {
    turns: readonly ChatTurnText[];
    /** Written as the start of the assistant's answer, which the server continues. */
    answerPrefix: string;
    model: string;
    contextSize: number;
    maxTokens: number;
    sampling?: Sampling;
    stopTexts: readonly string[];
    ignoreEndOfText: boolean;
}

export interface WireRequest {
    path: string;
    body: object;
    framing: Framing;
}

/** Token counts a server reported, each when it did. */
export interface ReportedUsage {
    promptTokens?: number;
    cachedTokens?: number;
    evaluatedTokens?: number;
    generatedTokens?: number;
}

/** One streamed event, read: its text, what it reported, and whether the server ended the answer. */
export interface StreamPiece {
    text: string;
    usage?: ReportedUsage;
    /** "end": the model ended or wrote a stop text; "limit": it reached maxTokens. */
    finish?: "end" | "limit";
    /** The server slot that generated the answer (llama-server says so in its last event). */
    slot?: number;
}

export interface Dialect {
    readonly kind: ServerKind;
    probe(request: ProbeRequest): Promise<ServerFacts>;
    completion(call: CompletionCall): WireRequest;
    chat(call: ChatCall): WireRequest;
    /** Reads one event; an error the server streamed becomes an EngineError. */
    read(event: unknown, origin: string): StreamPiece;
}

/** The chat turns as OpenAI-style messages, the answer prefix as the assistant message the server continues. */
export function chatMessages(turns: readonly ChatTurnText[], answerPrefix: string): Array<{ role: string; content: string }> {
    const messages = turns.map((turn) => ({ role: turn.role, content: turn.text }));
    if (answerPrefix !== "") messages.push({ role: "assistant", content: answerPrefix });
    return messages;
}

/**
 * The FIM format whose prefix marker the tokenizer reads as one token, with its file separator only when that is
 * one token too. `count` answers how many tokens a text is, or undefined when the server cannot say.
 */
export async function fimFromTokenizer(count: (text: string) => Promise<number | undefined>): Promise<FimFormat | "none" | undefined> {
    for (const name of probeOrder) {
        const format = fimFormats[name];
        const tokens = await count(format.prefix);
        if (tokens === undefined) return undefined;
        if (tokens !== 1) continue;
        if (format.fileSeparator !== undefined && (await count(format.fileSeparator)) !== 1) return { ...format, fileSeparator: undefined };
        return format;
    }
    return "none";
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
export const numberOr = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
