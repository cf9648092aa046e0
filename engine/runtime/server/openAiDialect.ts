// Any OpenAI-compatible server, vLLM first among them. Completions go to `/v1/completions` with the FIM prompt
// rendered here (vLLM answers a `suffix` with HTTP 400), which its automatic prefix caching reuses up to the
// typed tail; chats to `/v1/chat/completions`. A base URL ending in /v1 is taken as the server's root.
import { EngineError } from "../../server/engineError";
import { EngineErrorCode } from "../../protocol";
import { chatMessages, fimFromTokenizer, isRecord, numberOr, type ChatCall, type CompletionCall, type Dialect, type ProbeRequest, type ServerFacts, type WireRequest } from "./dialect";
import { readOpenAiEvent } from "./streamEvents";

interface ModelList {
    data?: Array<{ id?: unknown; max_model_len?: unknown; meta?: { n_ctx?: unknown } }>;
}

/** OpenAI accepts at most four stop texts. */
const maxStopTexts = 4;

/** vLLM's per-chunk usage, so an answer cut short still reports its prompt. */
const streamOptions = { include_usage: true, continuous_usage_stats: true };

async function countTokens(request: ProbeRequest, model: string, text: string): Promise<number | undefined> {
    try {
        // vLLM's /tokenize takes `prompt`, llama-server's `content`; each ignores the other.
        const { body } = await request.http.postJson<{ tokens?: unknown[] }>("/tokenize", { model, prompt: text, content: text, add_special_tokens: false }, request.signal, request.limits);
        return Array.isArray(body.tokens) ? body.tokens.length : undefined;
    } catch (error) {
        if (request.signal.aborted) throw error;
        return undefined;
    }
}

export const openAiDialect: Dialect = {
    kind: "openai",

    async probe(request: ProbeRequest): Promise<ServerFacts> {
        const { http, signal, limits } = request;
        const { body } = await http.getJson<ModelList>("/v1/models", signal, limits);
        const models = (body.data ?? []).filter((entry) => typeof entry.id === "string");
        const entry = request.model === "" ? models[0] : models.find((candidate) => candidate.id === request.model);
        if (!entry) {
            const served = models.map((candidate) => candidate.id).join(", ") || "none";
            const which = request.model === "" ? "no model" : `no model named ${request.model}`;
            throw new EngineError(EngineErrorCode.ServerFailed, `${http.origin} serves ${which} (it serves: ${served}).`);
        }
        const model = entry.id as string;
        // vLLM and its kind are what a team runs; one person's server is usually llama-server or Ollama.
        const facts: ServerFacts = { model, contextSize: numberOr(entry.max_model_len) ?? numberOr(entry.meta?.n_ctx), shared: true };
        if (!request.fim) return facts;
        return { ...facts, fim: await fimFromTokenizer((text) => countTokens(request, model, text)) };
    },

    completion(call: CompletionCall): WireRequest {
        const body = {
            model: call.model,
            prompt: call.prompt,
            max_tokens: call.maxTokens,
            temperature: 0,
            stop: call.stopTexts.slice(0, maxStopTexts),
            stream: true,
            stream_options: streamOptions,
            ...(call.ignoreEndOfText ? { ignore_eos: true } : {})
        };
        return { path: "/v1/completions", body, framing: "sse" };
    },

    chat(call: ChatCall): WireRequest {
        const body = {
            model: call.model,
            messages: chatMessages(call.turns, call.answerPrefix),
            max_tokens: call.maxTokens,
            temperature: call.sampling?.temperature ?? 0,
            ...(call.sampling?.topP !== undefined ? { top_p: call.sampling.topP } : {}),
            ...(call.stopTexts.length > 0 ? { stop: call.stopTexts.slice(0, maxStopTexts) } : {}),
            stream: true,
            stream_options: streamOptions,
            // vLLM and llama-server continue the last assistant message instead of opening a new one.
            ...(call.answerPrefix !== "" ? { continue_final_message: true, add_generation_prompt: false } : {}),
            ...(call.ignoreEndOfText ? { ignore_eos: true } : {})
        };
        return { path: "/v1/chat/completions", body, framing: "sse" };
    },

    read(event: unknown, origin: string) {
        return readOpenAiEvent(isRecord(event) ? event : {}, origin);
    }
};
