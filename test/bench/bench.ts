// `npm run bench`: keystroke-to-suggestion latency of Hearth's inline completions on a model of
// Qwen2.5-Coder-0.5B's exact shapes, on an in-place typing trace and on a navigation session over several files,
// with one core kept busy by another process, and on pathological lines; against llama.vscode's request
// pattern on llama-server in the same run when LLAMA_SERVER is set.
import { statSync } from "node:fs";
import { loadavg } from "node:os";
import { ensureModel } from "../model/cache";
import { BusyCore } from "./busyCore";
import { HearthDriver, measuredSpeed, memoryOf, startHearth } from "./hearthDriver";
import { LlamaServerProcess } from "./llamaServerProcess";
import { LlamaVscodeDriver } from "./llamaVscodeDriver";
import { measureLongLines, type LongLineResult } from "./longLines";
import { navigationTrace } from "./navigationTrace";
import { describe, latency, ms, percentile, ratio, Targets } from "./report";
import { replay, traceStats, type PauseSample, type Trace } from "./trace";
import { typingTrace } from "./typingTrace";

const fixedTokens = 16;
const out = (line = "") => process.stdout.write(`${line}\n`);

async function countTokens(modelPath: string, texts: string[]): Promise<number[]> {
    const { getLlama } = await import("node-llama-cpp");
    const llama = await getLlama({ gpu: false, build: "never" });
    const model = await llama.loadModel({ modelPath, vocabOnly: true });
    const counts = texts.map((text) => model.tokenize(text, false).length);
    await model.dispose();
    await llama.dispose();
    return counts;
}

/** Replays `trace` on a fresh engine; `afterwards` runs on the same engine before it stops. */
async function onHearth<T>(modelPath: string, trace: Trace, afterwards?: (driver: HearthDriver) => Promise<T>) {
    const client = await startHearth(modelPath, fixedTokens);
    try {
        const speed = await measuredSpeed(client);
        const driver = new HearthDriver(client);
        const samples = await replay(trace, driver);
        const memory = memoryOf(client.process.pid!);
        const extra = afterwards ? await afterwards(driver) : undefined;
        return { samples, speed, memory, driver, extra };
    } finally {
        await client.stop();
    }
}

