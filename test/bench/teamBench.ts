// `npm run bench:team`: how the cost of inline completions grows with the team. N simulated developers (N = 1,
// 2, 4, 8), each with an engine of their own replaying the first half of the typing trace on their own copy of
// the file, with human cadence, against one llama-server with N parallel slots; then llama.vscode's request
// pattern at the same N, against a fresh server started the same way. The model has Qwen2.5-Coder-0.5B's shapes.
import { ensureModel } from "../model/cache";
import { findLlamaServer, LlamaServerProcess } from "../support/llamaServer";
import { evaluation, latencies, ms, percentile } from "./benchStats";
import type { PauseSample } from "./replayHearth";
import { replayOnHearth } from "./replayHearth";
import { llamaVscodeServerArgs, replayLlamaVscodePattern } from "./replayLlamaServer";
import { loadTrace, type TypingTrace } from "./keystrokeTrace";

const teamSizes = [1, 2, 4, 8];
const fixedTokens = 16;
/** The first half of the trace per developer keeps a whole run near ten minutes. */
const keystrokesPerDeveloper = 413;
/** Developers do not start typing in the same millisecond. */
const startSpreadMs = 700;

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Developer `i`'s trace: their own cadence, and their own file (its first line differs, so no two prompts share a cache). */
function developerTrace(i: number): TypingTrace {
    const trace = loadTrace(7 + i);
    const header = `// Checked out by developer ${i + 1} of the team.\n`;
    return { initialText: header + trace.initialText, cursor: header.length + trace.cursor, keystrokes: trace.keystrokes.slice(0, keystrokesPerDeveloper) };
}

/** The same server command line for both patterns: llama.vscode's, with a slot and 8192 tokens of context per developer. */
function serverArgs(developers: number): string[] {
    const args = [...llamaVscodeServerArgs];
    args[args.indexOf("-c") + 1] = String(8192 * developers);
    return [...args, "-np", String(developers)];
}

async function onServer<T>(serverPath: string, modelPath: string, developers: number, work: (url: string) => Promise<T>): Promise<T> {
    const server = await LlamaServerProcess.start(serverPath, modelPath, serverArgs(developers));
    try {
        return await work(server.url);
    } finally {
        await server.stop();
    }
}

/** Runs `replay` for each developer, each starting a little after the one before. */
function team<T>(developers: number, replay: (trace: TypingTrace, i: number) => Promise<T>): Promise<T[]> {
    return Promise.all(Array.from({ length: developers }, async (_, i) => {
        await sleep((i * startSpreadMs) / Math.max(1, developers - 1));
        return replay(developerTrace(i), i);
    }));
}

interface Row {
    developers: number;
    pattern: string;
    pauses: PauseSample[][];
    evaluatedPerRequest: number;
    reusedPerRequest: number;
    resultCacheHits: string;
}

function format(row: Row): string {
    const all = latencies(row.pauses.flat());
    const worst = Math.max(...row.pauses.map((pauses) => percentile(pauses.map((p) => p.latencyMs), 50)));
    const cells = [String(row.developers).padStart(2), row.pattern.padEnd(13), ms(all.p50).padStart(8), ms(all.p90).padStart(8), ms(worst).padStart(9), row.evaluatedPerRequest.toFixed(1).padStart(10), row.reusedPerRequest.toFixed(0).padStart(8), row.resultCacheHits.padStart(12)];
    return cells.join("  ");
}

