// Completions, chats and refactors on a real llama-server with the generated models: the engine runs no model of
// its own, keeps the server's prompt cache warm, and closes the connection of every superseded or stopped request.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ensureModel } from "../model/cache";
import { LlamaServerProcess, llamaServerForTests, llamaServerMetrics } from "../support/llamaServer";
import { until } from "../support/until";
import { startEngine } from "./fixtures";
import { debugEnv, LspClient, type RpcResponseError } from "./lspClient";
import { itemsOf, TypedDocument } from "./typedDocument";

interface RoleStatus { backend: string; server?: string; model?: string; latencyMs?: number; problem?: string }
interface Status { state: string; model?: string; roles?: { completion: RoleStatus; chat: RoleStatus } }
interface ChatResult { text: string; stopReason: string; stats: { promptTokens: number; evaluatedTokens: number; reusedTokens: number; generatedTokens: number } }
interface RefactorResult { text: string; code: string; finishReason: string; generatedTokens: number }

const llamaServer = llamaServerForTests();
const header = `import { readFile } from "node:fs/promises";\n\nexport interface Options {\n    name: string;\n    retries: number;\n}\n\n`;
const footer = `\n\nexport function main(): void {\n    console.log("done");\n}\n`;

/** Both roles on the server at `url`, as `kind`. */
function onServer(kind: string, url: string, extra: object = {}) {
    return { completion: { backend: kind, server: { url }, maxTokens: 8 }, chat: { backend: kind, server: { url }, temperature: 0, contextSize: 4096 }, ...extra };
}

/** What llama-server logs when a client closes the connection of a request it is generating for. */
const cancelledTask = /cancel task/;

const status = (client: LspClient) => client.call<Status>("hearth/status/get");

