// `npm run bench`: keystroke-to-suggestion latency of Hearth's inline completions on a model of
// Qwen2.5-Coder-0.5B's exact shapes, on an in-place typing trace and on a navigation session over several files,
// with one core kept busy by another process, and on pathological lines; against llama.vscode's request
// pattern on llama-server, and on Hearth's own llama-server backend, in the same run when LLAMA_SERVER is set.
import { statSync } from "node:fs";
import { loadavg } from "node:os";
import { ensureModel } from "../model/cache";
import { BusyCore } from "./busyCore";
import { HearthDriver, localModel, measuredSpeed, memoryOf, onLlamaServer, startHearth, type HearthSettings } from "./hearthDriver";
import { LlamaVscodeDriver } from "./llamaVscodeDriver";
import { withLlamaVscodeServer } from "./llamaVscodeServer";
import { measureLongLines, type LongLineResult } from "./longLines";
import { navigationTrace } from "./navigationTrace";
import { describe, evaluation, latency, ms, percentile, ratio, Targets, type Latency } from "./report";
import { firstKeystrokes, replay, traceStats, type PauseSample, type Trace } from "./trace";
import { typingTrace } from "./typingTrace";
import type { LspClient } from "../engine/lspClient";

const fixedTokens = 16;
/** BENCH_KEYSTROKES=N replays only each trace's first N keystrokes: a quick run that proves the bench works. */
const keystrokes = process.env.BENCH_KEYSTROKES ? Number(process.env.BENCH_KEYSTROKES) : undefined;
const out = (line = "") => process.stdout.write(`${line}\n`);

async function withHearth<T>(settings: HearthSettings, work: (client: LspClient) => Promise<T>): Promise<T> {
    const client = await startHearth(settings, fixedTokens);
    try {
        return await work(client);
    } finally {
        await client.stop();
    }
}

/** Replays `trace` on a fresh engine with the local model; `afterwards` runs on the same engine before it stops. */
function onHearth<T>(modelPath: string, trace: Trace, afterwards?: (driver: HearthDriver) => Promise<T>) {
    return withHearth(localModel(modelPath), async (client) => {
        const speed = await measuredSpeed(client);
        const driver = new HearthDriver(client);
        const samples = await replay(trace, driver);
        const memory = memoryOf(client.process.pid!);
        const extra = afterwards ? await afterwards(driver) : undefined;
        return { samples, speed, memory, driver, extra };
    });
}

/** A run on llama-server; a failure is printed and leaves the other figures standing. */
async function orFailure<T>(label: string, run: Promise<T>): Promise<T | undefined> {
    try {
        return await run;
    } catch (error) {
        out(`  ${label} FAILED: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}

/**
 * Hearth's llama-server backend and llama.vscode's request pattern, each on a fresh llama-server started with
 * llama.vscode's command line; returns llama.vscode's latency.
 */
async function serverRows(serverPath: string, modelPath: string, trace: Trace, hearthLocal: Latency): Promise<Latency | undefined> {
    const onServer = await orFailure("Hearth's llama-server backend", withLlamaVscodeServer(serverPath, modelPath, 1, (url) => withHearth(onLlamaServer(url), (client) => replay(trace, new HearthDriver(client)))));
    const baseline = await orFailure("llama.vscode pattern on llama-server", withLlamaVscodeServer(serverPath, modelPath, 1, async (url) => {
        const driver = new LlamaVscodeDriver(url, fixedTokens);
        const samples = await replay(trace, driver);
        await driver.finish();
        return { samples, evaluatedPerRequest: driver.evaluated.reduce((a, b) => a + b, 0) / Math.max(1, driver.evaluated.length) };
    }));
    const l = baseline && latency(baseline.samples);
    const s = onServer && latency(onServer);
    if (s) out(describe("  Hearth's llama-server backend", s));
    if (!l) return undefined;
    out(describe("  llama.vscode pattern on llama-server", l));
    out(`  llama-server prompt tokens evaluated per llama.vscode request ${baseline.evaluatedPerRequest.toFixed(1)}; Hearth p50 / llama.vscode p50 = ${ratio(hearthLocal.p50 / l.p50)}${s ? `; Hearth's llama-server backend p50 / llama.vscode p50 = ${ratio(s.p50 / l.p50)}` : ""}`);
    return l;
}

/**
 * Hearth's work on the typing trace against this run's floor: evaluating only what changed, at the prompt speed
 * measured at load, then generating, at the speed its answers generated at during the trace.
 */
async function floorLines(modelPath: string, samples: PauseSample[], speed: { promptTokensPerSecond: number }, p50: number): Promise<string[]> {
    const e = await evaluation(modelPath, samples);
    const generation = percentile(e.answered.filter((p) => p.generated && p.generated.ms > 0).map((p) => (p.generated!.tokens / p.generated!.ms) * 1000), 50);
    const floor = percentile(e.changedTokens.map((c) => (c / speed.promptTokensPerSecond + fixedTokens / generation) * 1000), 50);
    return [
        `  floor (evaluate the changed tokens + generate ${fixedTokens} at the trace's ${generation.toFixed(1)} tok/s): p50 ${ms(floor)}  →  Hearth p50 / floor = ${ratio(p50 / floor)}`,
        `  prompt tokens evaluated per answered pause: ${e.evaluatedPerRequest.toFixed(1)} (of ${e.promptPerRequest.toFixed(0)} in the prompt); tokens truly changed: ${e.changedPerRequest.toFixed(1)}  →  ratio ${ratio(e.ratio)}`
    ];
}

function traceLine(trace: Trace): string {
    const s = traceStats(trace);
    return `== ${trace.name} trace: ${s.keystrokes} keystrokes, ${s.pauses} pauses, ${s.jumps} jumps, ${s.files} files; ${fixedTokens} tokens per suggestion`;
}

async function typingSection(modelPath: string, serverPath: string | undefined, targets: Targets): Promise<void> {
    const typing = firstKeystrokes(typingTrace(), keystrokes);
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

    if (serverPath) await serverRows(serverPath, modelPath, typing, h);
}

async function navigationSection(modelPath: string, serverPath: string | undefined, targets: Targets): Promise<LongLineResult> {
    const navigation = firstKeystrokes(navigationTrace(), keystrokes);
    out(traceLine(navigation));
    const nav = await onHearth(modelPath, navigation, (driver) => measureLongLines(driver.client));
    const n = latency(nav.samples);
    out(describe("  Hearth", n));
    out(`  engine: ${nav.driver.requests} requests; RSS ${nav.memory.rssMiB.toFixed(0)} MiB (peak ${nav.memory.peakRssMiB.toFixed(0)} MiB)`);
    targets.check("navigation: Hearth p90 / p50", n.p90 / n.p50, 3, ratio);
    targets.check("navigation: first suggestion after a jump, p50", n.afterJump.p50, 2000, ms);
    if (serverPath) {
        const l = await serverRows(serverPath, modelPath, navigation, n);
        targets.check("navigation: Hearth p50 / llama.vscode p50", l ? n.p50 / l.p50 : NaN, 0.25, ratio);
    } else {
        out("  (set LLAMA_SERVER=/path/to/llama-server to replay the traces on Hearth's llama-server backend and with llama.vscode's request pattern in the same run)");
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