async function hearthRow(serverPath: string, modelPath: string, developers: number): Promise<Row> {
    const results = await onServer(serverPath, modelPath, developers, (url) => {
        const settings = { completion: { backend: "llama-server", server: { url } }, chat: { backend: "llama-server", server: { url } } };
        return team(developers, (trace, i) => replayOnHearth(settings, trace, fixedTokens, `file:///team/developer-${i + 1}/rateLimiter.ts`));
    });
    const answered = results.flatMap((result) => result.pauses).filter((p) => !p.cacheHit);
    const count = Math.max(1, answered.length);
    return {
        developers,
        pattern: "Hearth",
        pauses: results.map((result) => result.pauses),
        evaluatedPerRequest: answered.reduce((n, p) => n + p.evaluatedTokens, 0) / count,
        reusedPerRequest: answered.reduce((n, p) => n + (p.promptTokens - p.evaluatedTokens), 0) / count,
        resultCacheHits: `${results.reduce((n, r) => n + r.cacheHits, 0)}/${results.reduce((n, r) => n + r.answered, 0)}`
    };
}

async function llamaVscodeRow(serverPath: string, modelPath: string, developers: number): Promise<Row> {
    const results = await onServer(serverPath, modelPath, developers, (url) => team(developers, (trace) => replayLlamaVscodePattern(url, trace, fixedTokens)));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const pauses = results.map((result) => result.pauses);
    return {
        developers,
        pattern: "llama.vscode",
        pauses,
        evaluatedPerRequest: mean(results.map((result) => result.evaluatedPerRequest)),
        reusedPerRequest: mean(results.map((result) => result.reusedPerRequest)),
        resultCacheHits: `${pauses.flat().filter((p) => p.cacheHit).length}/${pauses.flat().length} pauses`
    };
}

async function main(): Promise<void> {
    const found = findLlamaServer();
    if (!("path" in found)) throw new Error(`bench:team needs llama-server: ${found.missing}`);
    process.stdout.write("making the Qwen2.5-Coder-0.5B-shaped model (cached after the first run)…\n");
    const modelPath = await ensureModel("qwen2.5-coder-0.5b");
    const slice = developerTrace(0).keystrokes;
    process.stdout.write(`per developer: the first ${slice.length} keystrokes of the trace (${slice.filter((k) => k.pause).length} pauses), ${fixedTokens} tokens per suggestion; server: llama-server ${serverArgs(1).join(" ")} (-c and -np scaled with N)\n`);
    process.stdout.write(`\n N  pattern            p50       p90  worst p50  evaluated  cached  result cache\n`);
    const rows: Row[] = [];
    for (const developers of teamSizes) {
        for (const row of [await hearthRow(found.path, modelPath, developers), await llamaVscodeRow(found.path, modelPath, developers)]) {
            rows.push(row);
            process.stdout.write(`${format(row)}\n`);
        }
    }
    const p50 = (developers: number, pattern: string) => latencies(rows.find((r) => r.developers === developers && r.pattern === pattern)!.pauses.flat()).p50;
    const hearthAnswered = rows.filter((r) => r.pattern === "Hearth").flatMap((r) => r.pauses.flat());
    const e = await evaluation(modelPath, hearthAnswered);
    process.stdout.write(
        [
            "",
            "p50/p90: keystroke to suggestion over every developer's pauses; worst p50: the slowest developer's; evaluated and cached: prompt tokens per request the server evaluated and took from its cache",
            `Hearth p50 at N = 4 / p50 at N = 1 = ${(p50(4, "Hearth") / p50(1, "Hearth")).toFixed(2)}×; curve ${teamSizes.map((n) => `${n}: ${ms(p50(n, "Hearth"))}`).join(", ")}`,
            `llama.vscode p50 at N = 4 / p50 at N = 1 = ${(p50(4, "llama.vscode") / p50(1, "llama.vscode")).toFixed(2)}×; Hearth p50 / llama.vscode p50 at N = ${teamSizes.map((n) => `${n}: ${(p50(n, "Hearth") / p50(n, "llama.vscode")).toFixed(2)}×`).join(", ")}`,
            `Hearth, all N: ${e.evaluatedPerRequest.toFixed(1)} prompt tokens evaluated per answered request for ${e.changedPerRequest.toFixed(1)} truly changed  →  ratio ${e.ratio.toFixed(2)}×`
        ].join("\n") + "\n"
    );
}

main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
