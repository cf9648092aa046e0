import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EngineStatus } from "../../../../engine/protocol";
import { roleLines, serverProblem, usesServer } from "../../../../src/servers/roleLines";

describe("who serves each role, in words", () => {
    const cases: Array<[string, EngineStatus, string[]]> = [
        ["no roles reported", { state: "ready", model: "m.gguf" }, []],
        ["both local", { state: "ready", model: "m.gguf", roles: { completion: { backend: "local", model: "m.gguf" }, chat: { backend: "local", model: "m.gguf" } } }, ["Completions: local · m.gguf", "Chat: local · m.gguf"]],
        [
            "chat on vLLM, with its host, model and latency",
            { state: "ready", roles: { completion: { backend: "local", model: "qwen-1.5b.gguf" }, chat: { backend: "openai", server: "https://llm.example.com:8443", model: "Qwen/Qwen2.5-Coder-32B-Instruct", latencyMs: 41.6 } } },
            ["Completions: local · qwen-1.5b.gguf", "Chat: openai · llm.example.com:8443 · Qwen/Qwen2.5-Coder-32B-Instruct · 42 ms"]
        ],
        [
            "llama-server names its model by path; a server not yet checked has no model",
            { state: "ready", roles: { completion: { backend: "llama-server", server: "http://gpu:8080", model: "/models/qwen2.5-coder-7b-q8_0.gguf" }, chat: { backend: "ollama", server: "http://localhost:11434" } } },
            ["Completions: llama-server · gpu:8080 · qwen2.5-coder-7b-q8_0.gguf", "Chat: ollama · localhost:11434"]
        ]
    ];
    for (const [name, status, lines] of cases) {
        it(name, () => assert.deepEqual(roleLines(status).map((line) => `${line.label}: ${line.text}`), lines));
    }

    it("knows when a server is in play, and its first problem", () => {
        const down: EngineStatus = { state: "ready", roles: { completion: { backend: "local" }, chat: { backend: "openai", server: "https://x", problem: "Hearth cannot reach https://x: timeout" } } };
        assert.equal(usesServer(down), true);
        assert.equal(serverProblem(down), "Hearth cannot reach https://x: timeout");
        assert.equal(usesServer(cases[1][1]), false);
        assert.equal(serverProblem(cases[1][1]), undefined);
    });
});
