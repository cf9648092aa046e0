// The fault suite: a corpus of damaged copies of the tiny model, each loaded through hearth.model.path and all of them
// listed through hearth/models/list, and the files of a loaded completion or chat model truncated under the engine.
// Not one may end the engine.
import assert from "node:assert/strict";
import { copyFile, rm, truncate } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { LocalModel } from "../../engine/protocol";
import { damagedModels, type DamagedModel } from "../model/damaged";
import { completionParams, scratchDir, settingsFor, startEngine, tinyModel } from "./fixtures";
import { ensureModel } from "../model/cache";
import { debugEnv, LspClient, type RpcResponseError } from "./lspClient";

const source = "export function add(a: number, b: number): number {\n    ";

interface Status { state: string; path?: string; message?: string; note?: string }
interface Shown { type: number; message: string }

describe("damaged model files", () => {
    let client: LspClient;
    let directory: string;
    let corpus: DamagedModel[];

    before(async () => {
        directory = await scratchDir();
        corpus = await damagedModels(directory, await tinyModel());
        client = await startEngine(settingsFor(await tinyModel()), { completionFixedTokens: 4 });
    });
    after(async () => {
        await client?.stop();
        await rm(directory, { recursive: true, force: true });
    });

    it("the corpus holds at least 50 damaged files", () => {
        assert.ok(corpus.length >= 50, `${corpus.length} files`);
    });

    it("loads each through hearth.model.path without the engine dying: each is refused with a reason, or loads", async () => {
        const outcomes = { refused: 0, loaded: 0 };
        for (const { name, path } of corpus) {
            const from = client.notifications.length;
            client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(path) } });
            const file = `${name}.gguf`;
            const refusal = client.waitForNotification<Shown>("window/showMessage", (m) => m.type === 1 && m.message.includes(file), from);
            const loaded = client.waitForNotification<Status>("hearth/status/didChange", (s) => s.state === "ready" && s.path === path, from);
            const outcome = await Promise.race([refusal.then((m) => ({ refused: m.message })), loaded.then(() => ({ refused: undefined }))]);
            if (outcome.refused) {
                assert.match(outcome.refused, /Download it again|Choose a \.gguf model file|choose another model|Choose another model/, `${name}: says what to do`);
                outcomes.refused++;
            } else outcomes.loaded++;
            assert.equal(client.process.exitCode, null, `the engine survives ${name}`);
        }
        // Every model is settled before the next test: the status answers, and a completion gets an answer or a reason.
        const status = await client.call<Status>("hearth/status/get");
        assert.ok(["ready", "loading", "error"].includes(status.state));
        assert.ok(outcomes.refused >= 50, JSON.stringify(outcomes));
    });

    it("lists the folder that holds them all, with a problem for each refused file", async () => {
        const { models } = await client.call<{ models: LocalModel[] }>("hearth/models/list", { directory });
        assert.equal(models.length, corpus.length);
        const problems = models.filter((m) => m.problem);
        assert.ok(problems.length >= 50, `${problems.length} problems`);
        for (const model of problems) assert.match(model.problem!, new RegExp(model.fileName.replace(/[.]/g, "\\.")), "the problem names the file");
        assert.equal(client.process.exitCode, null);
    });
});

describe("a loaded model's file changed on disk", () => {
    let client: LspClient;
    let directory: string;
    let path: string;

    before(async () => {
        directory = await scratchDir();
        path = join(directory, "model.gguf");
        await copyFile(await tinyModel(), path);
        client = await startEngine(settingsFor(path), { completionFixedTokens: 4 });
        // The engine times the model once it loads; the file is changed between evaluations, not during one.
        await client.waitForLog(/completion model speed on this machine/);
    });
    after(async () => {
        await client?.stop();
        await rm(directory, { recursive: true, force: true });
    });

    it("is unloaded instead of read past its end, and loads again when the settings are sent after the copy", async () => {
        const uri = "file:///work/truncated.ts";
        client.open(uri, source);
        const complete = () => client.call("textDocument/inlineCompletion", completionParams(uri, 1, 4));
        // What `cp other.gguf model.gguf` does first, here between two keystrokes. (A truncation during an evaluation
        // still kills the process: llama.cpp reads the weights through a memory map.)
        await truncate(path, 100_000);
        await assert.rejects(complete(), (e: RpcResponseError) => e.code === -32901 && /model\.gguf is damaged or incomplete/.test(e.message));
        assert.equal(client.process.exitCode, null);
        const from = client.notifications.length;
        await copyFile(await tinyModel(), path);
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(path) } });
        await client.waitForNotification<Status>("hearth/status/didChange", (s) => s.state === "ready", from);
        await complete();
    });
});

