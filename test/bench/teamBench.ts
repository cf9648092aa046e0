// `npm run bench:team`: how the cost of inline completions grows with the team. N simulated developers (N = 1,
// 2, 4, 8), each with an engine of their own replaying the first half of the typing trace on their own copy of
// the file, with human cadence, against one llama-server with N parallel slots (Hearth's llama-server backend);
// then llama.vscode's request pattern at the same N, against a fresh server started the same way. The model has
// Qwen2.5-Coder-0.5B's shapes. `npm run bench:team -- 1 2` runs only those team sizes; BENCH_KEYSTROKES=N replays
// only each developer's first N keystrokes.
import { ensureModel } from "../model/cache";
import { findLlamaServer } from "../support/llamaServer";
import { HearthDriver, onLlamaServer, startHearth } from "./hearthDriver";
import { LlamaVscodeDriver } from "./llamaVscodeDriver";
import { llamaVscodeServerArgs, withLlamaVscodeServer } from "./llamaVscodeServer";
import { evaluation, latency, ms, ratio } from "./report";
import { firstKeystrokes, replay, traceStats, type PauseSample, type Trace } from "./trace";
import { typingTrace } from "./typingTrace";

const args = process.argv.slice(2).map(Number);
const teamSizes = args.length > 0 ? args : [1, 2, 4, 8];
const fixedTokens = 16;
/** The first half of the trace per developer keeps a whole run near fifteen minutes. */
const keystrokesPerDeveloper = process.env.BENCH_KEYSTROKES ? Number(process.env.BENCH_KEYSTROKES) : 413;
/** Developers do not start typing in the same millisecond. */
const startSpreadMs = 700;

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const out = (line = "") => process.stdout.write(`${line}\n`);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Developer `i`'s trace: their own cadence, and their own file (its first line differs, so no two prompts share a cache). */
function developerTrace(i: number): Trace {
    const header = `// Checked out by developer ${i + 1} of the team.\n`;
    const uri = `file:///team/developer-${i + 1}/rateLimiter.ts`;
    const steps = firstKeystrokes(typingTrace(7 + i), keystrokesPerDeveloper).steps.map((step) => {
        if (step.kind === "open") return { ...step, uri, text: header + step.text };
        if (step.kind === "jump") return { ...step, uri, offset: header.length + step.offset };
        return step;
    });
    return { name: `developer ${i + 1}`, steps };
}

/** Runs `run` on each developer's trace, each developer starting a little after the one before. */
function team<T>(developers: number, run: (trace: Trace) => Promise<T>): Promise<T[]> {
    return Promise.all(Array.from({ length: developers }, async (_, i) => {
        await sleep((i * startSpreadMs) / Math.max(1, developers - 1));
        return run(developerTrace(i));
    }));
}

interface Row {
    developers: number;
    pattern: string;
    /** Each developer's pauses. */
    samples: PauseSample[][];
    evaluatedPerRequest: number;
    reusedPerRequest: number;
    resultCacheHits: string;
}

function format(row: Row): string {
    const all = latency(row.samples.flat());
    const worst = Math.max(...row.samples.map((samples) => latency(samples).p50));
    const cells = [String(row.developers).padStart(2), row.pattern.padEnd(13), ms(all.p50).padStart(8), ms(all.p90).padStart(8), ms(worst).padStart(9), row.evaluatedPerRequest.toFixed(1).padStart(10), row.reusedPerRequest.toFixed(0).padStart(8), row.resultCacheHits.padStart(12)];
    return cells.join("  ");
}

