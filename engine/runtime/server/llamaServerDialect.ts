// llama.cpp's llama-server. Completions go to `/completion` with the raw FIM prompt (llama-server reads the special
// tokens written in it), `cache_prompt` on so the slot's KV cache keeps the common start, and per-token timings
// so that even an answer cut short reports what was cached and evaluated. Chats go to `/v1/chat/completions`.
import { chatMessages, fimFromTokenizer, isRecord, numberOr, type ChatCall, type CompletionCall, type Dialect, type ProbeRequest, type ServerFacts, type WireRequest } from "./dialect";
import { readLlamaServerEvent, readOpenAiEvent } from "./streamEvents";

interface Props {
    model_alias?: string;
    model_path?: string;
    default_generation_settings?: { n_ctx?: number };
    /** Its parallel slots (-np): how many requests it serves at once. */
    total_slots?: number;
}

/** A model path's file name: llama-server names its model by the path it was started with. */
function modelName(props: Props): string {
    const name = props.model_alias || props.model_path || "llama-server";
    return name.split(/[\\/]/).pop()!;
}

export const llamaServerDialect: Dialect = {
    kind: "llama-server",

    async probe({ http, model, signal, limits, fim }: ProbeRequest): Promise<ServerFacts> {
        const { body: props } = await http.getJson<Props>("/props", signal, limits);
        const slots = numberOr(props.total_slots) ?? 1;
        const facts: ServerFacts = { model: model || modelName(props), contextSize: numberOr(props.default_generation_settings?.n_ctx), shared: slots > 1 };
        if (!fim) return facts;
        const count = async (content: string) => {
            const { body } = await http.postJson<{ tokens?: unknown[] }>("/tokenize", { content, add_special: false }, signal, limits);
            return Array.isArray(body.tokens) ? body.tokens.length : undefined;
        };
        return { ...facts, fim: await fimFromTokenizer(count) };
    },

    completion(call: CompletionCall): WireRequest {
        const body = {
            prompt: call.prompt,
            n_predict: call.maxTokens,
            temperature: 0,
            stop: call.stopTexts,
            stream: true,
            cache_prompt: true,
            timings_per_token: true,
            ...(call.slot !== undefined ? { id_slot: call.slot } : {}),
            ...(call.ignoreEndOfText ? { ignore_eos: true } : {})
        };
        return { path: "/completion", body, framing: "sse" };
    },

    chat(call: ChatCall): WireRequest {
        const body = {
            messages: chatMessages(call.turns, call.answerPrefix),
            max_tokens: call.maxTokens,
            temperature: call.sampling?.temperature ?? 0,
            ...(call.sampling?.topK !== undefined ? { top_k: call.sampling.topK } : {}),
            ...(call.sampling?.topP !== undefined ? { top_p: call.sampling.topP } : {}),
            stop: call.stopTexts,
            stream: true,
            stream_options: { include_usage: true },
            cache_prompt: true,
            timings_per_token: true,
            ...(call.answerPrefix !== "" ? { continue_final_message: true, add_generation_prompt: false } : {}),
            ...(call.ignoreEndOfText ? { ignore_eos: true } : {})
        };
        return { path: "/v1/chat/completions", body, framing: "sse" };
    },

    read(event: unknown, origin: string) {
        return isRecord(event) && "choices" in event ? readOpenAiEvent(event, origin) : readLlamaServerEvent(event, origin);
    }
};
