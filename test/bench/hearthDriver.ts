// Drives the Hearth engine exactly as VS Code and Hearth's extension do: didOpen, hearth/cursor/didSettle when
// the cursor rests after a jump, one didChange and one inline completion request per keystroke, each request
// cancelling the one before.
import { readFileSync } from "node:fs";
import { debugEnv, LspClient } from "../engine/lspClient";
import type { Change, Driver, KeystrokeOutcome } from "./trace";

interface Stats {
    evaluatedTokens: number;
    promptTokens: number;
    generatedTokens: number;
    promptMs: number;
    generateMs: number;
    cacheHit: boolean;
}

export interface EngineMemory {
    rssMiB: number;
    peakRssMiB: number;
}

export function memoryOf(pid: number): EngineMemory {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
    return { rssMiB: field("VmRSS"), peakRssMiB: field("VmHWM") };
}

export function positionAt(text: string, offset: number) {
    const before = text.slice(0, offset);
    const line = before.split("\n").length - 1;
    return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** Hearth's settings for a benchmark: where its completion role runs. */
export type HearthSettings = Record<string, Record<string, unknown>>;

/** Completions on the model at `modelPath` in Hearth's own engine. */
export function localModel(modelPath: string): HearthSettings {
    return { model: { path: modelPath, contextSize: 8192, threads: 0 } };
}

/** Completions (and chat, so the engine loads no model of its own) on the llama-server at `url`. */
export function onLlamaServer(url: string): HearthSettings {
    return { completion: { backend: "llama-server", server: { url } }, chat: { backend: "llama-server", server: { url } } };
}

/** Starts an engine with `settings` whose every suggestion generates exactly `fixedTokens` tokens. */
export async function startHearth(settings: HearthSettings, fixedTokens: number): Promise<LspClient> {
    const client = new LspClient(debugEnv);
    const status = await client.start({ ...settings, completion: { ...settings.completion, enabled: true, maxTokens: fixedTokens } });
    if (status.state !== "ready") {
        const log = client.logTail();
        await client.stop();
        throw new Error(`engine not ready: ${JSON.stringify(status)}\n${log}`);
    }
    // Every suggestion generates exactly `fixedTokens`, as llama-server's are made to, so both do equal work. On a
    // server, every developer's cold first prompt (the whole file) may arrive at once: no time limit cuts it short.
    await client.configureDebug({ completionFixedTokens: fixedTokens, serverTimeoutMs: 600_000 });
    return client;
}

/** The speed the engine measured at load, from its log. */
export async function measuredSpeed(client: LspClient): Promise<{ promptTokensPerSecond: number; generatedTokensPerSecond: number }> {
    const line = await client.waitForLog(/completion model speed on this machine/);
    const [, prompt, generated] = /prompt (\d+) tokens\/s, generation ([\d.]+) tokens\/s/.exec(line.message)!;
    return { promptTokensPerSecond: Number(prompt), generatedTokensPerSecond: Number(generated) };
}

export class HearthDriver implements Driver {
    requests = 0;
    answered = 0;
    cacheHits = 0;
    private statsCount = 0;
    private readonly versions = new Map<string, number>();
    /** Where each document's cursor was at the engine's last model evaluation. */
    private readonly evaluatedAt = new Map<string, number>();
    private previous: { id: number } | undefined;

    constructor(readonly client: LspClient) {}

    open(uri: string, text: string): void {
        this.versions.set(uri, 1);
        this.client.open(uri, text, uri.endsWith(".py") ? "python" : "typescript");
    }

    jump(uri: string, _text: string, cursor: number): void {
        this.evaluatedAt.set(uri, cursor);
    }

    settled(uri: string, text: string, cursor: number): void {
        this.client.notify("hearth/cursor/didSettle", { textDocument: { uri }, position: positionAt(text, cursor) });
    }

    keystroke(uri: string, change: Change, before: string, text: string, cursor: number): Promise<KeystrokeOutcome | undefined> {
        const range = { start: positionAt(before, change.start), end: positionAt(before, change.end) };
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        this.client.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text: change.text }] });
        if (this.previous) this.client.cancel(this.previous.id);
        const request = this.client.request<{ items?: unknown[] } | unknown[] | null>("textDocument/inlineCompletion", {
            textDocument: { uri },
            position: positionAt(text, cursor),
            context: { triggerKind: 2 }
        });
        this.previous = request;
        this.requests++;
        const changedText = text.slice(Math.min(this.evaluatedAt.get(uri) ?? cursor, cursor), cursor);
        return request.result.then(
            (list) => {
                const at = performance.now();
                this.answered++;
                const stats = this.readStats();
                if (!stats) return undefined;
                if (stats.cacheHit) this.cacheHits++;
                else this.evaluatedAt.set(uri, cursor);
                const items = Array.isArray(list) ? list : (list?.items ?? []);
                const generated = { tokens: stats.generatedTokens, ms: stats.generateMs };
                return { at, cacheHit: stats.cacheHit, evaluatedTokens: stats.evaluatedTokens, promptTokens: stats.promptTokens, shown: items.length > 0, changedText, generated };
            },
            () => undefined
        );
    }

    /** The stats of the answer that just arrived: the engine sends them right before it. */
    private readStats(): Stats | undefined {
        const all = this.client.notifications.filter((n) => n.method === "hearth/completion/didFinish");
        if (all.length === this.statsCount) return undefined;
        this.statsCount = all.length;
        return all.at(-1)!.params as Stats;
    }
}