/** llama.vscode's pattern on llama-server; a failure of the baseline is printed and leaves Hearth's figures standing. */
async function onLlamaServer(serverPath: string, modelPath: string, trace: Trace) {
    const server = await LlamaServerProcess.start(serverPath, modelPath);
    try {
        const driver = new LlamaVscodeDriver(server, fixedTokens);
        const samples = await replay(trace, driver);
        await driver.finish();
        return { samples, evaluatedPerRequest: driver.evaluated.reduce((a, b) => a + b, 0) / Math.max(1, driver.evaluated.length) };
    } catch (error) {
        out(`  llama.vscode pattern on llama-server FAILED: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    } finally {
        await server.stop();
    }
}

/**
 * Hearth's work on the typing trace against this run's floor: evaluating only what changed, at the prompt speed
 * measured at load, then generating, at the speed its answers generated at during the trace.
 */
async function floorLines(modelPath: string, samples: PauseSample[], speed: { promptTokensPerSecond: number }, p50: number): Promise<string[]> {
    const evaluated = samples.filter((p) => !p.cacheHit);
    const changed = await countTokens(modelPath, evaluated.map((p) => p.changedText ?? ""));
    const generation = percentile(evaluated.filter((p) => p.generated && p.generated.ms > 0).map((p) => (p.generated!.tokens / p.generated!.ms) * 1000), 50);
    const floors = changed.map((c) => (c / speed.promptTokensPerSecond + fixedTokens / generation) * 1000);
    const floor = percentile(floors, 50);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const sumChanged = changed.reduce((n, c) => n + Math.max(1, c), 0);
    const sumEvaluated = evaluated.reduce((n, p) => n + p.evaluatedTokens, 0);
    return [
        `  floor (evaluate the changed tokens + generate ${fixedTokens} at the trace's ${generation.toFixed(1)} tok/s): p50 ${ms(floor)}  →  Hearth p50 / floor = ${ratio(p50 / floor)}`,
        `  prompt tokens evaluated per answered pause: ${mean(evaluated.map((p) => p.evaluatedTokens)).toFixed(1)} (of ${mean(evaluated.map((p) => p.promptTokens)).toFixed(0)} in the prompt); tokens truly changed: ${(sumChanged / Math.max(1, evaluated.length)).toFixed(1)}  →  ratio ${ratio(sumEvaluated / sumChanged)}`
    ];
}

function traceLine(trace: Trace): string {
    const s = traceStats(trace);
    return `== ${trace.name} trace: ${s.keystrokes} keystrokes, ${s.pauses} pauses, ${s.jumps} jumps, ${s.files} files; ${fixedTokens} tokens per suggestion`;
}

async function typingSection(modelPath: string, serverPath: string | undefined, targets: Targets): Promise<void> {
    const typing = typingTrace();
    out(traceLine(typing));
    const idle = await onHearth(modelPath, typing);
    const h = latency(idle.samples);
    out(`  speed measured by the engine at load: prompt ${idle.speed.promptTokensPerSecond} tok/s, generation ${idle.speed.generatedTokensPerSecond} tok/s`);
    out(describe("  Hearth", h));
    for (const line of await floorLines(modelPath, idle.samples, idle.speed, h.p50)) out(line);
    out(`  engine: ${idle.driver.requests} requests, ${idle.driver.cacheHits} answered from the cache; RSS ${idle.memory.rssMiB.toFixed(0)} MiB (peak ${idle.memory.peakRssMiB.toFixed(0)} MiB)`);
    targets.check("typing: Hearth p90 / p50", h.p90 / h.p50, 3, ratio);

    const busy = new BusyCore();
    const loaded = await onHearth(modelPath, typing).finally(() => busy.stop());
    const b = latency(loaded.samples);
    out(describe("  Hearth, one core kept busy by another process", b));
    out(`  speed measured at load with the core busy: prompt ${loaded.speed.promptTokensPerSecond} tok/s, generation ${loaded.speed.generatedTokensPerSecond} tok/s`);
    out(`  busy p50 / idle p50 = ${ratio(b.p50 / h.p50)}`);
    targets.check("typing with one core busy: p50 / idle p50", b.p50 / h.p50, 2, ratio);

    if (!serverPath) return;
    const baseline = await onLlamaServer(serverPath, modelPath, typing);
    if (!baseline) return;
    const l = latency(baseline.samples);
    out(describe("  llama.vscode pattern on llama-server", l));
    out(`  llama-server prompt tokens evaluated per request ${baseline.evaluatedPerRequest.toFixed(1)}; Hearth p50 / llama.vscode p50 = ${ratio(h.p50 / l.p50)}`);
}

async function navigationSection(modelPath: string, serverPath: string | undefined, targets: Targets): Promise<LongLineResult> {
    const navigation = navigationTrace();
    out(traceLine(navigation));
    const nav = await onHearth(modelPath, navigation, (driver) => measureLongLines(driver.client));
    const n = latency(nav.samples);
    out(describe("  Hearth", n));
    out(`  engine: ${nav.driver.requests} requests; RSS ${nav.memory.rssMiB.toFixed(0)} MiB (peak ${nav.memory.peakRssMiB.toFixed(0)} MiB)`);
    targets.check("navigation: Hearth p90 / p50", n.p90 / n.p50, 3, ratio);
    targets.check("navigation: first suggestion after a jump, p50", n.afterJump.p50, 2000, ms);
    if (serverPath) {
        const baseline = await onLlamaServer(serverPath, modelPath, navigation);
        const l = baseline && latency(baseline.samples);
        if (baseline && l) {
            out(describe("  llama.vscode pattern on llama-server", l));
            out(`  llama-server prompt tokens evaluated per request ${baseline.evaluatedPerRequest.toFixed(1)}; Hearth p50 / llama.vscode p50 = ${ratio(n.p50 / l.p50)}`);
        }
        targets.check("navigation: Hearth p50 / llama.vscode p50", l ? n.p50 / l.p50 : NaN, 0.25, ratio);
    } else {
        out("  (set LLAMA_SERVER=/path/to/llama-server to replay llama.vscode's request pattern against it in the same run)");
    }
    return nav.extra!;
}

function longLinesSection(long: LongLineResult, targets: Targets): void {
    out("== pathological lines (same engine, after the navigation trace)");
    out(`  keystroke on a normal line: p50 ${ms(long.normal.p50Ms)}, ${long.normal.evaluatedTokens} prompt tokens evaluated`);
    out(`  keystroke on a 100,000-character line: p50 ${ms(long.longLine.p50Ms)}, ${long.longLine.evaluatedTokens} prompt tokens evaluated  →  ${ratio(long.longLine.p50Ms / long.normal.p50Ms)} a normal line's`);
    const { huge } = long;
    out(`  50 MB one-line document: first answer ${ms(huge.firstAnswerMs)}, a keystroke ${ms(huge.keystrokeMs)}; engine RSS ${huge.rssBeforeMiB.toFixed(0)} MiB before opening it, ${huge.rssOpenMiB.toFixed(0)} MiB once open, ${huge.rssAfterMiB.toFixed(0)} MiB after answering (+${(huge.rssAfterMiB - huge.rssBeforeMiB).toFixed(0)} MiB in all, +${(huge.rssAfterMiB - huge.rssOpenMiB).toFixed(0)} MiB while answering)`);
    targets.check("100,000-character line: keystroke / normal keystroke", long.longLine.p50Ms / long.normal.p50Ms, 2, ratio);
    targets.check("50 MB one-line document: answer", Math.max(huge.firstAnswerMs, huge.keystrokeMs), 2000, ms);
    targets.check("50 MB one-line document: engine RSS growth in all", huge.rssAfterMiB - huge.rssBeforeMiB, 100, (v) => `${v.toFixed(0)} MiB`);
}

async function main(): Promise<void> {
    out("making the Qwen2.5-Coder-0.5B-shaped model (cached after the first run)…");
    const modelPath = await ensureModel("qwen2.5-coder-0.5b");
    const serverPath = process.env.LLAMA_SERVER;
    const started = performance.now();
    out(`model ${(statSync(modelPath).size / 2 ** 20).toFixed(0)} MiB; load average at start ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    const targets = new Targets();
    longLinesSection(await navigationSection(modelPath, serverPath, targets), targets);
    await typingSection(modelPath, serverPath, targets);
    out(targets.print());
    out(`bench took ${((performance.now() - started) / 60000).toFixed(1)} min; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
