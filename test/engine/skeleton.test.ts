import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { ensureModel } from "../model/cache";
import { brokenModels, completionParams, settingsFor, startEngine, tinyModel } from "./fixtures";
import { debugEnv, LspClient, RpcResponseError } from "./lspClient";

const source = "export function add(a: number, b: number): number {\n    return a + b;\n}\n\nexport function multiply(a: number, b: number): number {\n    ";

interface Item { insertText: string; range?: unknown }
type ItemList = Item[] | { items: Item[] } | null;
const itemsOf = (list: ItemList): Item[] => (list === null ? [] : Array.isArray(list) ? list : list.items);

async function completeOnce(client: LspClient, uri: string, text: string): Promise<Item[]> {
    const lines = text.split("\n");
    return itemsOf(await client.call<ItemList>("textDocument/inlineCompletion", completionParams(uri, lines.length - 1, lines.at(-1)!.length)));
}

describe("engine over plain LSP on stdio", () => {
    let model: string;
    let client: LspClient;

    before(async () => {
        model = await tinyModel();
        client = await startEngine(settingsFor(model), { completionFixedTokens: 8 });
    });
    after(async () => client?.stop());

    it("announces incremental sync and inline completion, and no test knobs", async () => {
        const probe = new LspClient({ [Object.keys(debugEnv)[0]]: "" });
        const result = (await probe.initialize(settingsFor(model))) as { capabilities: { textDocumentSync: { change: number }; inlineCompletionProvider: unknown } };
        assert.equal(result.capabilities.textDocumentSync.change, 2);
        assert.ok(result.capabilities.inlineCompletionProvider);
        await assert.rejects(probe.configureDebug({ completionFixedTokens: 8 }), (e: RpcResponseError) => e.code === -32601, "MethodNotFound without HEARTH_ENGINE_DEBUG=1");
        await probe.stop();
    });

    it("reports the loaded model and the CPU backend", async () => {
        const status = await client.call<{ state: string; model: string; backend: string; contextSize: number }>("hearth/status/get");
        assert.equal(status.state, "ready");
        assert.match(status.model, /\.gguf$/);
        assert.equal(status.backend, "CPU");
        assert.equal(status.contextSize, 2048);
    });

    it("answers an inline completion with a non-empty item from the model", async () => {
        const uri = "file:///work/math.ts";
        client.open(uri, source);
        const items = await completeOnce(client, uri, source);
        assert.equal(items.length, 1);
        assert.ok(items[0].insertText.length > 0);
        const stats = await client.waitForNotification<{ generatedTokens: number; promptTokens: number }>("hearth/completion/didFinish");
        assert.equal(stats.generatedTokens, 8);
        assert.ok(stats.promptTokens > 20);
    });

    it("follows incremental edits", async () => {
        const uri = "file:///work/edit.ts";
        client.open(uri, "const a = 1;\n");
        client.notify("textDocument/didChange", {
            textDocument: { uri, version: 2 },
            contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: "const b = a +" }]
        });
        const items = itemsOf(await client.call<ItemList>("textDocument/inlineCompletion", completionParams(uri, 1, 13)));
        assert.equal(items.length, 1);
        // Line 1 exists only if the change was applied.
        await assert.rejects(client.call("textDocument/inlineCompletion", completionParams(uri, 1, 14)), (e: RpcResponseError) => e.code === -32904);
    });

    it("honours $/cancelRequest and then serves the next request", async () => {
        const uri = "file:///work/cancel.ts";
        const text = `${"// filler line to make the prompt longer\n".repeat(60)}function f() {\n    `;
        client.open(uri, text);
        // A long generation, so the cancellation surely lands while the model works.
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(model, { completion: { maxTokens: 1000 } }) } });
        await client.configureDebug({ completionFixedTokens: 1000 });
        const from = client.notifications.length;
        const pending = client.request<ItemList>("textDocument/inlineCompletion", completionParams(uri, 61, 4));
        client.cancel(pending.id);
        await assert.rejects(pending.result, (error: RpcResponseError) => error.code === -32800);
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(model) } });
        await client.configureDebug({ completionFixedTokens: 8 });
        await completeOnce(client, uri, text);
        const stats = await client.waitForNotification<{ generatedTokens: number }>("hearth/completion/didFinish", () => true, from);
        assert.equal(stats.generatedTokens, 8, "the cancelled request sent no stats; the next one ran on the model");
    });

    it("rejects an unknown document, a position out of range and malformed params, then keeps serving", async () => {
        const reject = (params: unknown, code: number) =>
            assert.rejects(client.call("textDocument/inlineCompletion", params), (e: RpcResponseError) => {
                assert.equal(e.code, code, e.message);
                assert.ok(e.message.length > 10);
                return true;
            });
        await reject(completionParams("file:///nowhere.ts", 0, 0), -32903);
        const uri = "file:///work/bounds.ts";
        client.open(uri, "one line\n");
        await reject(completionParams(uri, 5, 0), -32904);
        await reject(completionParams(uri, 0, 99), -32904);
        await reject({ textDocument: 42 }, -32602);
        await reject(null, -32602);
        client.sendRaw("Content-Length: 9\r\n\r\n{not json");
        client.notify("textDocument/didChange", { nonsense: true });
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: { model: 7, completion: { maxTokens: "many" } } } });
        await assert.rejects(client.configureDebug({ completionFixedTokens: -8 }), (e: RpcResponseError) => e.code === -32602 && /completionFixedTokens must be/.test(e.message));
        assert.equal((await completeOnce(client, "file:///work/math.ts", source)).length, 1);
        const warning = await client.waitForLog(/hearth\.model must be an object/);
        assert.equal(warning.type, 2, "a settings problem is logged as a warning");
        assert.doesNotMatch(client.stderr, /hearth\.model must be an object/, "the log goes over LSP, not stderr");
    });
});

