// Replays a typing trace against the Hearth engine exactly as VS Code drives it: one didChange and one
// inline completion request per keystroke, each request cancelling the one before.
import { readFileSync } from "node:fs";
import { debugEnv, LspClient } from "../engine/lspClient";
import type { TypingTrace } from "./typingTrace";

export interface PauseSample {
    /** Keystroke to suggestion on screen. */
    latencyMs: number;
    cacheHit: boolean;
    evaluatedTokens: number;
    promptTokens: number;
    /** Text typed since the engine last evaluated a prompt for this document. */
    changedText: string;
    shown: boolean;
}

export interface ReplayResult {
    pauses: PauseSample[];
    requests: number;
    answered: number;
    cacheHits: number;
    rssMiB: number;
    peakRssMiB: number;
    /** Prompt evaluation and generation speed measured on a cold prompt in the same run. */
    calibration: { promptTokensPerSecond: number; generatedTokensPerSecond: number };
}

interface Stats {
    evaluatedTokens: number;
    promptTokens: number;
    generatedTokens: number;
    promptMs: number;
    generateMs: number;
    cacheHit: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function memoryOf(pid: number): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
    return { rss: field("VmRSS"), peak: field("VmHWM") };
}

function positionAt(text: string, offset: number) {
    const before = text.slice(0, offset);
    const line = before.split("\n").length - 1;
    return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** Hearth's settings for a replay: the model, or the server a role runs on. */
export interface ReplaySettings {
    model?: Record<string, unknown>;
    completion?: Record<string, unknown>;
    [section: string]: unknown;
}

/** The settings that run completions on the local model at `modelPath`, as `npm run bench` measures it. */
export function localModelSettings(modelPath: string): ReplaySettings {
    return { model: { path: modelPath, contextSize: 8192, threads: 0 } };
}

export async function replayOnHearth(settings: ReplaySettings, trace: TypingTrace, fixedTokens: number, uri = "file:///bench/rateLimiter.ts"): Promise<ReplayResult> {
    const client = new LspClient(debugEnv);
    const status = await client.start({ ...settings, completion: { ...settings.completion, enabled: true, maxTokens: fixedTokens } });
    if (status.state !== "ready") throw new Error(`engine not ready: ${JSON.stringify(status)}\n${client.logTail()}`);
    // Every suggestion generates exactly `fixedTokens`, as llama-server's are made to, so both do equal work.
    await client.configureDebug({ completionFixedTokens: fixedTokens });

    let lastStats: Stats | undefined;
    let statsCount = 0;
    const readStats = () => {
        const all = client.notifications.filter((n) => n.method === "hearth/completion/didFinish");
        if (all.length > statsCount) {
            statsCount = all.length;
            lastStats = all.at(-1)!.params as Stats;
            return lastStats;
        }
        return undefined;
    };

    let text = trace.initialText;
    let cursor = trace.cursor;
    let version = 1;
    client.open(uri, text);

    // Calibration: the cold first request evaluates the whole prompt, giving this run's speeds.
    await client.call("textDocument/inlineCompletion", { textDocument: { uri }, position: positionAt(text, cursor), context: { triggerKind: 1 } });
    const cold = readStats()!;
    const calibration = {
        promptTokensPerSecond: (cold.evaluatedTokens / cold.promptMs) * 1000,
        generatedTokensPerSecond: (cold.generatedTokens / Math.max(1, cold.generateMs)) * 1000
    };
    let evaluatedAt = cursor;

    const pauses: PauseSample[] = [];
    let requests = 0;
    let answered = 0;
    let cacheHits = 0;
    let previous: { id: number; result: Promise<unknown> } | undefined;
    for (const key of trace.keystrokes) {
        await sleep(key.delayMs);
        const start = positionAt(text, cursor);
        text = text.slice(0, cursor) + key.text + text.slice(cursor);
        cursor += key.text.length;
        client.notify("textDocument/didChange", {
            textDocument: { uri, version: ++version },
            contentChanges: [{ range: { start, end: start }, text: key.text }]
        });
        if (previous) client.cancel(previous.id);
        const sent = performance.now();
        const request = client.request<{ items?: unknown[] } | unknown[] | null>("textDocument/inlineCompletion", {
            textDocument: { uri },
            position: positionAt(text, cursor),
            context: { triggerKind: 2 }
        });
        requests++;
        const requestCursor = cursor;
        const settled = request.result.then(
            (list) => {
                answered++;
                const stats = readStats();
                if (stats?.cacheHit) cacheHits++;
                else if (stats) evaluatedAt = requestCursor;
                const items = Array.isArray(list) ? list : (list?.items ?? []);
                return { stats, shown: items.length > 0, at: performance.now() };
            },
            () => undefined
        );
        previous = request;
        if (key.pause) {
            const changedText = text.slice(evaluatedAt, cursor);
            const outcome = await settled;
            if (outcome?.stats) {
                pauses.push({
                    latencyMs: outcome.at - sent,
                    cacheHit: outcome.stats.cacheHit,
                    evaluatedTokens: outcome.stats.evaluatedTokens,
                    promptTokens: outcome.stats.promptTokens,
                    changedText,
                    shown: outcome.shown
                });
            }
            previous = undefined;
        }
    }
    await previous?.result.catch(() => undefined);
    const memory = memoryOf(client.process.pid!);
    await client.stop();
    return { pauses, requests, answered, cacheHits, rssMiB: memory.rss, peakRssMiB: memory.peak, calibration };
}