describe("roles on llama-server", { skip: llamaServer.skip }, () => {
    let server: LlamaServerProcess;
    let client: LspClient;

    before(async () => {
        server = await LlamaServerProcess.start(llamaServer.path!, await ensureModel("tiny"), ["-c", "8192", "-np", "2", "-t", "1", "--metrics"]);
        client = await startEngine(onServer("llama-server", server.url), { completionFixedTokens: 6 });
    });
    after(async () => {
        await client?.stop();
        await server?.stop();
    });

    it("loads no model of its own, and says who serves each role", async () => {
        const ready = await until("both roles to know their model", async () => {
            const now = await status(client);
            return now.roles?.completion.model && now.roles.chat.model ? now : undefined;
        });
        assert.equal(ready.state, "ready");
        assert.equal(ready.model, undefined, "no local model");
        for (const role of [ready.roles!.completion, ready.roles!.chat]) {
            assert.deepEqual({ backend: role.backend, server: role.server, problem: role.problem }, { backend: "llama-server", server: server.url, problem: undefined });
            assert.match(role.model!, /^tiny-\w+\.gguf$/, "named by its file, as llama-server names it");
            assert.equal(typeof role.latencyMs, "number");
        }
        assert.ok(!client.logMessages.some((m) => /^loaded /.test(m.message)), "nothing was loaded in the engine");
        assert.ok(client.logMessages.some((m) => /completion server http:\/\/127\.0\.0\.1:\d+: llama-server, model tiny-\w+\.gguf, context 4096, FIM qwen/.test(m.message)));
    });

    it("completes with the FIM prompt laid out so that the server's prompt cache keeps all but the typed tokens", async () => {
        const doc = new TypedDocument(client, "file:///work/server-reuse.ts", header + footer, header.length);
        doc.type("export function load(");
        const first = await doc.complete();
        assert.equal(first.items.length, 1);
        assert.equal(first.stats.generatedTokens, 6);
        assert.equal(first.stats.evaluatedTokens + first.stats.reusedTokens, first.stats.promptTokens);
        let checked = 0;
        for (const text of ["path", ": string", ") {\n    "]) {
            doc.type(text);
            const next = await doc.complete();
            if (next.stats.cacheHit) continue;
            checked++;
            assert.ok(next.stats.evaluatedTokens <= text.length + 2, `typing ${JSON.stringify(text)} made the server evaluate ${next.stats.evaluatedTokens} tokens`);
            assert.ok(next.stats.reusedTokens >= first.stats.promptTokens - 2, `${next.stats.reusedTokens} of ${next.stats.promptTokens} reused`);
        }
        assert.ok(checked > 0, "at least one keystroke reached the server");
    });

    it("has the server evaluate the place where the cursor rests, so the first keystroke there costs only itself", async () => {
        const rested = new LspClient({ ...debugEnv, HEARTH_LOG: "debug" });
        try {
            await rested.start(onServer("llama-server", server.url));
            await rested.configureDebug({ completionFixedTokens: 6 });
            const body = Array.from({ length: 120 }, (_, i) => `    const value${i} = compute(${i}, "rested");`).join("\n");
            const text = `export function rested() {\n${body}\n    \n}\n`;
            const doc = new TypedDocument(rested, "file:///work/server-rested.ts", text, text.lastIndexOf("    \n}") + 4);
            const from = rested.notifications.length;
            rested.notify("hearth/cursor/didSettle", { textDocument: { uri: doc.uri }, position: doc.position() });
            await rested.waitForNotification<{ message: string }>("window/logMessage", (m) => /warmed the wide layout/.test(m.message), from);
            doc.type("x");
            const first = await doc.complete();
            assert.ok(first.stats.promptTokens > 300, `the wide layout: ${first.stats.promptTokens} tokens`);
            assert.ok(first.stats.evaluatedTokens <= 4, `evaluated ${first.stats.evaluatedTokens} of ${first.stats.promptTokens} tokens`);
        } finally {
            await rested.stop();
        }
    });

    it("closes a superseded completion's request, so the server stops generating it", async () => {
        await client.configureDebug({ completionFixedTokens: 1000 });
        try {
            const doc = new TypedDocument(client, "file:///work/server-supersede.ts", header + footer, header.length);
            const cancelledBefore = server.count(cancelledTask);
            doc.type("const first = ");
            const superseded = doc.request();
            await until("the server to generate the first request", async () => ((await llamaServerMetrics(server.url)).processing > 0 ? true : undefined), 30_000, 5);
            doc.type("1");
            const latest = await doc.request().result;
            assert.deepEqual(itemsOf(await superseded.result), [], "the superseded request answers nothing");
            assert.equal(itemsOf(latest).length, 1);
            await until("llama-server to cancel the superseded request's task", () => (server.count(cancelledTask) > cancelledBefore ? true : undefined));
        } finally {
            await client.configureDebug({ completionFixedTokens: 6 });
        }
    });

    it("streams a chat answer, and a follow-up reuses the server's cache of the conversation", async () => {
        const first = [{ role: "user", text: "What does a rate limiter do? Explain it for a new team member." }];
        const turn1 = client.stream<ChatResult, { text: string }>("hearth/chat/send", { messages: first, maxTokens: 12 });
        const r1 = await turn1.result;
        await status(client);
        assert.ok(turn1.progress().filter((d) => d.text !== "").length >= 2, "the answer streamed in pieces");
        assert.equal(turn1.progress().map((d) => d.text).join(""), r1.text);
        assert.ok(r1.stats.generatedTokens > 0);
        const second = [...first, { role: "assistant", text: r1.text }, { role: "user", text: "And a token bucket?" }];
        const r2 = await client.call<ChatResult>("hearth/chat/send", { messages: second, maxTokens: 4 });
        assert.ok(r2.stats.reusedTokens >= r1.stats.promptTokens - 4, `${r2.stats.reusedTokens} reused of the first ${r1.stats.promptTokens}`);
        assert.ok(r2.stats.evaluatedTokens < r2.stats.promptTokens / 2);
    });

    it("stops a refactor the moment it is cancelled: the server stops generating too", async () => {
        await client.configureDebug({ refactorIgnoresEndOfText: true });
        try {
            const before = await llamaServerMetrics(server.url);
            const cancelledBefore = server.count(cancelledTask);
            const proposal = client.stream<RefactorResult, { text: string }>("hearth/refactor/run", { command: "edit", code: "const a = 1;", languageId: "typescript", instruction: "rename a to b", maxTokens: 3000 });
            await proposal.waitForProgress((delta) => delta.text !== "");
            client.cancel(proposal.id);
            await proposal.result.catch((error: RpcResponseError) => assert.equal(error.code, -32800));
            await until("llama-server to cancel the task", () => (server.count(cancelledTask) > cancelledBefore ? true : undefined));
            const settled = await until("the server to stop", async () => {
                const now = await llamaServerMetrics(server.url);
                return now.processing === 0 ? now : undefined;
            });
            const generated = settled.predicted - before.predicted;
            assert.ok(generated < 3000, `the server generated ${generated} of 3000 tokens`);
        } finally {
            await client.configureDebug({ refactorIgnoresEndOfText: false });
        }
    });

    it("proposes a refactor from the server's answer, its code inside the fence Hearth opened", async () => {
        const result = await client.call<RefactorResult>("hearth/refactor/run", { command: "edit", code: "const a = 1;", languageId: "typescript", fileName: "a.ts", instruction: "rename a to b", maxTokens: 12 });
        assert.ok(result.text.startsWith("```ts\n"), JSON.stringify(result.text.slice(0, 20)));
        assert.ok(!result.text.slice(6).startsWith("```ts\n"), "the fence is not repeated when the server repeats the answer's start");
        assert.ok(result.generatedTokens > 0);
        assert.ok(!result.code.includes("```"));
    });

    it("serves the same through the OpenAI-compatible endpoints vLLM also serves", async () => {
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: onServer("openai", `${server.url}/v1`) } });
        await until("the openai backend", async () => ((await status(client)).roles?.chat.backend === "openai" ? true : undefined));
        const doc = new TypedDocument(client, "file:///work/server-openai.ts", header + footer, header.length);
        doc.type("const limit = ");
        const completion = await doc.complete();
        assert.equal(completion.items.length, 1);
        assert.equal(completion.stats.generatedTokens, 6);
        // Keystrokes reuse what the server cached for the one before. Not each of them: on this server, busy as the
        // test types far faster than it answers, nothing is warmed ahead, the next keystroke may move to the wider
        // layout, and without a slot to name (OpenAI's API has none) llama-server may pick its other slot.
        const seen: string[] = [];
        let previous = completion.stats.promptTokens;
        let reused = false;
        for (const key of "4242") {
            doc.type(key);
            const { stats } = await doc.complete();
            seen.push(stats.cacheHit ? "a result cache hit" : `${stats.reusedTokens} of ${stats.promptTokens}`);
            if (!stats.cacheHit && stats.reusedTokens > previous / 2) {
                reused = true;
                break;
            }
            previous = stats.promptTokens;
        }
        assert.ok(reused || seen.every((each) => each === "a result cache hit"), `the server's cache, keystroke by keystroke: ${seen.join(", ")} prompt tokens reused`);
        const chat = await client.call<ChatResult>("hearth/chat/send", { messages: [{ role: "user", text: "Hello?" }], maxTokens: 6 });
        assert.ok(chat.stats.generatedTokens > 0 && chat.stats.promptTokens > 5);
        const refactor = await client.call<RefactorResult>("hearth/refactor/run", { command: "edit", code: "const a = 1;", languageId: "typescript", instruction: "rename a to b", maxTokens: 8 });
        assert.ok(refactor.text.startsWith("```ts\n") && !refactor.text.slice(6).startsWith("```ts\n"));
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: onServer("llama-server", server.url) } });
    });
});