describe("engine with bad models", () => {
    let client: LspClient;
    let broken: Record<string, string>;
    let good: string;

    before(async () => {
        good = await tinyModel();
        broken = await brokenModels();
        client = new LspClient(debugEnv);
        await client.start(settingsFor(good));
        await client.configureDebug({ completionFixedTokens: 4 });
    });
    after(async () => client?.stop());

    const cases: Array<[string, RegExp]> = [
        ["missing", /does not exist/],
        ["directory", /is not a file/],
        ["notGguf", /not a GGUF model file/],
        ["truncated", /damaged or incomplete/],
        ["unknownArch", /architecture "hearthnet"/]
    ];

    for (const [name, expected] of cases) {
        it(`refuses a ${name} model file, says why, and keeps serving the loaded model`, async () => {
            const from = client.notifications.length;
            client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(broken[name]) } });
            const shown = await client.waitForNotification<{ type: number; message: string }>("window/showMessage", (m) => expected.test(m.message), from);
            assert.equal(shown.type, 1);
            const status = await client.waitForNotification<{ state: string; note?: string; path: string }>("hearth/status/didChange", (s) => s.state === "ready" && expected.test(s.note ?? ""), from);
            assert.equal(status.path, good);
            const uri = `file:///work/${name}.ts`;
            client.open(uri, source);
            assert.equal((await completeOnce(client, uri, source)).length, 1);
            client.notify("textDocument/didClose", { textDocument: { uri } });
        });
    }

    it("explains a model that fails to load when no other model is loaded", async () => {
        const fresh = new LspClient(debugEnv);
        const status = await fresh.start(settingsFor(broken.unknownArch));
        assert.equal(status.state, "error");
        assert.match(status.message ?? "", /architecture "hearthnet"/);
        const uri = "file:///work/fresh.ts";
        fresh.open(uri, source);
        await assert.rejects(completeOnce(fresh, uri, source), (e: RpcResponseError) => e.code === -32901 && /hearthnet/.test(e.message));
        await fresh.stop();
    });

    it("says once that a model without FIM tokens cannot complete, and answers with no items", async () => {
        const noFim = await ensureModel({ preset: "tiny", fim: "none" });
        const from = client.notifications.length;
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(noFim) } });
        await client.waitForNotification<{ state: string; path?: string }>("hearth/status/didChange", (s) => s.state === "ready" && s.path === noFim, from);
        const uri = "file:///work/nofim.ts";
        client.open(uri, source);
        assert.equal((await completeOnce(client, uri, source)).length, 0);
        assert.equal((await completeOnce(client, uri, source)).length, 0);
        const messages = client.notifications.slice(from).filter((m) => m.method === "window/showMessage" && /fill-in-the-middle/.test((m.params as { message: string }).message));
        assert.equal(messages.length, 1);
    });

    it("answers with a clear error when no model is configured", async () => {
        const from = client.notifications.length;
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor("") } });
        await client.waitForNotification<{ state: string }>("hearth/status/didChange", (s) => s.state === "noModel", from);
        const uri = "file:///work/none.ts";
        client.open(uri, source);
        await assert.rejects(completeOnce(client, uri, source), (e: RpcResponseError) => e.code === -32900 && /hearth\.model\.path/.test(e.message));
    });
});

describe("engine log", () => {
    const cases: Array<[string, string, boolean]> = [
        ["without HEARTH_LOG", "", false],
        ["with HEARTH_LOG=debug", "debug", true]
    ];
    for (const [name, level, debug] of cases) {
        it(`goes over window/logMessage at each line's level, ${name}`, async () => {
            const client = new LspClient({ HEARTH_LOG: level });
            assert.equal((await client.start(settingsFor(await tinyModel()))).state, "ready");
            // The engine logs its shutdown at debug level, before it answers.
            await client.call("shutdown");
            assert.match(client.logMessages[0]?.message ?? "", /^Hearth \d+\.\d+\.\d+\S* engine \(Node v[\d.]+, pid \d+\) for plain-lsp-client$/, "the first line names Hearth's version");
            const types = new Set(client.logMessages.map((m) => m.type));
            assert.ok(types.has(3), "info lines arrive as MessageType.Info");
            assert.equal(types.has(5), debug, "debug lines arrive as MessageType.Debug only when asked for");
            // Native libraries may print to stderr; the engine's own lines (see engine/log.ts) must not be there.
            assert.doesNotMatch(client.stderr, /^\[\d\d:\d\d:\d\d\.\d{3}\] (error|warn|info|debug) /m);
            client.notify("exit");
            await client.exitCode;
        });
    }
});

describe("engine lifetime", () => {
    it("exits cleanly on shutdown and exit", async () => {
        const client = await startEngine(settingsFor(await tinyModel()));
        await client.call("shutdown");
        client.notify("exit");
        assert.equal(await client.exitCode, 0);
    });

    it("exits when its parent process is gone", async () => {
        const parent = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
        const client = new LspClient();
        await client.call("initialize", { processId: parent.pid, rootUri: null, capabilities: {}, initializationOptions: settingsFor(await tinyModel()) });
        client.notify("initialized", {});
        await client.call("hearth/status/get");
        assert.equal(client.process.exitCode, null, "running while its parent lives");
        parent.kill("SIGKILL");
        assert.equal(await client.exitCode, 1, "exited on its own, without a shutdown request: code 1, as LSP asks");
        assert.equal(client.process.signalCode, null, "not killed by a signal");
    });
});
