import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openAiDialect } from "../../../../../engine/runtime/server/openAiDialect";
import { fimFormats } from "../../../../../engine/runtime/server/fimFormats";
import { probeLimits, wireServer } from "./wireServer";

const signal = new AbortController().signal;

describe("the OpenAI-compatible wire format (vLLM)", () => {
    it("asks for a completion with Hearth's own FIM prompt and no suffix, streaming usage on every chunk", () => {
        const request = openAiDialect.completion({ prompt: "<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>", model: "Qwen/Qwen2.5-Coder-7B", contextSize: 8192, maxTokens: 64, stopTexts: ["<|endoftext|>", "<|file_sep|>", "<|fim_prefix|>", "<|fim_pad|>", "<|im_end|>"], ignoreEndOfText: false });
        assert.deepEqual(request, {
            path: "/v1/completions",
            framing: "sse",
            body: { model: "Qwen/Qwen2.5-Coder-7B", prompt: "<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>", max_tokens: 64, temperature: 0, stop: ["<|endoftext|>", "<|file_sep|>", "<|fim_prefix|>", "<|fim_pad|>"], stream: true, stream_options: { include_usage: true, continuous_usage_stats: true } }
        });
        assert.ok(!("suffix" in request.body), "vLLM answers a suffix with HTTP 400");
    });

    it("asks for a chat answer, continuing the answer's start when there is one", () => {
        const turns = [{ role: "system" as const, text: "Be brief." }, { role: "user" as const, text: "Rename a." }];
        const request = openAiDialect.chat({ turns, answerPrefix: "```ts\n", model: "m", contextSize: 4096, maxTokens: 100, sampling: { temperature: 0.2, topK: 40, topP: 0.95 }, stopTexts: [], ignoreEndOfText: false });
        assert.deepEqual(request.body, {
            model: "m",
            messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Rename a." }, { role: "assistant", content: "```ts\n" }],
            max_tokens: 100,
            temperature: 0.2,
            top_p: 0.95,
            stream: true,
            stream_options: { include_usage: true, continuous_usage_stats: true },
            continue_final_message: true,
            add_generation_prompt: false
        });
    });

    it("learns the model, its context and its FIM tokens from /v1/models and /tokenize", async () => {
        const server = await wireServer({
            "/v1/models": { body: { data: [{ id: "Qwen/Qwen2.5-Coder-7B", max_model_len: 16384 }, { id: "other" }] } },
            "/tokenize": { body: { tokens: [151659], count: 1 } }
        });
        try {
            const facts = await openAiDialect.probe({ http: server.http, model: "", signal, limits: probeLimits, fim: true });
            assert.deepEqual(facts, { model: "Qwen/Qwen2.5-Coder-7B", contextSize: 16384, shared: true, fim: fimFormats.qwen });
            assert.deepEqual(server.sent[1].body, { model: "Qwen/Qwen2.5-Coder-7B", prompt: "<|fim_prefix|>", content: "<|fim_prefix|>", add_special_tokens: false });
            await assert.rejects(openAiDialect.probe({ http: server.http, model: "llama-70b", signal, limits: probeLimits, fim: false }), /serves no model named llama-70b \(it serves: Qwen\/Qwen2\.5-Coder-7B, other\)/);
        } finally {
            await server.close();
        }
    });

    it("goes by the model's name when the server has no /tokenize", async () => {
        const server = await wireServer({ "/v1/models": { body: { data: [{ id: "deepseek-coder-6.7b-base" }] } } });
        try {
            const facts = await openAiDialect.probe({ http: server.http, model: "", signal, limits: probeLimits, fim: true });
            assert.deepEqual(facts, { model: "deepseek-coder-6.7b-base", contextSize: undefined, shared: true, fim: undefined });
        } finally {
            await server.close();
        }
    });
});
