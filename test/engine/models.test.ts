import assert from "node:assert/strict";
import { createServer } from "node:net";
import { createHash } from "node:crypto";
import { readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { AddressInfo } from "node:net";
import { catalog, type CatalogModel } from "../../engine/models/catalog";
import { engineCatalogEnv, type EngineStatus, type ModelDeleteResult, type ModelDownloadReport, type ModelDownloadResult, type ModelDownloadWorkDone, type ModelListResult, type ModelRecommendation } from "../../engine/protocol";
import { pickerEntries } from "../../src/models/pickerItems";
import { ensureModel } from "../model/cache";
import { completionParams, scratchDir } from "./fixtures";
import { debugEnv, LspClient, RpcResponseError } from "./lspClient";
import { ModelsHub } from "./modelsHub";

const repo = "hearth/Tiny-Coder-GGUF";
const uri = `hf:${repo}:Q8_0`;
const downloadFailed = -32910;
const downloadCorrupt = -32911;
const cancelled = -32800;

/** Big enough for several of the downloader's 5 MB chunks, so a cancelled download leaves some behind. */
function modelOfSeveralChunks(): Promise<string> {
    return ensureModel({ preset: "tiny", hidden: 256, ffn: 1024, layers: 4, vocabSize: 32000 });
}

async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

describe("models over plain LSP", () => {
    let hub: ModelsHub;
    let client: LspClient;
    let data: Buffer;
    let settings: { model: Record<string, unknown>; completion: Record<string, unknown> };
    /** Hearth's catalog with every file pinned to the test model: the engine runs with it in place of its own. */
    let pins: CatalogModel[];
    const folders: string[] = [];

    /** A fresh models folder, removed after the tests (each holds copies of a 25 MB model). */
    async function modelsFolder(): Promise<string> {
        const folder = await scratchDir();
        folders.push(folder);
        return join(folder, "models");
    }

    function configure(model: Record<string, unknown>): void {
        settings = { ...settings, model: { ...settings.model, ...model } };
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settings } });
    }

    /** Sends hearth/models/download with a work-done token; `reports` are the progress reports among what arrived on it. */
    function download(directory: string, modelUri = uri, extra: { allowUnverified?: boolean } = {}) {
        const pending = client.stream<ModelDownloadResult, ModelDownloadWorkDone>("hearth/models/download", { uri: modelUri, directory, ...extra }, "workDoneToken");
        const reports = () => pending.progress().filter((p): p is ModelDownloadReport => p.kind === "report");
        return { ...pending, reports };
    }

    async function rejection(promise: Promise<unknown>): Promise<RpcResponseError> {
        const error = await promise.then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof RpcResponseError, `expected an error response, got ${String(error)}`);
        return error;
    }

    before(async () => {
        data = await readFile(await modelOfSeveralChunks());
        hub = await ModelsHub.start();
        hub.addFile(repo, "tiny-coder-q8_0.gguf", data, { tag: "Q8_0" });
        const sha256 = createHash("sha256").update(data).digest("hex");
        pins = catalog.map((model) => ({ ...model, fileBytes: data.length, sha256 }));
        const catalogFile = join(await scratchDir(), "catalog.json");
        await writeFile(catalogFile, JSON.stringify(pins));
        settings = { model: { path: "", contextSize: 2048, threads: 2, huggingFaceEndpoint: hub.url }, completion: { maxTokens: 4 } };
        client = new LspClient({ ...debugEnv, [engineCatalogEnv]: catalogFile });
        const status = await client.start(settings);
        assert.equal(status.state, "noModel");
    });

    after(async () => {
        await client?.stop();
        await hub?.close();
        await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
    });

    it("reports the hardware it sees and how each catalog model fits it", async () => {
        const result = await client.call<ModelRecommendation>("hearth/models/recommend", { directory: await modelsFolder() });
        assert.equal(result.hardware.backend, "CPU");
        assert.ok(result.hardware.ramTotal > 0 && result.hardware.ramFree > 0 && result.hardware.cpuCores >= 1);
        assert.equal(result.candidates.length, 8);
        assert.ok(result.candidates.every((c) => c.gpuLayers === 0 && c.fitLabel !== ""));
        const recommended = result.candidates.find((c) => c.recommended);
        if (recommended) assert.ok(recommended.parameters <= 1.6e9, "CPU-only machines get at most 1.5B");
        assert.ok(result.reason.length > 0);
    });

    it("downloads with progress, verifies the file, lists it, and the picker offers it", async () => {
        const directory = await modelsFolder();
        const run = download(directory);
        const result = await run.result;
        assert.equal(result.sizeBytes, data.length);
        assert.equal(result.resumedBytes, 0);
        assert.equal(result.sha256Verified, true);
        assert.equal(result.quantization, "F16");
        assert.equal(result.pinned, undefined, "not a catalog model");
        assert.equal(basename(result.path), "hf_hearth_Tiny-Coder.Q8_0.gguf", "the name a catalog model downloaded by its tag got, which its pinned download keeps");
        assert.equal((await stat(result.path)).size, data.length);
        const kinds = run.progress().map((p) => p.kind);
        assert.equal(kinds[0], "begin");
        assert.equal(kinds.at(-1), "end");
        assert.equal(kinds.filter((k) => k !== "report").length, 2, "one begin and one end around the reports");
        const phases = run.reports().map((p) => p.phase);
        assert.equal(phases[0], "connecting");
        assert.ok(phases.includes("downloading"));
        assert.equal(phases.at(-1), "verifying");
        const downloading = run.reports().filter((p) => p.phase === "downloading");
        assert.ok(downloading.every((p) => p.totalBytes === data.length));
        assert.ok(downloading.at(-1)!.downloadedBytes > downloading[0].downloadedBytes, "the bytes grow");
        const percentages = run.reports().map((p) => p.percentage);
        assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), "the percentage only grows");
        assert.equal(percentages.at(-1), 100);

        const { models } = await client.call<ModelListResult>("hearth/models/list", { directory });
        assert.equal(models.length, 1);
        assert.equal(models[0].path, result.path);
        assert.equal(models[0].uri, uri);
        assert.equal(models[0].quantization, "F16");
        assert.equal(models[0].partial, undefined);
        const recommendation = await client.call<ModelRecommendation>("hearth/models/recommend", { directory });
        const entries = pickerEntries({ purpose: "completion", local: models, recommendation, currentPath: "", lastUsed: {}, now: Date.now() });
        assert.ok(entries.some((e) => e.action?.kind === "use" && e.action.path === result.path));

        hub.resetRequests();
        const again = await download(directory).result;
        assert.equal(again.path, result.path);
        assert.equal(hub.rangeBytes, 0, "a finished download is verified, not fetched again");
    });

    it("loads the downloaded model, reports its facts, unloads it when idle and loads it again on use", async () => {
        const directory = await modelsFolder();
        const { path } = await download(directory).result;
        const from = client.notifications.length;
        configure({ path });
        const ready = await client.waitForNotification<EngineStatus>("hearth/status/didChange", (s) => s.state === "ready" || s.state === "error", from);
        assert.equal(ready.state, "ready", ready.message);
        assert.equal(ready.path, path);
        assert.equal(ready.quantization, "F16");
        assert.ok((ready.ramBytes ?? 0) > data.length / 2, `memory ${ready.ramBytes}`);

        const idleFrom = client.notifications.length;
        configure({ unloadAfterMinutes: 0.01 });
        const idle = await client.waitForNotification<EngineStatus>("hearth/status/didChange", (s) => s.state === "idle", idleFrom);
        assert.match(idle.message ?? "", /unloaded after .* minutes without use/);
        const uriOfDoc = "file:///work/idle.ts";
        client.open(uriOfDoc, "function add(a: number, b: number) {\n    return ");
        const wakeFrom = client.notifications.length;
        await client.call("textDocument/inlineCompletion", completionParams(uriOfDoc, 1, 11));
        const reloading = await client.waitForNotification<EngineStatus>("hearth/status/didChange", (s) => s.state === "loading", wakeFrom);
        assert.match(reloading.note ?? "", /again after it was unloaded/);
        await client.waitForNotification<EngineStatus>("hearth/status/didChange", (s) => s.state === "ready", wakeFrom);
        const settle = client.notifications.length;
        configure({ unloadAfterMinutes: 0, path: "" });
        await client.waitForNotification<EngineStatus>("hearth/status/didChange", (s) => s.state === "noModel", settle);
    });

    it("a cancelled download keeps its partial file, and the next one fetches only the rest", async () => {
        const directory = await modelsFolder();
        const MiB = 1024 * 1024;
        hub.resetRequests();
        hub.holdAfter(17 * MiB);
        const first = download(directory);
        try {
            // Once the engine has nearly all the bytes let through, its first 5 MB chunks are on disk.
            await first.waitForProgress((p) => p.kind === "report" && p.downloadedBytes >= 16 * MiB);
            client.cancel(first.id);
            assert.equal((await rejection(first.result)).code, cancelled);
            assert.equal(first.progress().at(-1)?.kind, "end", "a cancelled download ends its work-done progress too");
        } finally {
            hub.resume();
        }
        assert.ok((await readdir(directory)).some((name) => name.endsWith(".ipull")), "the partial file stays");
        const { models } = await client.call<ModelListResult>("hearth/models/list", { directory });
        assert.equal(models[0].partial, true);
        assert.equal(models[0].uri, uri);

        hub.resetRequests();
        const second = await download(directory).result;
        assert.ok(second.resumedBytes >= 5 * 1024 * 1024, `resumed ${second.resumedBytes}`);
        // The downloader counts saved 5 MB chunks; the file's last chunk is shorter, so allow for one chunk.
        const missing = data.length - second.resumedBytes;
        assert.ok(hub.rangeBytes >= missing && hub.rangeBytes <= missing + 5 * MiB, `fetched ${hub.rangeBytes} of ${data.length}, resumed ${second.resumedBytes}`);
        assert.ok(hub.rangeBytes < data.length);
        assert.equal(second.sha256Verified, true);
    });

    it("a connection cut in the middle of the download is picked up again without starting over", async () => {
        const directory = await modelsFolder();
        hub.resetRequests();
        hub.dropAfter(8 * 1024 * 1024);
        const result = await download(directory).result;
        assert.equal(result.sha256Verified, true);
        assert.ok(hub.requests.filter((r) => r.range).length > 3, "the cut range was asked for again");
        assert.ok(hub.rangeBytes < 1.5 * data.length, `fetched ${hub.rangeBytes} for ${data.length}`);
    });

    it("rejects a file whose SHA-256 does not match the published one, and removes it", async () => {
        const damaged = Buffer.from(data);
        damaged[Math.floor(damaged.length / 2)] ^= 0xff;
        hub.addFile("hearth/Damaged-GGUF", "damaged-q8_0.gguf", damaged, { tag: "Q8_0", sha256: (await import("node:crypto")).createHash("sha256").update(data).digest("hex") });
        const directory = await modelsFolder();
        const error = await rejection(download(directory, "hf:hearth/Damaged-GGUF:Q8_0").result);
        assert.equal(error.code, downloadCorrupt);
        assert.match(error.message, /SHA-256 does not match/);
        assert.deepEqual((await readdir(directory)).filter((n) => n.endsWith(".gguf")), []);
    });

    it("rejects a truncated file and a file that is not GGUF", async () => {
        hub.addFile("hearth/Truncated-GGUF", "truncated-q8_0.gguf", data.subarray(0, Math.floor(data.length * 0.7)), { tag: "Q8_0", publishSha256: false });
        hub.addFile("hearth/Html-GGUF", "page-q8_0.gguf", Buffer.from("<!doctype html><title>Sign in</title>".repeat(50)), { tag: "Q8_0", publishSha256: false });
        const directory = await modelsFolder();
        const truncated = await rejection(download(directory, "hf:hearth/Truncated-GGUF:Q8_0", { allowUnverified: true }).result);
        assert.equal(truncated.code, downloadCorrupt);
        assert.match(truncated.message, /is truncated/);
        const html = await rejection(download(directory, "hf:hearth/Html-GGUF:Q8_0", { allowUnverified: true }).result);
        assert.equal(html.code, downloadCorrupt);
        assert.match(html.message, /not a GGUF model file/);
    });

    it("refuses a file whose server publishes no SHA-256 before fetching it, and downloads it once the user trusts the source", async () => {
        hub.addFile("hearth/Unverified-GGUF", "unverified-q8_0.gguf", data, { tag: "Q8_0", publishSha256: false });
        const directory = await modelsFolder();
        const fetched = () => hub.requests.filter((r) => r.method === "GET" && r.path.endsWith("/unverified-q8_0.gguf")).length;
        const refused = await rejection(download(directory, "hf:hearth/Unverified-GGUF:Q8_0").result);
        assert.equal(refused.code, -32912);
        assert.match(refused.message, /publishes no SHA-256 for hf:hearth\/Unverified-GGUF:Q8_0, so Hearth cannot check .* Download it only from a source you trust/);
        assert.equal(fetched(), 0, "not a byte of the file was fetched");
        assert.deepEqual((await readdir(directory).catch(() => [])).filter((n) => n.endsWith(".gguf")), [], "nothing was written");
        const trusted = await download(directory, "hf:hearth/Unverified-GGUF:Q8_0", { allowUnverified: true }).result;
        assert.equal(trusted.sha256Verified, false);
        assert.ok(fetched() > 0);
    });

    it("downloads a catalog model from its pinned commit and checks it against the pins, not against its server", async () => {
        const model = pins.find((m) => m.id === "qwen2.5-coder-0.5b-q8_0")!;
        // The server publishes nothing about the file: the pins are what verifies it.
        hub.addFile(model.repo, model.file, data, { revision: model.revision, publishSha256: false });
        const directory = await modelsFolder();
        hub.resetRequests();
        const result = await download(directory, model.uri).result;
        assert.equal(result.pinned, true);
        assert.equal(result.sha256Verified, true);
        assert.equal(basename(result.path), model.localFileName);
        assert.ok(hub.requests.length > 0 && hub.requests.every((r) => r.path === `/${model.repo}/resolve/${model.revision}/${model.file}`), hub.requests.map((r) => r.path).join("\n"));
        const { models } = await client.call<ModelListResult>("hearth/models/list", { directory });
        assert.deepEqual(models.map((m) => [m.uri, m.catalogId]), [[model.uri, model.id]]);

        // The tag an older Hearth used names the same pinned file, and finds it downloaded.
        hub.resetRequests();
        const again = await download(directory, `hf:${model.repo}:Q8_0`).result;
        assert.equal(again.path, result.path);
        assert.equal(again.pinned, true);
        assert.equal(hub.rangeBytes, 0);
        assert.ok(!hub.requests.some((r) => r.path.includes("/manifests/")), "the tag is not resolved on the moving branch");
    });

    it("refuses a catalog model that its server announces as another file, before fetching a byte", async () => {
        const model = pins.find((m) => m.id === "qwen2.5-coder-0.5b-q4_k_m")!;
        // A mirror serving a small file of its own under the model's name, with that file's SHA-256.
        const impostor = data.subarray(0, 256 * 1024);
        hub.addFile(model.repo, model.file, impostor, { revision: model.revision });
        const directory = await modelsFolder();
        hub.resetRequests();
        const error = await rejection(download(directory, model.uri).result);
        assert.equal(error.code, downloadCorrupt);
        assert.match(error.message, /^127\.0\.0\.1:\d+ serves another file as Qwen2\.5-Coder 0\.5B Instruct Q4_K_M than the one Hearth pins \(its SHA-256 is [0-9a-f]{12}…, Hearth pins [0-9a-f]{12}…\)/);
        assert.equal(hub.requests.filter((r) => r.method === "GET").length, 0, "not a byte was fetched");
        assert.deepEqual(await readdir(directory).catch(() => []), [], "nothing was written");
    });

    it("removes a catalog model whose bytes differ from the pinned file, when its server said nothing to tell", async () => {
        const model = pins.find((m) => m.id === "qwen2.5-coder-1.5b-q4_k_m")!;
        const tampered = Buffer.from(data);
        tampered[Math.floor(tampered.length / 3)] ^= 0x55;
        hub.addFile(model.repo, model.file, tampered, { revision: model.revision, publishSha256: false });
        const directory = await modelsFolder();
        const error = await rejection(download(directory, model.uri).result);
        assert.equal(error.code, downloadCorrupt);
        assert.match(error.message, /is damaged: its SHA-256 does not match the one Hearth pins for it/);
        assert.deepEqual((await readdir(directory)).filter((n) => n.endsWith(".gguf")), []);
    });

    it("a missing quantisation or file is a clear not-found error", async () => {
        const directory = await modelsFolder();
        const tag = await rejection(download(directory, `hf:${repo}:Q2_K`).result);
        assert.equal(tag.code, downloadFailed);
        assert.match(tag.message, /was not found on 127\.0\.0\.1:\d+ \(HTTP 404\)/);
        const file = await rejection(download(directory, `hf:${repo}/missing.gguf`).result);
        assert.match(file.message, /was not found on 127\.0\.0\.1:\d+ \(HTTP 404\)/);
    });

    it("a refused connection is a clear error within seconds", async () => {
        const port = await closedPort();
        configure({ huggingFaceEndpoint: `http://127.0.0.1:${port}` });
        const started = performance.now();
        const error = await rejection(download(await modelsFolder()).result);
        assert.equal(error.code, downloadFailed);
        assert.match(error.message, new RegExp(`Cannot connect to 127\\.0\\.0\\.1:${port}: the connection was refused`));
        assert.ok(performance.now() - started < 10_000);
        configure({ huggingFaceEndpoint: hub.url });
    });

    it("a download that stops receiving data gives up with a clear message", async () => {
        hub.holdAfter(0);
        await client.configureDebug({ downloadStallTimeoutMs: 1500 });
        const error = await rejection(download(await modelsFolder()).result).finally(async () => {
            hub.resume();
            await client.configureDebug({ downloadStallTimeoutMs: 0 });
        });
        assert.equal(error.code, downloadFailed);
        assert.match(error.message, /stalled: no data arrived for 2 seconds.*resumes/);
    });

    it("deletes a model with all its files", async () => {
        const directory = await modelsFolder();
        const { path } = await download(directory).result;
        const result = await client.call<ModelDeleteResult>("hearth/models/delete", { directory, path });
        assert.deepEqual(result.deletedFiles, [path]);
        assert.deepEqual((await client.call<ModelListResult>("hearth/models/list", { directory })).models, []);
        assert.deepEqual((await client.call<ModelDeleteResult>("hearth/models/delete", { directory, path })).deletedFiles, [], "deleting again deletes nothing");
        await assert.rejects(client.call("hearth/models/delete", { directory, path: "/etc/passwd" }), /not a model in Hearth's models folder/);
    });
});
