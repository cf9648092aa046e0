// `npm run bench`: typing-trace latency of Hearth's inline completions on a model of Qwen2.5-Coder-0.5B's
// exact shapes, reported against this run's own floor. With LLAMA_SERVER set, the same trace also runs on
// Hearth's llama-server backend and with llama.vscode's request pattern, each against its own fresh llama-server
// with the same model and command line, and the ratios are printed.
import { statSync } from "node:fs";
import { ensureModel } from "../model/cache";
import { LlamaServerProcess } from "../support/llamaServer";
import { evaluation, latencies, ms, percentile } from "./benchStats";
import { localModelSettings, replayOnHearth } from "./replayHearth";
import { llamaVscodeServerArgs, replayLlamaVscodePattern } from "./replayLlamaServer";
import { loadTrace, type TypingTrace } from "./typingTrace";

const fixedTokens = 16;

async function kvCacheMiB(modelPath: string, contextSize: number): Promise<number> {
    const { readGgufFileInfo } = await import("node-llama-cpp");
    const info = await readGgufFileInfo(modelPath, { readTensorInfo: false });
    const arch = info.metadata.general.architecture as string;
    const meta = (info.metadata as unknown as Record<string, { block_count: number; embedding_length: number; attention: { head_count: number; head_count_kv: number } }>)[arch];
    const headDim = meta.embedding_length / meta.attention.head_count;
    const bytes = meta.block_count * 2 * meta.attention.head_count_kv * headDim * 2 * contextSize;
    return bytes / 2 ** 20;
}

async function localFigures(modelPath: string, trace: TypingTrace): Promise<{ lines: string[]; p50: number }> {
    const modelMiB = statSync(modelPath).size / 2 ** 20;
    const hearth = await replayOnHearth(localModelSettings(modelPath), trace, fixedTokens);
    const h = latencies(hearth.pauses);
    const e = await evaluation(modelPath, hearth.pauses);
    const { promptTokensPerSecond, generatedTokensPerSecond } = hearth.calibration;
    const floor = percentile(e.changedTokens.map((c) => (c / promptTokensPerSecond + fixedTokens / generatedTokensPerSecond) * 1000), 50);
    const kvMiB = await kvCacheMiB(modelPath, 8192);
    const lines = [
        "",
        `calibration (cold prompt, this run): prompt ${promptTokensPerSecond.toFixed(0)} tok/s, generation ${generatedTokensPerSecond.toFixed(1)} tok/s`,
        `Hearth keystroke-to-suggestion at ${h.count} pauses: p50 ${ms(h.p50)}, p90 ${ms(h.p90)}`,
        `floor (evaluate the changed tokens + generate ${fixedTokens}): p50 ${ms(floor)}  →  Hearth p50 / floor = ${(h.p50 / floor).toFixed(2)}×`,
        `prompt tokens evaluated per answered request: ${e.evaluatedPerRequest.toFixed(1)} (of ${e.promptPerRequest.toFixed(0)} in the prompt); tokens truly changed: ${e.changedPerRequest.toFixed(1)}  →  ratio ${e.ratio.toFixed(2)}×`,
        `cache hits: ${hearth.cacheHits} of ${hearth.answered} answered requests (${((100 * hearth.cacheHits) / Math.max(1, hearth.answered)).toFixed(0)}%); ${hearth.requests} requests sent; pauses served from cache: ${hearth.pauses.filter((p) => p.cacheHit).length}`,
        `engine RSS ${hearth.rssMiB.toFixed(0)} MiB (peak ${hearth.peakRssMiB.toFixed(0)} MiB); budget model ${modelMiB.toFixed(0)} + KV ${kvMiB.toFixed(0)} + 200 = ${(modelMiB + kvMiB + 200).toFixed(0)} MiB`
    ];
    return { lines, p50: h.p50 };
}

/** Runs `work` against a fresh llama-server started with llama.vscode's command line. */
async function withServer<T>(serverPath: string, modelPath: string, work: (url: string) => Promise<T>): Promise<T> {
    const server = await LlamaServerProcess.start(serverPath, modelPath, llamaVscodeServerArgs);
    try {
        return await work(server.url);
    } finally {
        await server.stop();
    }
}

async function serverFigures(serverPath: string, modelPath: string, trace: TypingTrace, localP50: number): Promise<string[]> {
    const onServer = (url: string) => ({ completion: { backend: "llama-server", server: { url } }, chat: { backend: "llama-server", server: { url } } });
    const hearth = await withServer(serverPath, modelPath, (url) => replayOnHearth(onServer(url), trace, fixedTokens));
    const h = latencies(hearth.pauses);
    const e = await evaluation(modelPath, hearth.pauses);
    const baseline = await withServer(serverPath, modelPath, (url) => replayLlamaVscodePattern(url, trace, fixedTokens));
    const b = latencies(baseline.pauses);
    return [
        `Hearth on llama-server (backend llama-server): p50 ${ms(h.p50)}, p90 ${ms(h.p90)} at ${h.count} pauses; local engine p50 / server backend p50 = ${(localP50 / h.p50).toFixed(2)}×`,
        `  server prompt tokens evaluated per answered request: ${e.evaluatedPerRequest.toFixed(1)} (of ${e.promptPerRequest.toFixed(0)}; the rest cached); tokens truly changed: ${e.changedPerRequest.toFixed(1)}  →  ratio ${e.ratio.toFixed(2)}×`,
        `  result-cache hits: ${hearth.cacheHits} of ${hearth.answered} answered requests; ${hearth.requests} requests sent`,
        `llama.vscode pattern on llama-server: p50 ${ms(b.p50)}, p90 ${ms(b.p90)}; prompt tokens evaluated per request ${baseline.evaluatedPerRequest.toFixed(1)} (${baseline.reusedPerRequest.toFixed(0)} cached)`,
        `Hearth local p50 / llama.vscode p50 = ${(localP50 / b.p50).toFixed(2)}×; Hearth server backend p50 / llama.vscode p50 = ${(h.p50 / b.p50).toFixed(2)}×`
    ];
}

async function main(): Promise<void> {
    process.stdout.write("making the Qwen2.5-Coder-0.5B-shaped model (cached after the first run)…\n");
    const modelPath = await ensureModel("qwen2.5-coder-0.5b");
    const trace = loadTrace();
    const typedChars = trace.keystrokes.reduce((n, k) => n + k.text.length, 0);
    process.stdout.write(`trace: ${trace.keystrokes.length} keystrokes (${typedChars} characters), ${trace.keystrokes.filter((k) => k.pause).length} pauses; ${fixedTokens} tokens per suggestion\n`);

    const local = await localFigures(modelPath, trace);
    const lines = local.lines;
    if (process.env.LLAMA_SERVER) lines.push(...(await serverFigures(process.env.LLAMA_SERVER, modelPath, trace, local.p50)));
    else lines.push("(set LLAMA_SERVER=/path/to/llama-server to replay the trace on Hearth's llama-server backend and with llama.vscode's request pattern)");
    process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
