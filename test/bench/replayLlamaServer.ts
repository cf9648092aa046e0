// Replays a typing trace against llama-server the way the llama.vscode extension (ggml-org/llama.vscode,
// src/completion.ts, src/llama-server.ts, src/extra-context.ts, src/lru-cache.ts) drives it, so Hearth's
// keystroke-to-suggestion latency can be compared with it in the same run.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import type { PauseSample } from "./replayHearth";
import type { TypingTrace } from "./typingTrace";

// llama.vscode's defaults.
const N_PREFIX = 256;
const N_SUFFIX = 64;
const MAX_CACHE_KEYS = 250;
const RING_N_CHUNKS = 16;
const RING_CHUNK_SIZE = 64;
const RING_SCOPE = 1024;
const RING_UPDATE_MS = 1000;
const RING_UPDATE_MIN_TIME_LAST_COMPL = 3000;
const MAX_LAST_PICK_LINE_DISTANCE = 32;
const MAX_QUEUED_CHUNKS = 16;
const DELAY_BEFORE_COMPL_REQUEST = 150;
const T_MAX_PROMPT_MS = 500;
const FILENAME = "/bench/rateLimiter.ts";

interface InfillResponse {
    content: string;
    tokens_evaluated?: number;
    timings?: { prompt_n?: number; cache_n?: number; predicted_n?: number };
}

interface Chunk {
    text: string;
    time: number;
    filename: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hash = (key: string) => createHash("sha256").update(key).digest("hex");

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as { port: number };
            server.close(() => resolve(port));
        });
    });
}

class LlamaServerProcess {
    readonly url: string;
    private readonly child: ChildProcess;
    private log = "";
    private exit: { code: number | null; signal: string | null; error?: Error } | undefined;
    private readonly killOnExit = () => this.child.kill("SIGKILL");

    constructor(serverPath: string, modelPath: string, port: number) {
        this.url = `http://127.0.0.1:${port}`;
        // The command line llama.vscode's documentation gives for a CPU completion server.
        const args = ["-m", modelPath, "--host", "127.0.0.1", "--port", String(port), "-c", "8192", "-t", "2", "-ub", "1024", "-b", "1024", "-fa", "on", "--cache-reuse", "256"];
        this.child = spawn(serverPath, args, { stdio: ["ignore", "pipe", "pipe"] });
        const keep = (data: Buffer) => (this.log = (this.log + data.toString()).slice(-8000));
        this.child.stdout!.on("data", keep);
        this.child.stderr!.on("data", keep);
        this.child.on("error", (error) => (this.exit = { code: null, signal: null, error }));
        this.child.on("exit", (code, signal) => (this.exit ??= { code, signal }));
        process.once("exit", this.killOnExit);
    }

    async waitUntilHealthy(timeoutMs = 180_000): Promise<void> {
        const deadline = performance.now() + timeoutMs;
        while (performance.now() < deadline) {
            if (this.exit) {
                const why = this.exit.error?.message ?? `exited with code ${this.exit.code} (signal ${this.exit.signal})`;
                throw new Error(`llama-server failed to start: ${why}\n--- llama-server output ---\n${this.log}`);
            }
            const ok = await fetch(`${this.url}/health`).then((r) => r.ok, () => false);
            if (ok) return;
            await sleep(200);
        }
        throw new Error(`llama-server did not become healthy within ${timeoutMs / 1000} s\n--- llama-server output ---\n${this.log}`);
    }

    async infill(body: object): Promise<InfillResponse> {
        const response = await fetch(`${this.url}/infill`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`llama-server /infill answered ${response.status}: ${await response.text()}`);
        return (await response.json()) as InfillResponse;
    }

    async stop(): Promise<void> {
        process.removeListener("exit", this.killOnExit);
        if (this.child.exitCode !== null || this.child.signalCode !== null || this.exit?.error) return;
        const exited = new Promise((resolve) => this.child.once("exit", resolve));
        this.child.kill("SIGTERM");
        const force = setTimeout(() => this.child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(force);
    }
}

/** llama.vscode's result cache: a Map kept in recency order, keyed by sha256 of prefix|suffix|prompt. */
class ResultCache {
    private readonly map = new Map<string, string>();

    get(key: string): string | undefined {
        const value = this.map.get(key);
        if (value !== undefined) {
            this.map.delete(key);
            this.map.set(key, value);
        }
        return value;
    }

    put(key: string, value: string): void {
        this.map.delete(key);
        this.map.set(key, value);
        if (this.map.size > MAX_CACHE_KEYS) this.map.delete(this.map.keys().next().value!);
    }

    /** Exact hit, or a completion of a shorter prompt whose start the user has typed since. */
    lookup(prefix: string, suffix: string, prompt: string): string | undefined {
        const exact = this.get(hash(`${prefix}|${suffix}|${prompt}`));
        if (exact !== undefined) return exact;
        for (let i = prompt.length; i >= 0; i--) {
            const typed = prompt.slice(i);
            const result = this.get(hash(`${prefix}|${suffix}|${prompt.slice(0, i)}`));
            if (result !== undefined && result.startsWith(typed)) return result.slice(typed.length);
        }
        return undefined;
    }
}

/** llama.vscode's ring of extra-context chunks, picked around the cursor after each suggestion. */
class ChunkRing {
    readonly chunks: Chunk[] = [];
    private readonly queued: Chunk[] = [];
    private lastLinePick = -9999;
    lastCompletionStart = 0;

