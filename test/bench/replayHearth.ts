// Replays a typing trace against the Hearth engine exactly as VS Code drives it: one didChange and one
// inline completion request per keystroke, each request cancelling the one before.
import { readFileSync } from "node:fs";
import { debugEnv, LspClient } from "../engine/lspClient";
import type { TypingTrace } from "./keystrokeTrace";

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

/** One document's replay: the text as typed so far, and what the engine answered. */
class DocumentReplay {
    text: string;
    cursor: number;
    private version = 1;
    /** Where the engine last evaluated a prompt for this document. */
    private evaluatedAt: number;
    private statsCount = 0;
    readonly pauses: PauseSample[] = [];
    requests = 0;
    answered = 0;
    cacheHits = 0;

    constructor(private readonly client: LspClient, private readonly uri: string, trace: TypingTrace) {
        this.text = trace.initialText;
        this.cursor = trace.cursor;
        this.evaluatedAt = trace.cursor;
        client.open(uri, this.text);
    }

    /** The engine's stats of the latest finished completion, once per completion. */
    readStats(): Stats | undefined {
        const all = this.client.notifications.filter((n) => n.method === "hearth/completion/didFinish");
        if (all.length <= this.statsCount) return undefined;
        this.statsCount = all.length;
        return all.at(-1)!.params as Stats;
    }

    /** The cold first request evaluates the whole prompt, giving this run's speeds. */
    async calibrate(): Promise<ReplayResult["calibration"]> {
        await this.client.call("textDocument/inlineCompletion", { textDocument: { uri: this.uri }, position: positionAt(this.text, this.cursor), context: { triggerKind: 1 } });
        const cold = this.readStats();
        if (!cold) throw new Error(`the engine made no suggestion for the first request\n${this.client.logTail()}`);
        return {
            promptTokensPerSecond: (cold.evaluatedTokens / cold.promptMs) * 1000,
            generatedTokensPerSecond: (cold.generatedTokens / Math.max(1, cold.generateMs)) * 1000
        };
    }

    type(text: string): void {
        const start = positionAt(this.text, this.cursor);
        this.text = this.text.slice(0, this.cursor) + text + this.text.slice(this.cursor);
        this.cursor += text.length;
        this.client.notify("textDocument/didChange", {
            textDocument: { uri: this.uri, version: ++this.version },
            contentChanges: [{ range: { start, end: start }, text }]
        });
    }

    /** Asks for a suggestion at the cursor; `settled` tells what came of it and when. */
    complete() {
        const sent = performance.now();
        const request = this.client.request<{ items?: unknown[] } | unknown[] | null>("textDocument/inlineCompletion", {
            textDocument: { uri: this.uri },
            position: positionAt(this.text, this.cursor),
            context: { triggerKind: 2 }
        });
        this.requests++;
        const requestCursor = this.cursor;
        const settled = request.result.then(
            (list) => {
                this.answered++;
                const stats = this.readStats();
                if (stats?.cacheHit) this.cacheHits++;
                else if (stats) this.evaluatedAt = requestCursor;
                const items = Array.isArray(list) ? list : (list?.items ?? []);
                return { stats, shown: items.length > 0, latencyMs: performance.now() - sent };
            },
            () => undefined
        );
        return { request, settled };
    }

    /** The user stops typing: waits for the suggestion and keeps it as a sample. */
    async pause(settled: ReturnType<DocumentReplay["complete"]>["settled"]): Promise<void> {
        const changedText = this.text.slice(this.evaluatedAt, this.cursor);
        const outcome = await settled;
        if (!outcome?.stats) return;
        const { latencyMs, shown, stats } = outcome;
        this.pauses.push({ latencyMs, cacheHit: stats.cacheHit, evaluatedTokens: stats.evaluatedTokens, promptTokens: stats.promptTokens, changedText, shown });
    }
}

export async function replayOnHearth(settings: ReplaySettings, trace: TypingTrace, fixedTokens: number, uri = "file:///bench/rateLimiter.ts"): Promise<ReplayResult> {
    const client = new LspClient(debugEnv);
    const status = await client.start({ ...settings, completion: { ...settings.completion, enabled: true, maxTokens: fixedTokens } });
    if (status.state !== "ready") throw new Error(`engine not ready: ${JSON.stringify(status)}\n${client.logTail()}`);
    // Every suggestion generates exactly `fixedTokens`, as llama-server's are made to, so both do equal work. On a
    // server, every developer's cold first prompt (the whole file) arrives at once: no time limit cuts it short.
    await client.configureDebug({ completionFixedTokens: fixedTokens, serverTimeoutMs: 600_000 });
    const replay = new DocumentReplay(client, uri, trace);
    const calibration = await replay.calibrate();
    let previous: ReturnType<DocumentReplay["complete"]>["request"] | undefined;
    for (const key of trace.keystrokes) {
        await sleep(key.delayMs);
        replay.type(key.text);
        if (previous) client.cancel(previous.id);
        const { request, settled } = replay.complete();
        previous = request;
        if (key.pause) {
            await replay.pause(settled);
            previous = undefined;
        }
    }
    await previous?.result.catch(() => undefined);
    const memory = memoryOf(client.process.pid!);
    await client.stop();
    const { pauses, requests, answered, cacheHits } = replay;
    return { pauses, requests, answered, cacheHits, rssMiB: memory.rss, peakRssMiB: memory.peak, calibration };
}
