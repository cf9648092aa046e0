// Ollama. Completions go to `/api/generate` with `raw` on and the FIM prompt rendered here, so the prompt is
// Hearth's cache-friendly layout and not the model template's; chats to `/api/chat`. Both send `num_ctx`, the
// same every time, since Ollama loads the model again when it changes.
import { EngineError } from "../../server/engineError";
import { EngineErrorCode } from "../../protocol";
import { chatMessages, isRecord, numberOr, type ChatCall, type CompletionCall, type Dialect, type ProbeRequest, type ServerFacts, type WireRequest } from "./dialect";
import { readOllamaEvent } from "./streamEvents";

interface Tags {
    models?: Array<{ name?: unknown }>;
}

interface Show {
    model_info?: Record<string, unknown>;
}

function trainedContext(show: Show): number | undefined {
    const info = show.model_info ?? {};
    const key = Object.keys(info).find((name) => name.endsWith(".context_length"));
    return key === undefined ? undefined : numberOr(info[key]);
}

export const ollamaDialect: Dialect = {
    kind: "ollama",

    async probe({ http, model, signal, limits }: ProbeRequest): Promise<ServerFacts> {
        let name = model;
        if (name === "") {
            const { body } = await http.getJson<Tags>("/api/tags", signal, limits);
            const first = (body.models ?? []).find((entry) => typeof entry.name === "string");
            if (!first) throw new EngineError(EngineErrorCode.ServerFailed, `${http.origin} has no models: pull one with "ollama pull", then set its name.`);
            name = first.name as string;
        }
        const { body } = await http.postJson<Show>("/api/show", { model: name }, signal, limits);
        // Ollama's tokenizer cannot be asked: the FIM format comes from the model's name or hearth.server.fimFormat.
        return { model: name, contextSize: trainedContext(body), shared: false };
    },

    completion(call: CompletionCall): WireRequest {
        const options = { num_predict: call.maxTokens, num_ctx: call.contextSize, temperature: 0, stop: call.stopTexts };
        return { path: "/api/generate", body: { model: call.model, prompt: call.prompt, raw: true, stream: true, options }, framing: "ndjson" };
    },

    chat(call: ChatCall): WireRequest {
        const sampling = call.sampling;
        const options = {
            num_predict: call.maxTokens,
            num_ctx: call.contextSize,
            temperature: sampling?.temperature ?? 0,
            ...(sampling?.topK !== undefined ? { top_k: sampling.topK } : {}),
            ...(sampling?.topP !== undefined ? { top_p: sampling.topP } : {}),
            ...(call.stopTexts.length > 0 ? { stop: call.stopTexts } : {})
        };
        return { path: "/api/chat", body: { model: call.model, messages: chatMessages(call.turns, call.answerPrefix), stream: true, options }, framing: "ndjson" };
    },

    read(event: unknown, origin: string) {
        return readOllamaEvent(isRecord(event) ? event : {}, origin);
    }
};