    gather(lines: string[], line: number): void {
        if (Math.abs(line - this.lastLinePick) <= MAX_LAST_PICK_LINE_DISTANCE) return;
        const last = lines.length - 1;
        this.pick(lines.slice(Math.max(0, line - RING_SCOPE), Math.max(0, line - N_PREFIX) + 1));
        this.pick(lines.slice(Math.min(last, line + N_SUFFIX), Math.min(last, line + N_SUFFIX + RING_CHUNK_SIZE) + 1));
        this.lastLinePick = line;
    }

    private pick(lines: string[]): void {
        if (lines.length < 3) return;
        let picked = lines;
        if (lines.length + 1 >= RING_CHUNK_SIZE) {
            const start = Math.floor(Math.random() * Math.max(0, lines.length - RING_CHUNK_SIZE / 2 + 1));
            picked = lines.slice(start, Math.min(start + RING_CHUNK_SIZE / 2, lines.length));
        }
        if (this.queued.length >= MAX_QUEUED_CHUNKS) this.queued.shift();
        this.queued.push({ text: `${picked.join("\n")}\n`, time: Date.now(), filename: FILENAME });
    }

    /** Moves one queued chunk into the ring once typing has paused; true when the server should be told. */
    update(): boolean {
        if (this.queued.length === 0 || Date.now() - this.lastCompletionStart < RING_UPDATE_MIN_TIME_LAST_COMPL) return false;
        this.chunks.push(this.queued.shift()!);
        while (this.chunks.length > RING_N_CHUNKS) this.chunks.shift();
        return true;
    }
}

function splitLines(text: string): string[] {
    const lines = text.split(/\r?\n/);
    while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
    return lines;
}

/**
 * Starts llama-server on `modelPath`, replays `trace` with llama.vscode's request pattern and stops the server.
 * `evaluatedPerRequest` is the mean of `timings.prompt_n` over the keystrokes' requests that missed the result cache.
 */
export async function replayLlamaVscodePattern(
    serverPath: string,
    modelPath: string,
    trace: TypingTrace,
    fixedTokens: number
): Promise<{ pauses: PauseSample[]; evaluatedPerRequest: number }> {
    if (!existsSync(serverPath)) throw new Error(`llama-server not found at ${serverPath} (build it with scripts/buildLlamaServer.sh)`);
    const server = new LlamaServerProcess(serverPath, modelPath, await freePort());
    const background = new Set<Promise<unknown>>();
    let failure: Error | undefined;
    const inBackground = (work: Promise<unknown>) => {
        const tracked = work.catch((error: unknown) => void (failure ??= error instanceof Error ? error : new Error(String(error)))).finally(() => background.delete(tracked));
        background.add(tracked);
    };
    let ringTimer: NodeJS.Timeout | undefined;
    try {
        await server.waitUntilHealthy();
        const cache = new ResultCache();
        const ring = new ChunkRing();
        const evaluated: number[] = [];

        // As llama.vscode sends them, except that every request must generate exactly `fixedTokens` tokens, as
        // Hearth does in this benchmark: eos is ignored, n_indent and the t_max_predict_ms limit are left out,
        // and so is the "infill" sampler, which ends generation when no token reaches 20% probability (always,
        // on a model with random weights) whatever ignore_eos says. It costs nothing next to a decode.
        const infill = async (inputPrefix: string, inputSuffix: string, prompt: string) => {
            const data = await server.infill({
                input_prefix: inputPrefix,
                input_suffix: inputSuffix,
                input_extra: ring.chunks,
                prompt,
                n_predict: fixedTokens,
                ignore_eos: true,
                top_k: 40,
                top_p: 0.99,
                stream: false,
                samplers: ["top_k", "top_p"],
                cache_prompt: true,
                t_max_prompt_ms: T_MAX_PROMPT_MS,
                t_max_predict_ms: 0
            });
            const generated = data.timings?.predicted_n;
            if (generated !== undefined && generated !== fixedTokens) {
                throw new Error(`llama-server generated ${generated} tokens instead of ${fixedTokens}`);
            }
            return data;
        };

        ringTimer = setInterval(() => {
            if (!ring.update()) return;
            // llama.vscode's ring update: evaluate the new extra context now, generating nothing.
            inBackground(server.infill({ input_prefix: "", input_suffix: "", input_extra: ring.chunks, prompt: "", n_predict: 0, samplers: [], cache_prompt: true, t_max_prompt_ms: T_MAX_PROMPT_MS, t_max_predict_ms: 1 }));
        }, RING_UPDATE_MS);

        // Speculative request for the text the user sees after accepting the suggestion (cacheFutureSuggestion),
        // and the free cache entry for accepting its first line (cacheFutureAcceptLineSuggestion).
        const cacheFuture = async (inputPrefix: string, inputSuffix: string, prompt: string, lines: string[]) => {
            let futurePrefix = inputPrefix;
            let futurePrompt = prompt + lines[0];
            if (lines.length > 1) {
                futurePrefix = `${inputPrefix}${prompt}${lines.slice(0, -1).join("\n")}\n`;
                futurePrompt = lines.at(-1)!;
                const prefixLines = futurePrefix.slice(0, -1).split(/\r?\n/);
                if (prefixLines.length > N_PREFIX) futurePrefix = `${prefixLines.slice(-N_PREFIX).join("\n")}\n`;
            }
            const futureKey = hash(`${futurePrefix}|${inputSuffix}|${futurePrompt}`);
            if (cache.get(futureKey) === undefined) {
                const data = await infill(futurePrefix, inputSuffix, futurePrompt);
                if (data.content.trim() !== "") cache.put(futureKey, splitLines(data.content).join("\n"));
            }
            if (lines.length > 1) {
                const acceptLineKey = hash(`${inputPrefix}${prompt}${lines[0]}\n|${inputSuffix}|`);
                if (cache.get(acceptLineKey) === undefined) cache.put(acceptLineKey, lines.slice(1).join("\n"));
            }
        };

        let inProgress = false;
        let latest = 0;

        // One automatic completion attempt (getCompletionItems). VS Code cancels it when the next keystroke
        // arrives; a cancelled attempt still waiting for the one in flight gives up, one in flight runs to
        // the end. Resolves when the suggestion is available, or null when cancelled.
        const attempt = async (ticket: number, text: string, cursor: number) => {
            const cancelled = () => ticket !== latest;
            while (inProgress) {
                await sleep(DELAY_BEFORE_COMPL_REQUEST);
                if (cancelled()) return null;
            }
            inProgress = true;
            try {
                ring.lastCompletionStart = Date.now();
                const lines = text.split("\n");
                const before = text.slice(0, cursor);
                const line = before.split("\n").length - 1;
                const linePrefix = before.slice(before.lastIndexOf("\n") + 1);
                const lineSuffix = lines[line].slice(linePrefix.length);
                const prompt = /^[ \t]*$/.test(linePrefix) ? "" : linePrefix;
                const inputPrefix = `${lines.slice(Math.max(0, line - N_PREFIX), line).join("\n")}\n`;
                const inputSuffix = `${lineSuffix}\n${lines.slice(line + 1, Math.min(lines.length - 1, line + N_SUFFIX) + 1).join("\n")}\n`;

                let completion = cache.lookup(inputPrefix, inputSuffix, prompt);
                const cacheHit = completion !== undefined;
                let data: InfillResponse | undefined;
                if (!cacheHit) {
                    if (cancelled()) return null;
                    data = await infill(inputPrefix, inputSuffix, prompt);
                    evaluated.push(data.timings?.prompt_n ?? 0);
                    completion = data.content;
                }
                const promptTokens = (data?.timings?.prompt_n ?? 0) + (data?.timings?.cache_n ?? 0) || (data?.tokens_evaluated ?? 0);
                const outcome = { at: performance.now(), cacheHit, evaluatedTokens: data?.timings?.prompt_n ?? 0, promptTokens, shown: false };
                if (completion!.trim() === "") return outcome;

                // The trace types in front of an existing line, which stays right of the cursor; llama.vscode's
                // checks of that text (no automatic trigger past 8 characters, no speculation, first line only)
                // would then never let it suggest, so they are judged as for a typist on a fresh line.
                const suggestion = splitLines(completion!);
                if (!cacheHit) cache.put(hash(`${inputPrefix}|${inputSuffix}|${prompt}`), suggestion.join("\n"));
                // Tracked from now, not from inside the timeout, so the replay waits for it before stopping.
                inBackground(sleep(0).then(async () => {
                    if (!cancelled()) await cacheFuture(inputPrefix, inputSuffix, prompt, suggestion);
                    if (!cancelled()) ring.gather(lines, line);
                }));
                return { ...outcome, shown: true };
            } finally {
                inProgress = false;
            }
        };

        const pauses: PauseSample[] = [];
        let text = trace.initialText;
        let cursor = trace.cursor;
        for (const key of trace.keystrokes) {
            await sleep(key.delayMs);
            if (failure) break;
            text = text.slice(0, cursor) + key.text + text.slice(cursor);
            cursor += key.text.length;
            const typedAt = performance.now();
            const result = attempt(++latest, text, cursor);
            inBackground(result);
            if (key.pause) {
                const outcome = await result;
                if (outcome) pauses.push({ latencyMs: outcome.at - typedAt, cacheHit: outcome.cacheHit, evaluatedTokens: outcome.evaluatedTokens, promptTokens: outcome.promptTokens, changedText: "", shown: outcome.shown });
            }
        }
        while (background.size > 0) await Promise.all(background);
        if (failure) throw failure;
        const evaluatedPerRequest = evaluated.reduce((a, b) => a + b, 0) / Math.max(1, evaluated.length);
        return { pauses, evaluatedPerRequest };
    } finally {
        clearInterval(ringTimer);
        await server.stop();
    }
}
