import assert from "node:assert/strict";
import { createServer } from "node:http";
import { describe, it } from "node:test";
import { GenerationAbortedError, type GenerateOptions } from "../../../../../engine/runtime/inference";
import { llamaServerDialect } from "../../../../../engine/runtime/server/llamaServerDialect";
import { generateOnServer } from "../../../../../engine/runtime/server/serverGeneration";
import { ServerHttp } from "../../../../../engine/runtime/server/serverHttp";
import { TokenEstimate } from "../../../../../engine/runtime/server/tokenEstimate";
import { until } from "../../../../support/until";

/** A server streaming `events` as llama-server's /completion does, then ending; `closed` tells whether the client hung up first. */
async function streaming(events: object[], { end = true } = {}) {
    const state = { closedEarly: false };
    const server = createServer((request, response) => {
        request.resume();
        response.writeHead(200, { "Content-Type": "text/event-stream" });
        for (const event of events) response.write(`data: ${JSON.stringify(event)}\n\n`);
        if (end) response.end();
        response.on("close", () => (state.closedEarly = !response.writableFinished));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const http = new ServerHttp({ address: { origin, base: origin }, setting: "hearth.completion", apiKey: () => undefined });
    return { http, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const limits = { answerMs: 5000, stallMs: 5000, attempts: 1 };
const request = llamaServerDialect.completion({ prompt: "p", model: "m", contextSize: 1024, maxTokens: 16, stopTexts: [], ignoreEndOfText: false });
const piece = (content: string) => ({ content, stop: false });

function run(server: Awaited<ReturnType<typeof streaming>>, options: Partial<GenerateOptions>, echo?: string) {
    const estimate = new TokenEstimate();
    const signal = options.signal ?? new AbortController().signal;
    return generateOnServer({ http: server.http, dialect: llamaServerDialect, request, limits, options: { maxTokens: 16, priority: "completion", ...options, signal }, promptChars: 400, estimate, echo });
}

describe("a generation on a server", () => {
    it("reads the text and the counts the server reports", async () => {
        const server = await streaming([piece("ret"), piece("urn"), { content: "", stop: true, stop_type: "eos", timings: { cache_n: 90, prompt_n: 10, predicted_n: 2 } }]);
        try {
            const result = await run(server, {});
            assert.deepEqual({ text: result.text, stop: result.stop, prompt: result.promptTokens, evaluated: result.evaluatedTokens, reused: result.reusedTokens, generated: result.generatedTokens }, { text: "return", stop: "end", prompt: 100, evaluated: 10, reused: 90, generated: 2 });
        } finally {
            await server.close();
        }
    });

    it("drops the answer's start when the server repeats it, and only then", async () => {
        const repeated = await streaming([piece("```t"), piece("s\nconst"), piece(" b = 1;")]);
        const fresh = await streaming([piece("const"), piece(" b")]);
        try {
            assert.equal((await run(repeated, {}, "```ts\n")).text, "const b = 1;");
            const shown: string[] = [];
            assert.equal((await run(fresh, { onText: (text) => shown.push(text) < 0 }, "```ts\n")).text, "const b");
            assert.deepEqual(shown, ["const", "const b"]);
        } finally {
            await repeated.close();
            await fresh.close();
        }
    });

    it("stops at a stop text, and hangs up when the caller has what it wants", async () => {
        const stopped = await streaming([piece("abc<|end"), piece("oftext|>def")]);
        const endless = await streaming([piece("x"), piece("\n"), piece("y")], { end: false });
        try {
            const atStop = await run(stopped, { stopTexts: ["<|endoftext|>"] });
            assert.deepEqual([atStop.text, atStop.stop], ["abc", "stopText"]);
            const done = await run(endless, { onText: (text) => text.includes("\n") });
            assert.deepEqual([done.text, done.stop], ["x\n", "callback"]);
            // The connection is closed, so the server stops generating.
            await until("the server to see the connection closed", () => (endless.state.closedEarly ? true : undefined), 5000, 5);
        } finally {
            await stopped.close();
            await endless.close();
        }
    });

    it("fails with what was shown when the caller aborts", async () => {
        const endless = await streaming([piece("par"), piece("tial")], { end: false });
        try {
            const abort = new AbortController();
            const generation = run(endless, { signal: abort.signal, onText: (text) => {
                if (text === "partial") abort.abort(new Error("superseded"));
                return false;
            } });
            await assert.rejects(generation, (error: unknown) => error instanceof GenerationAbortedError && error.partial.text === "partial" && (error.reason as Error).message === "superseded");
        } finally {
            await endless.close();
        }
    });
});
