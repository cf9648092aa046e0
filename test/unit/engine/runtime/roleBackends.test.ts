import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EngineStatus, RoleStatus } from "../../../../engine/protocol";
import { combinedStatus } from "../../../../engine/runtime/roleBackends";
import { sanitizeSettings } from "../../../../engine/settings";

const loaded: EngineStatus = { state: "ready", model: "qwen-1.5b.gguf", backend: "CPU", contextSize: 8192 };
const server: RoleStatus = { backend: "openai", server: "https://llm.example.com", model: "Qwen/Qwen2.5-Coder-32B-Instruct", latencyMs: 40 };
const settings = (raw: object) => sanitizeSettings({ model: { path: "/m/qwen-1.5b.gguf" }, ...raw }, () => undefined);

describe("the engine status with a backend per role", () => {
    const cases: Array<[string, EngineStatus, object, { completion?: RoleStatus; chat?: RoleStatus }, EngineStatus]> = [
        ["both roles on the local model", loaded, {}, {}, { ...loaded, roles: { completion: { backend: "local", model: "qwen-1.5b.gguf" }, chat: { backend: "local", model: "qwen-1.5b.gguf" } } }],
        ["chat on a server: the local model still serves completions", loaded, { chat: { backend: "openai" } }, { chat: server }, { ...loaded, roles: { completion: { backend: "local", model: "qwen-1.5b.gguf" }, chat: server } }],
        ["completions on a server, chat on the local model still loading", { state: "loading", progress: 0.5, model: "qwen-1.5b.gguf" }, { completion: { backend: "llama-server" } }, { completion: server }, { state: "loading", progress: 0.5, model: "qwen-1.5b.gguf", roles: { completion: server, chat: { backend: "local", model: "qwen-1.5b.gguf" } } }],
        ["both on servers: ready without a local model", { state: "noModel", message: "No model is configured." }, { completion: { backend: "llama-server" }, chat: { backend: "openai" } }, { completion: server, chat: server }, { state: "ready", roles: { completion: server, chat: server } }],
        ["completions on a server, chat on its own model", { state: "noModel" }, { completion: { backend: "ollama" }, chat: { model: { path: "/m/chat-7b.gguf" } } }, { completion: server }, { state: "ready", roles: { completion: server, chat: { backend: "local", model: "chat-7b.gguf" } } }]
    ];
    for (const [name, local, raw, roles, expected] of cases) {
        it(name, () => assert.deepEqual(combinedStatus(local, settings(raw), { completion: roles.completion, chat: roles.chat }), expected));
    }
});