async function hearthRow(serverPath: string, modelPath: string, developers: number): Promise<Row> {
    const results = await withLlamaVscodeServer(serverPath, modelPath, developers, (url) => team(developers, async (trace) => {
        const client = await startHearth(onLlamaServer(url), fixedTokens);
        try {
            const driver = new HearthDriver(client);
            return { samples: await replay(trace, driver), driver };
        } finally {
            await client.stop();
        }
    }));
    const answered = results.flatMap((result) => result.samples).filter((p) => !p.cacheHit);
    return {
        developers,
        pattern: "Hearth",
        samples: results.map((result) => result.samples),
        evaluatedPerRequest: mean(answered.map((p) => p.evaluatedTokens)),
        reusedPerRequest: mean(answered.map((p) => p.promptTokens - p.evaluatedTokens)),
        resultCacheHits: `${results.reduce((n, r) => n + r.driver.cacheHits, 0)}/${results.reduce((n, r) => n + r.driver.answered, 0)}`
    };
}

async function llamaVscodeRow(serverPath: string, modelPath: string, developers: number): Promise<Row> {
    const results = await withLlamaVscodeServer(serverPath, modelPath, developers, (url) => team(developers, async (trace) => {
        const driver = new LlamaVscodeDriver(url, fixedTokens);
        const samples = await replay(trace, driver);
        await driver.finish();
        return { samples, driver };
    }));
    const samples = results.map((result) => result.samples);
    return {
        developers,
        pattern: "llama.vscode",
        samples,
        evaluatedPerRequest: mean(results.flatMap((result) => result.driver.evaluated)),
        reusedPerRequest: mean(results.flatMap((result) => result.driver.reused)),
        resultCacheHits: `${samples.flat().filter((p) => p.cacheHit).length}/${samples.flat().length} pauses`
    };
}

async function summary(modelPath: string, rows: Row[]): Promise<string[]> {
    const p50 = (developers: number, pattern: string) => latency(rows.find((r) => r.developers === developers && r.pattern === pattern)!.samples.flat()).p50;
    const [first, last] = [teamSizes[0], teamSizes.at(-1)!];
    const e = await evaluation(modelPath, rows.filter((r) => r.pattern === "Hearth").flatMap((r) => r.samples.flat()));
    return [
        "",
        "p50/p90: keystroke to suggestion over every developer's pauses; worst p50: the slowest developer's; evaluated and cached: prompt tokens per request the server evaluated and took from its cache",
        `Hearth p50 at N = ${last} / p50 at N = ${first} = ${ratio(p50(last, "Hearth") / p50(first, "Hearth"))}; curve ${teamSizes.map((n) => `${n}: ${ms(p50(n, "Hearth"))}`).join(", ")}`,
        `llama.vscode p50 at N = ${last} / p50 at N = ${first} = ${ratio(p50(last, "llama.vscode") / p50(first, "llama.vscode"))}; Hearth p50 / llama.vscode p50 at N = ${teamSizes.map((n) => `${n}: ${ratio(p50(n, "Hearth") / p50(n, "llama.vscode"))}`).join(", ")}`,
        `Hearth, all N: ${e.evaluatedPerRequest.toFixed(1)} prompt tokens evaluated per answered request for ${e.changedPerRequest.toFixed(1)} truly changed  →  ratio ${ratio(e.ratio)}`
    ];
}

async function main(): Promise<void> {
    const found = findLlamaServer();
    if (!("path" in found)) throw new Error(`bench:team needs llama-server: ${found.missing}`);
    out("making the Qwen2.5-Coder-0.5B-shaped model (cached after the first run)…");
    const modelPath = await ensureModel("qwen2.5-coder-0.5b");
    const stats = traceStats(developerTrace(0));
    out(`per developer: the first ${stats.keystrokes} keystrokes of the typing trace (${stats.pauses} pauses), ${fixedTokens} tokens per suggestion; server: llama-server ${llamaVscodeServerArgs(1).join(" ")} (-c and -np scaled with N)`);
    out(`\n N  pattern            p50       p90  worst p50  evaluated  cached  result cache`);
    const rows: Row[] = [];
    for (const developers of teamSizes) {
        for (const row of [await hearthRow(found.path, modelPath, developers), await llamaVscodeRow(found.path, modelPath, developers)]) {
            rows.push(row);
            out(format(row));
        }
    }
    for (const line of await summary(modelPath, rows)) out(line);
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
