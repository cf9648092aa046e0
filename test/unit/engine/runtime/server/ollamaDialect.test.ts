import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ollamaDialect } from "../../../../../engine/runtime/server/ollamaDialect";
import { probeLimits, wireServer } from "./wireServer";

const signal = new AbortController().signal;

describe("Ollama's wire format", () => {
    it("asks /api/generate for a raw prompt, so the FIM layout is Hearth's and not the template's", () => {
        const request = ollamaDialect.completion({ prompt: "<|fim_prefix|>x", model: "qwen2.5-coder:7b", contextSize: 8192, maxTokens: 64, stopTexts: ["<|endoftext|>"], ignoreEndOfText: false });
        assert.deepEqual(request, { path: "/api/generate", framing: "ndjson", body: { model: "qwen2.5-coder:7b", prompt: "<|fim_prefix|>x", raw: true, stream: true, options: { num_predict: 64, num_ctx: 8192, temperature: 0, stop: ["<|endoftext|>"] } } });
    });

    it("asks /api/chat with the same num_ctx every time", () => {
        const request = ollamaDialect.chat({ turns: [{ role: "user", text: "Hi" }], answerPrefix: "```py\n", model: "llama3.1:70b", contextSize: 4096, maxTokens: 100, sampling: { temperature: 0.2, topK: 40, topP: 0.95 }, stopTexts: [], ignoreEndOfText: false });
        assert.deepEqual(request, {
            path: "/api/chat",
            framing: "ndjson",
            body: { model: "llama3.1:70b", messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "```py\n" }], stream: true, options: { num_predict: 100, num_ctx: 4096, temperature: 0.2, top_k: 40, top_p: 0.95 } }
        });
    });

    it("takes the first model it has when none is named, and its trained context", async () => {
        const server = await wireServer({
            "/api/tags": { body: { models: [{ name: "qwen2.5-coder:7b" }] } },
            "/api/show": { body: { model_info: { "general.architecture": "qwen2", "qwen2.context_length": 32768 } } }
        });
        try {
            assert.deepEqual(await ollamaDialect.probe({ http: server.http, model: "", signal, limits: probeLimits, fim: true }), { model: "qwen2.5-coder:7b", contextSize: 32768, shared: false });
            assert.deepEqual(server.sent[1], { method: "POST", path: "/api/show", body: { model: "qwen2.5-coder:7b" } });
        } finally {
            await server.close();
        }
    });
});