describe("a llama-server that needs an API key, and one whose model cannot fill in the middle", { skip: llamaServer.skip }, () => {
    const servers: LlamaServerProcess[] = [];
    let client: LspClient;

    after(async () => {
        await client?.stop();
        for (const server of servers) await server.stop();
    });

    it("is refused without the key, and served once the editor hands it over", async () => {
        const key = "team-key-5f1c";
        const server = await LlamaServerProcess.start(llamaServer.path!, await ensureModel("tiny"), ["-c", "2048", "-t", "1", "--api-key", key]);
        servers.push(server);
        client = await startEngine(onServer("llama-server", server.url));
        const problem = await until("the check to be refused", async () => (await status(client)).roles?.chat.problem);
        assert.match(problem, /refused Hearth \(401\).*Set its API key with "Hearth: Set Server API Key…"/);
        await assert.rejects(client.call("hearth/chat/send", { messages: [{ role: "user", text: "Hi" }], maxTokens: 2 }), (error: RpcResponseError) => error.code === -32921);
        await client.call("hearth/serverKeys/set", { apiKeys: { [server.url]: key } });
        assert.equal((await status(client)).roles?.chat.problem, undefined, "checked again with the key");
        const answer = await client.call<ChatResult>("hearth/chat/send", { messages: [{ role: "user", text: "Hi" }], maxTokens: 2 });
        assert.ok(answer.stats.generatedTokens > 0);
        assert.ok(!client.logMessages.some((m) => m.message.includes(key)));
    });

    it("offers no completion from a model without FIM tokens, and says why", async () => {
        const server = await LlamaServerProcess.start(llamaServer.path!, await ensureModel({ preset: "tiny", fim: "none" }), ["-c", "2048", "-t", "1"]);
        servers.push(server);
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: onServer("llama-server", server.url) } });
        const problem = await until("the completion role's problem", async () => (await status(client)).roles?.completion.problem);
        assert.match(problem, /^tiny-\w+\.gguf on http:\/\/127\.0\.0\.1:\d+ has no fill-in-the-middle tokens Hearth knows, so it cannot offer inline completions\./);
        const doc = new TypedDocument(client, "file:///work/no-fim.ts", "const a = \n", 10);
        assert.deepEqual(itemsOf(await doc.request().result), []);
        assert.equal((await status(client)).roles?.chat.problem, undefined, "chat works on it");
    });
});
