// Reads the events each kind of server streams: the text they add, the counts they report, and how they end.
import { isRecord, numberOr, type ReportedUsage, type StreamPiece } from "./dialect";
import { streamedFailure } from "./serverErrors";

/** llama-server's `timings`: `cache_n` prompt tokens reused from the slot's cache, `prompt_n` evaluated. */
function timingsUsage(timings: unknown): ReportedUsage | undefined {
    if (!isRecord(timings)) return undefined;
    const cached = numberOr(timings.cache_n);
    const evaluated = numberOr(timings.prompt_n);
    if (cached === undefined || evaluated === undefined) return undefined;
    return { cachedTokens: cached, evaluatedTokens: evaluated, promptTokens: cached + evaluated, generatedTokens: numberOr(timings.predicted_n) };
}

/** OpenAI's `usage`, with `prompt_tokens_details.cached_tokens` where the server reports it (vLLM with --enable-prompt-tokens-details). */
function openAiUsage(usage: unknown): ReportedUsage | undefined {
    if (!isRecord(usage)) return undefined;
    const details = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
    return { promptTokens: numberOr(usage.prompt_tokens), cachedTokens: numberOr(details.cached_tokens), generatedTokens: numberOr(usage.completion_tokens) };
}

function failIfError(event: Record<string, unknown>, origin: string): void {
    if (event.error !== undefined && event.error !== null) throw streamedFailure(origin, event.error);
}

/** `/v1/completions` and `/v1/chat/completions` chunks (llama-server adds its `timings`, which are exact). */
export function readOpenAiEvent(event: unknown, origin: string): StreamPiece {
    if (!isRecord(event)) return { text: "" };
    failIfError(event, origin);
    const choice = Array.isArray(event.choices) && isRecord(event.choices[0]) ? event.choices[0] : {};
    const delta = isRecord(choice.delta) ? choice.delta : {};
    const text = typeof choice.text === "string" ? choice.text : typeof delta.content === "string" ? delta.content : "";
    const usage = timingsUsage(event.timings) ?? openAiUsage(event.usage);
    const reason = choice.finish_reason;
    const finish = reason === "length" ? "limit" : typeof reason === "string" ? "end" : undefined;
    return { text, ...(usage ? { usage } : {}), ...(finish ? { finish } : {}) };
}

/** llama-server's own `/completion` events: `content`, and on the last one `stop` and `stop_type`. */
export function readLlamaServerEvent(event: unknown, origin: string): StreamPiece {
    if (!isRecord(event)) return { text: "" };
    failIfError(event, origin);
    const text = typeof event.content === "string" ? event.content : "";
    const usage = timingsUsage(event.timings);
    const finish = event.stop === true ? (event.stop_type === "limit" ? "limit" : "end") : undefined;
    const slot = numberOr(event.id_slot);
    return { text, ...(usage ? { usage } : {}), ...(finish ? { finish } : {}), ...(slot !== undefined && slot >= 0 ? { slot } : {}) };
}

/** Ollama's `/api/generate` (`response`) and `/api/chat` (`message.content`) lines; the last has `done` and counts. */
export function readOllamaEvent(event: unknown, origin: string): StreamPiece {
    if (!isRecord(event)) return { text: "" };
    failIfError(event, origin);
    const message = isRecord(event.message) ? event.message : {};
    const text = typeof event.response === "string" ? event.response : typeof message.content === "string" ? message.content : "";
    if (event.done !== true) return { text };
    // prompt_eval_count counts the prompt tokens Ollama evaluated; those its cache kept are not counted.
    const usage: ReportedUsage = { evaluatedTokens: numberOr(event.prompt_eval_count), generatedTokens: numberOr(event.eval_count) };
    return { text, usage, finish: event.done_reason === "length" ? "limit" : "end" };
}
