import assert from "node:assert/strict";
import { createServer } from "node:http";
import { describe, it } from "node:test";
import { fimFormats } from "../../../../../engine/runtime/server/fimFormats";
import { llamaServerDialect } from "../../../../../engine/runtime/server/llamaServerDialect";
import { ServerHttp } from "../../../../../engine/runtime/server/serverHttp";
import { ServerChatModel, ServerCompletionModel, type ServerParts } from "../../../../../engine/runtime/server/serverModels";
import { TokenEstimate } from "../../../../../engine/runtime/server/tokenEstimate";

/** A llama-server stand-in: each /completion streams "ab" from slot 3, unless the body asks to stream forever. */
async function slotServer() {
    const bodies: Array<Record<string, unknown>> = [];
    const server = createServer((request, response) => {
        let raw = "";
        request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
        request.on("end", () => {
            const body = JSON.parse(raw) as Record<string, unknown>;
            bodies.push(body);
            response.writeHead(200, { "Content-Type": "text/event-stream" });
            response.write(`data: ${JSON.stringify({ content: "a", stop: false, id_slot: -1 })}\n\n`);
            if (body.n_predict === 999) return;
            response.end(`data: ${JSON.stringify({ content: "b", stop: true, stop_type: "eos", id_slot: 3, timings: { cache_n: 40, prompt_n: 2, predicted_n: 2 } })}\n\n`);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const parts: ServerParts = {
        http: new ServerHttp({ address: { origin, base: origin }, setting: "hearth.completion", apiKey: () => undefined }),
        dialect: llamaServerDialect,
        facts: { model: "m.gguf", contextSize: 4096, shared: true },
        estimate: new TokenEstimate(),
        limits: () => ({ answerMs: 5000, stallMs: 5000, attempts: 1 }),
        track: (work) => work
    };
    return { parts, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const prompt = [{ special: "fimPrefix" as const }, "a", { special: "fimSuffix" as const }, "b", { special: "fimMiddle" as const }, ""];

describe("the roles on a server", () => {
    it("waits for the slot of a completion it just hung up on, which holds the document's prompt, and only then", async () => {
        const server = await slotServer();
        try {
            const model = new ServerCompletionModel(server.parts, fimFormats.qwen, 4096);
            const options = { priority: "completion" as const, signal: new AbortController().signal };
            const first = await model.generate(prompt, { ...options, maxTokens: 8 });
            assert.equal(first.text, "ab");
            await model.generate(prompt, { ...options, maxTokens: 8 });
            const superseded = new AbortController();
            await assert.rejects(model.generate(prompt, { ...options, maxTokens: 999, signal: superseded.signal, onText: () => (superseded.abort(), false) }));
            await model.generate(prompt, { ...options, maxTokens: 8 });
            assert.deepEqual(server.bodies.map((body) => body.id_slot), [undefined, undefined, undefined, 3]);
        } finally {
            await server.close();
        }
    });

    it("estimates a chat prompt's tokens with room for the template", () => {
        const parts = { estimate: new TokenEstimate(), facts: { model: "m" } } as unknown as ServerParts;
        const chat = new ServerChatModel(parts, 4096);
        assert.equal(chat.countPromptTokens([{ role: "user", text: "x".repeat(100) }]), 40 + 16);
        assert.equal(chat.countPromptTokens([{ role: "user", text: "x".repeat(100) }], "```ts\n"), 43 + 16);
    });
});
