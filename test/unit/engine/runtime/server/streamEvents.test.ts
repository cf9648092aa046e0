import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readLlamaServerEvent, readOllamaEvent, readOpenAiEvent } from "../../../../../engine/runtime/server/streamEvents";
import type { StreamPiece } from "../../../../../engine/runtime/server/dialect";

const origin = "http://gpu:8080";
const timings = { cache_n: 120, prompt_n: 3, predicted_n: 16 };

/** Each reader, an event as the server streams it, and what Hearth reads from it. */
const cases: Array<[string, (event: unknown, origin: string) => StreamPiece, unknown, StreamPiece]> = [
    ["llama-server: a token", readLlamaServerEvent, { content: "ret", stop: false, timings }, { text: "ret", usage: { cachedTokens: 120, evaluatedTokens: 3, promptTokens: 123, generatedTokens: 16 } }],
    ["llama-server: the end at the token limit, from slot 1", readLlamaServerEvent, { content: "", id_slot: 1, stop: true, stop_type: "limit", timings }, { text: "", usage: { cachedTokens: 120, evaluatedTokens: 3, promptTokens: 123, generatedTokens: 16 }, finish: "limit", slot: 1 }],
    ["llama-server: a token, before the slot is known", readLlamaServerEvent, { content: "x", id_slot: -1, stop: false }, { text: "x" }],
    ["llama-server: the end at end of text", readLlamaServerEvent, { content: "", stop: true, stop_type: "eos" }, { text: "", finish: "end" }],
    ["OpenAI chat: a delta", readOpenAiEvent, { choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }] }, { text: "Hi" }],
    ["OpenAI chat: the role opening", readOpenAiEvent, { choices: [{ index: 0, delta: { role: "assistant", content: null }, finish_reason: null }] }, { text: "" }],
    ["OpenAI completion: text and its end", readOpenAiEvent, { choices: [{ index: 0, text: "x", finish_reason: "length" }] }, { text: "x", finish: "limit" }],
    ["OpenAI: vLLM's usage with cached tokens", readOpenAiEvent, { choices: [], usage: { prompt_tokens: 200, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 192 } } }, { text: "", usage: { promptTokens: 200, cachedTokens: 192, generatedTokens: 5 } }],
    ["OpenAI: llama-server's timings win over usage", readOpenAiEvent, { choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage: { prompt_tokens: 9 }, timings }, { text: "", usage: { cachedTokens: 120, evaluatedTokens: 3, promptTokens: 123, generatedTokens: 16 }, finish: "end" }],
    ["Ollama generate: a piece", readOllamaEvent, { response: "foo", done: false }, { text: "foo" }],
    ["Ollama chat: the last line", readOllamaEvent, { message: { role: "assistant", content: "" }, done: true, done_reason: "length", prompt_eval_count: 7, eval_count: 32 }, { text: "", usage: { evaluatedTokens: 7, generatedTokens: 32 }, finish: "limit" }],
    ["anything else: nothing", readOpenAiEvent, "keep-alive", { text: "" }]
];

describe("stream events", () => {
    for (const [name, read, event, piece] of cases) {
        it(name, () => assert.deepEqual(read(event, origin), piece));
    }

    it("turns an error the server streams into one sentence naming it", () => {
        for (const read of [readLlamaServerEvent, readOpenAiEvent, readOllamaEvent]) {
            assert.throws(() => read({ error: { code: 500, message: "context shift is disabled" } }, origin), (error: Error & { code?: number }) => error.code === -32921 && error.message === "http://gpu:8080 failed mid-answer: context shift is disabled");
        }
        assert.throws(() => readOllamaEvent({ error: "model requires more system memory" }, origin), /failed mid-answer: model requires more system memory/);
    });
});