describe("a loaded model's file truncated during an evaluation", () => {
    let directory: string;
    let path: string;
    let original: string;
    const clients: LspClient[] = [];

    before(async () => {
        directory = await scratchDir();
        path = join(directory, "model.gguf");
        // Large enough that a long completion is still generating when the file is truncated.
        original = await ensureModel({ preset: "tiny", hidden: 256, ffn: 1024, layers: 4, vocabSize: 32000 });
        await copyFile(original, path);
    });
    after(async () => {
        await Promise.all(clients.map((client) => client.stop()));
        await rm(directory, { recursive: true, force: true });
    });

    it("ends that engine (llama.cpp reads the weights through a memory map), and the next one says why and loads the whole file", async () => {
        const first = new LspClient(debugEnv);
        clients.push(first);
        assert.equal((await first.start(settingsFor(path, { completion: { maxTokens: 1024 } }))).state, "ready");
        await first.waitForLog(/completion model speed on this machine/);
        await first.configureDebug({ completionFixedTokens: 1024 });
        const exit = new Promise<NodeJS.Signals | null>((resolve) => first.process.once("exit", (_code, signal) => resolve(signal)));
        const uri = "file:///work/long.ts";
        first.open(uri, source);
        let answered = false;
        void first.call("textDocument/inlineCompletion", completionParams(uri, 1, 4)).then(() => (answered = true), () => undefined);
        await new Promise((resolve) => setTimeout(resolve, 150));
        assert.equal(answered, false, "the completion is still being generated");
        // What `cp other.gguf model.gguf` does first.
        await truncate(path, 100_000);
        assert.equal(await exit, "SIGBUS");

        // The client starts the next engine while the copy is still being written.
        const next = new LspClient(debugEnv, first.stateDir);
        clients.push(next);
        const status = await next.start(settingsFor(path));
        assert.equal(status.state, "error");
        assert.match(status.message ?? "", /model\.gguf is damaged or incomplete/);
        const shown = await next.waitForNotification<Shown>("window/showMessage", (m) => m.type === 2);
        assert.match(shown.message, /^Hearth's engine stopped because model\.gguf changed on disk while loaded \(\d+ bytes, now 100000\): llama\.cpp reads a model from its file while it runs\. Hearth loads it again once the new file is complete\./);
        next.open(uri, source);
        await assert.rejects(next.call("textDocument/inlineCompletion", completionParams(uri, 1, 4)), (e: RpcResponseError) => e.code === -32901);
        const refusals = () => next.notifications.filter((m) => m.method === "window/showMessage" && (m.params as Shown).type === 1).length;
        assert.equal(refusals(), 1, "a request while the file is unchanged does not try it again");
        // The copy goes on: the file changed, so the next request tries it again, and is refused without a new message.
        await truncate(path, 200_000);
        await assert.rejects(next.call("textDocument/inlineCompletion", completionParams(uri, 1, 4)), (e: RpcResponseError) => e.code === -32901 && /200000|bytes follow/.test(e.message));
        assert.equal(refusals(), 1, "a copy still being written is not announced at every keystroke");

        // The copy completes: the next keystroke loads it and is answered.
        await copyFile(original, path);
        await next.call("textDocument/inlineCompletion", completionParams(uri, 1, 4));
        assert.equal((await next.call<Status>("hearth/status/get")).state, "ready");
        assert.equal(refusals(), 1);
        await next.waitForLog(/model\.gguf changed on disk since it failed to load: loading it again/);
    });
});

describe("the separate chat model's file changed on disk", () => {
    let client: LspClient;
    let directory: string;
    let chatModel: string;
    const ask = () => client.call<{ text: string }>("hearth/chat/send", { messages: [{ role: "user", text: "Say something." }], maxTokens: 4 });

    before(async () => {
        directory = await scratchDir();
        chatModel = join(directory, "chat.gguf");
        await copyFile(await tinyModel(), chatModel);
        client = await startEngine(settingsFor(await tinyModel(), { chat: { model: { path: chatModel }, contextSize: 1024 } }));
    });
    after(async () => {
        await client?.stop();
        await rm(directory, { recursive: true, force: true });
    });

    it("is unloaded before its next answer instead of read past its end, and serves again once the copy is whole", async () => {
        await ask();
        await truncate(chatModel, 100_000);
        await assert.rejects(ask(), (e: RpcResponseError) => e.code === -32901 && /hearth\.chat\.model\.path.*chat\.gguf is damaged or incomplete/.test(e.message));
        await client.waitForLog(/chat model: chat\.gguf changed on disk while loaded/);
        assert.equal(client.process.exitCode, null);
        await copyFile(await tinyModel(), chatModel);
        await ask();
    });
});
