// A model whose load ended the engine is not loaded again by the engine that replaces it: that one says which file
// and why, and loads it only when asked to (hearth/models/retryLoad). An engine that exits normally mid-load (its
// client went away) leaves nothing behind. The engines share one state folder, as an editor's restarts do.
import assert from "node:assert/strict";
import { copyFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { EngineErrorCode } from "../../engine/protocol";
import { completionParams, scratchDir, settingsFor, tinyModel } from "./fixtures";
import { debugEnv, LspClient, type RpcResponseError } from "./lspClient";
import { until } from "../support/until";

interface Status { state: string; path?: string; message?: string; endedEngine?: boolean }

/** An engine in `stateDir` that has begun loading `path` and pauses before llama.cpp reads it. */
async function engineMidLoad(stateDir: string, path: string): Promise<LspClient> {
    const client = new LspClient(debugEnv, stateDir);
    await client.start(settingsFor(""));
    await client.configureDebug({ modelLoadPauseMs: 120_000 });
    const from = client.notifications.length;
    client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(path) } });
    await client.waitForNotification<Status>("hearth/status/didChange", (s) => s.state === "loading" && s.path === path, from);
    // The marker is written once the native load is about to begin.
    await until(`the load marker in ${stateDir}`, async () => ((await readdir(stateDir)).some((name) => name.startsWith(`loading-${client.process.pid}-`)) ? true : undefined), 60_000);
    return client;
}

describe("a model whose load ended the engine", () => {
    let directory: string;
    let stateDir: string;
    let path: string;
    const clients: LspClient[] = [];

    before(async () => {
        directory = await scratchDir();
        stateDir = join(directory, "state");
        path = join(directory, "model.gguf");
        await copyFile(await tinyModel(), path);
    });
    after(async () => {
        for (const client of clients) await client.stop().catch(() => undefined);
        await rm(directory, { recursive: true, force: true });
    });

    it("loads as usual after an engine that exited normally during its load", async () => {
        const quitting = await engineMidLoad(stateDir, path);
        quitting.process.stdin!.end();
        assert.equal(await quitting.exitCode, 0);
        const next = new LspClient({}, stateDir);
        clients.push(next);
        assert.equal((await next.start(settingsFor(path))).state, "ready");
        await next.stop();
    });

    it("is refused by the next engine, which names the file and the way to load it anyway", async () => {
        const dying = await engineMidLoad(stateDir, path);
        dying.kill();
        await dying.exitCode;

        const next = new LspClient({}, stateDir);
        clients.push(next);
        const status = (await next.start(settingsFor(path))) as Status;
        assert.equal(status.state, "error");
        assert.equal(status.endedEngine, true);
        assert.match(status.message!, /Hearth did not load model\.gguf: loading it ended the engine .*Choose another model, or run "Hearth: Try Loading the Model Again"/);
        await next.waitForLog(/loading .*model\.gguf .*ended an engine/);
        const shown = await next.waitForNotification<{ message: string }>("window/showMessage");
        assert.match(shown.message, /model\.gguf/);
        next.open("file:///work/a.ts", "const a = ");
        await assert.rejects(next.call("textDocument/inlineCompletion", completionParams("file:///work/a.ts", 0, 10)), (e: RpcResponseError) => e.code === EngineErrorCode.ModelEndedEngine && /model\.gguf/.test(e.message));

        const from = next.notifications.length;
        assert.deepEqual(await next.call("hearth/models/retryLoad", { path }), { retried: true });
        await next.waitForNotification<Status>("hearth/status/didChange", (s) => s.state === "ready", from);
        assert.deepEqual(await next.call("hearth/models/retryLoad", { path }), { retried: false });
        await assert.rejects(next.call("hearth/models/retryLoad", { path: 7 }), (e: { code: number }) => e.code === -32602);
        await next.stop();

        const after = new LspClient({}, stateDir);
        clients.push(after);
        assert.equal((await after.start(settingsFor(path))).state, "ready", "the retry holds for later engines too");
    });
});
