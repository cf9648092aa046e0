import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fimFormats } from "../../../../../engine/runtime/server/fimFormats";
import { llamaServerDialect } from "../../../../../engine/runtime/server/llamaServerDialect";
import { probeLimits, wireServer } from "./wireServer";

const signal = new AbortController().signal;

describe("llama-server's wire format", () => {
    it("asks /completion for the raw FIM prompt with the prompt cache and per-token timings", () => {
        const request = llamaServerDialect.completion({ prompt: "<|fim_prefix|>x", model: "m.gguf", contextSize: 8192, maxTokens: 16, stopTexts: ["<|endoftext|>"], ignoreEndOfText: true });
        assert.deepEqual(request, { path: "/completion", framing: "sse", body: { prompt: "<|fim_prefix|>x", n_predict: 16, temperature: 0, stop: ["<|endoftext|>"], stream: true, cache_prompt: true, timings_per_token: true, ignore_eos: true } });
    });

    it("asks /v1/chat/completions for a chat answer, with top-k and the prompt cache", () => {
        const request = llamaServerDialect.chat({ turns: [{ role: "user", text: "Hi" }], answerPrefix: "", model: "m.gguf", contextSize: 4096, maxTokens: 8, sampling: { temperature: 0.2, topK: 40, topP: 0.95 }, stopTexts: [], ignoreEndOfText: false });
        assert.deepEqual(request.body, { messages: [{ role: "user", content: "Hi" }], max_tokens: 8, temperature: 0.2, top_k: 40, top_p: 0.95, stop: [], stream: true, stream_options: { include_usage: true }, cache_prompt: true, timings_per_token: true });
    });

    it("names the model by its file, takes the slot's context and its slots from /props, and finds FIM tokens one token long", async () => {
        const server = await wireServer({
            "/props": { body: { model_alias: "/srv/models/starcoder2-7b-q8_0.gguf", default_generation_settings: { n_ctx: 8192 }, total_slots: 8 } },
            // Every probe answers one token: qwen's prefix marker is asked first and wins.
            "/tokenize": { body: { tokens: [5] } }
        });
        try {
            const facts = await llamaServerDialect.probe({ http: server.http, model: "", signal, limits: probeLimits, fim: true });
            assert.deepEqual(facts, { model: "starcoder2-7b-q8_0.gguf", contextSize: 8192, shared: true, fim: fimFormats.qwen });
            assert.deepEqual(server.sent.slice(1).map((request) => request.body), [{ content: "<|fim_prefix|>", add_special: false }, { content: "<|file_sep|>", add_special: false }]);
        } finally {
            await server.close();
        }
    });

    it("takes a server with one slot for one editor's own", async () => {
        const server = await wireServer({ "/props": { body: { model_alias: "m.gguf", total_slots: 1 } } });
        try {
            assert.equal((await llamaServerDialect.probe({ http: server.http, model: "", signal, limits: probeLimits, fim: false })).shared, false);
        } finally {
            await server.close();
        }
    });
});
