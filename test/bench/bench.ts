// `npm run bench`: typing-trace latency of Hearth's inline completions on a model of Qwen2.5-Coder-0.5B's
// exact shapes, reported against this run's own floor (and llama.vscode's pattern when LLAMA_SERVER is set).
import { statSync } from "node:fs";
import { ensureModel } from "../model/cache";
import { replayOnHearth, type PauseSample } from "./replayHearth";
import { replayLlamaVscodePattern } from "./replayLlamaServer";
import { loadTrace } from "./typingTrace";

const fixedTokens = 16;

function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    if (sorted.length === 0) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (value: number) => `${Math.round(value)} ms`;

async function countTokens(modelPath: string, texts: string[]): Promise<number[]> {
    const { getLlama } = await import("node-llama-cpp");
    const llama = await getLlama({ gpu: false, build: "never" });
    const model = await llama.loadModel({ modelPath, vocabOnly: true });
    const counts = texts.map((text) => model.tokenize(text, false).length);
    await model.dispose();
    await llama.dispose();
    return counts;
}

async function kvCacheMiB(modelPath: string, contextSize: number): Promise<number> {
    const { readGgufFileInfo } = await import("node-llama-cpp");
    const info = await readGgufFileInfo(modelPath, { readTensorInfo: false });
    const arch = info.metadata.general.architecture as string;
    const meta = (info.metadata as unknown as Record<string, { block_count: number; embedding_length: number; attention: { head_count: number; head_count_kv: number } }>)[arch];
    const headDim = meta.embedding_length / meta.attention.head_count;
    const bytes = meta.block_count * 2 * meta.attention.head_count_kv * headDim * 2 * contextSize;
    return bytes / 2 ** 20;
}

function summarise(label: string, pauses: PauseSample[]) {
    const latencies = pauses.map((p) => p.latencyMs);
    return { label, p50: percentile(latencies, 50), p90: percentile(latencies, 90), count: latencies.length };
}

async function main(): Promise<void> {
    process.stdout.write("making the Qwen2.5-Coder-0.5B-shaped model (cached after the first run)…\n");
    const modelPath = await ensureModel("qwen2.5-coder-0.5b");
    const modelMiB = statSync(modelPath).size / 2 ** 20;
    const trace = loadTrace();
    const typedChars = trace.keystrokes.reduce((n, k) => n + k.text.length, 0);
    process.stdout.write(`trace: ${trace.keystrokes.length} keystrokes (${typedChars} characters), ${trace.keystrokes.filter((k) => k.pause).length} pauses; ${fixedTokens} tokens per suggestion\n`);

    const hearth = await replayOnHearth(modelPath, trace, fixedTokens);
    const h = summarise("Hearth", hearth.pauses);
    const evaluated = hearth.pauses.filter((p) => !p.cacheHit);
    const changedTokens = await countTokens(modelPath, evaluated.map((p) => p.changedText));
    const sumEvaluated = evaluated.reduce((n, p) => n + p.evaluatedTokens, 0);
    const sumChanged = changedTokens.reduce((n, c) => n + Math.max(1, c), 0);
    const { promptTokensPerSecond, generatedTokensPerSecond } = hearth.calibration;
    const floors = changedTokens.map((c) => (c / promptTokensPerSecond + fixedTokens / generatedTokensPerSecond) * 1000);
    const floor = percentile(floors, 50);
    const kvMiB = await kvCacheMiB(modelPath, 8192);

    const lines = [
        "",
        `calibration (cold prompt, this run): prompt ${promptTokensPerSecond.toFixed(0)} tok/s, generation ${generatedTokensPerSecond.toFixed(1)} tok/s`,
        `Hearth keystroke-to-suggestion at ${h.count} pauses: p50 ${ms(h.p50)}, p90 ${ms(h.p90)}`,
        `floor (evaluate the changed tokens + generate ${fixedTokens}): p50 ${ms(floor)}  →  Hearth p50 / floor = ${(h.p50 / floor).toFixed(2)}×`,
        `prompt tokens evaluated per answered request: ${(sumEvaluated / Math.max(1, evaluated.length)).toFixed(1)} (of ${(evaluated.reduce((n, p) => n + p.promptTokens, 0) / Math.max(1, evaluated.length)).toFixed(0)} in the prompt); tokens truly changed: ${(sumChanged / Math.max(1, evaluated.length)).toFixed(1)}  →  ratio ${(sumEvaluated / sumChanged).toFixed(2)}×`,
        `cache hits: ${hearth.cacheHits} of ${hearth.answered} answered requests (${((100 * hearth.cacheHits) / Math.max(1, hearth.answered)).toFixed(0)}%); ${hearth.requests} requests sent; pauses served from cache: ${hearth.pauses.filter((p) => p.cacheHit).length}`,
        `engine RSS ${hearth.rssMiB.toFixed(0)} MiB (peak ${hearth.peakRssMiB.toFixed(0)} MiB); budget model ${modelMiB.toFixed(0)} + KV ${kvMiB.toFixed(0)} + 200 = ${(modelMiB + kvMiB + 200).toFixed(0)} MiB`
    ];
    if (process.env.LLAMA_SERVER) {
        const baseline = await replayLlamaVscodePattern(process.env.LLAMA_SERVER, modelPath, trace, fixedTokens);
        const b = summarise("llama.vscode pattern on llama-server", baseline.pauses);
        lines.push(
            `llama.vscode pattern on llama-server: p50 ${ms(b.p50)}, p90 ${ms(b.p90)}; prompt tokens evaluated per request ${baseline.evaluatedPerRequest.toFixed(1)}`,
            `Hearth p50 / llama.vscode p50 = ${(h.p50 / b.p50).toFixed(2)}×`
        );
    } else {
        lines.push("(set LLAMA_SERVER=/path/to/llama-server to replay llama.vscode's request pattern against it in the same run)");
    }
    process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
