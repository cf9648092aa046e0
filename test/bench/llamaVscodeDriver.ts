// Drives llama-server the way the llama.vscode extension (ggml-org/llama.vscode: src/completion.ts,
// src/llama-server.ts, src/extra-context.ts, src/lru-cache.ts, src/architect.ts) does, so Hearth's
// keystroke-to-suggestion latency can be compared with it in the same run.
import { createHash } from "node:crypto";
import { infill, type InfillResponse } from "./llamaVscodeServer";
import type { Change, Driver, KeystrokeOutcome } from "./trace";

// llama.vscode's defaults: lines of prefix and suffix around the cursor, then its caches and ring of extra context.
export const N_PREFIX = 256;
export const N_SUFFIX = 64;
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

interface Chunk {
    text: string;
    time: number;
    filename: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hash = (key: string) => createHash("sha256").update(key).digest("hex");
const fileName = (uri: string) => new URL(uri).pathname;

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

/** llama.vscode's ring of extra-context chunks: picked around the cursor after suggestions and on switching editors. */
class ChunkRing {
    readonly chunks: Chunk[] = [];
    private readonly queued: Chunk[] = [];
    private lastLinePick = -9999;
    lastCompletionStart = 0;

    gather(lines: string[], line: number, filename: string): void {
        if (Math.abs(line - this.lastLinePick) <= MAX_LAST_PICK_LINE_DISTANCE) return;
        const last = lines.length - 1;
        this.pick(lines.slice(Math.max(0, line - RING_SCOPE), Math.max(0, line - N_PREFIX) + 1), filename, false);
        this.pick(lines.slice(Math.min(last, line + N_SUFFIX), Math.min(last, line + N_SUFFIX + RING_CHUNK_SIZE) + 1), filename, false);
        this.lastLinePick = line;
    }

    /** pickChunkAroundCursor, on switching editors (skipped for documents with unsaved changes). */
    around(lines: string[], line: number, filename: string): void {
        this.pick(lines.slice(Math.max(0, line - RING_CHUNK_SIZE / 2), Math.min(line + RING_CHUNK_SIZE / 2, lines.length - 1) + 1), filename, true);
    }

    /** Moves one queued chunk into the ring once typing has paused; true when the server should be told. */
    update(): boolean {
        if (this.queued.length === 0 || Date.now() - this.lastCompletionStart < RING_UPDATE_MIN_TIME_LAST_COMPL) return false;
        this.chunks.push(this.queued.shift()!);
        while (this.chunks.length > RING_N_CHUNKS) this.chunks.shift();
        return true;
    }

    private pick(lines: string[], filename: string, evict: boolean): void {
        if (lines.length < 3) return;
        let picked = lines;
        if (lines.length + 1 >= RING_CHUNK_SIZE) {
            const start = Math.floor(Math.random() * Math.max(0, lines.length - RING_CHUNK_SIZE / 2 + 1));
            picked = lines.slice(start, Math.min(start + RING_CHUNK_SIZE / 2, lines.length));
        }
        const text = `${picked.join("\n")}\n`;
        if (evict && [...this.chunks, ...this.queued].some((c) => c.text === text)) return;
        if (this.queued.length >= MAX_QUEUED_CHUNKS) this.queued.shift();
        this.queued.push({ text, time: Date.now(), filename });
    }
}

function splitLines(text: string): string[] {
    const lines = text.split(/\r?\n/);
    while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
    return lines;
}

export class LlamaVscodeDriver implements Driver {
    /** `timings.prompt_n` of every request that missed the result cache: prompt tokens the server evaluated. */
    readonly evaluated: number[] = [];
    /** `timings.cache_n` of the same requests: prompt tokens the server took from its cache. */
    readonly reused: number[] = [];
    private readonly cache = new ResultCache();
    private readonly ring = new ChunkRing();
    private readonly documents = new Map<string, { text: string; dirty: boolean; cursor: number }>();
    private readonly background = new Set<Promise<unknown>>();
    private readonly ringTimer: NodeJS.Timeout;
    private failure: Error | undefined;
    private current: string | undefined;
    private inProgress = false;
    private latest = 0;

    /** Drives the llama-server at `url`. */
    constructor(private readonly url: string, private readonly fixedTokens: number) {
        this.ringTimer = setInterval(() => {
            if (!this.ring.update()) return;
            // llama.vscode's ring update: evaluate the new extra context now, generating nothing.
            this.inBackground(infill(url, { input_prefix: "", input_suffix: "", input_extra: this.ring.chunks, prompt: "", n_predict: 0, samplers: [], cache_prompt: true, t_max_prompt_ms: T_MAX_PROMPT_MS, t_max_predict_ms: 1 }));
        }, RING_UPDATE_MS);
    }

    open(uri: string, text: string): void {
        this.documents.set(uri, { text, dirty: false, cursor: 0 });
    }

    jump(uri: string, text: string, cursor: number): void {
        const previous = this.current && this.current !== uri ? this.documents.get(this.current) : undefined;
        if (previous && !previous.dirty) this.ring.around(previous.text.split("\n"), lineOf(previous.text, previous.cursor), fileName(this.current!));
        const document = this.documents.get(uri)!;
        if (this.current !== uri && !document.dirty) this.ring.around(text.split("\n"), lineOf(text, cursor), fileName(uri));
        document.cursor = cursor;
        this.current = uri;
    }

    settled(): void {
        // llama.vscode does nothing when the cursor comes to rest.
    }

    keystroke(uri: string, _change: Change, _before: string, text: string, cursor: number): Promise<KeystrokeOutcome | undefined> {
        if (this.failure) return Promise.reject(this.failure);
        this.documents.set(uri, { text, dirty: true, cursor });
        const result = this.attempt(++this.latest, uri, text, cursor);
        this.inBackground(result);
        return result;
    }

    /** Waits for the requests still running, stops the ring updates, and fails if any request failed. */
    async finish(): Promise<void> {
        clearInterval(this.ringTimer);
        while (this.background.size > 0) await Promise.all(this.background);
        if (this.failure) throw this.failure;
    }

    private inBackground(work: Promise<unknown>): void {
        const tracked = work.catch((error: unknown) => void (this.failure ??= error instanceof Error ? error : new Error(String(error)))).finally(() => this.background.delete(tracked));
        this.background.add(tracked);
    }

    // As llama.vscode sends them, except that every request must generate exactly `fixedTokens` tokens, as
    // Hearth does in this benchmark: eos is ignored, n_indent and the t_max_predict_ms limit are left out,
    // and so is the "infill" sampler, which ends generation when no token reaches 20% probability (always,
    // on a model with random weights) whatever ignore_eos says. It costs nothing next to a decode.
    private async fill(inputPrefix: string, inputSuffix: string, prompt: string): Promise<InfillResponse> {
        const data = await infill(this.url, {
            input_prefix: inputPrefix,
            input_suffix: inputSuffix,
            input_extra: this.ring.chunks,
            prompt,
            n_predict: this.fixedTokens,
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
        if (generated !== undefined && generated !== this.fixedTokens) throw new Error(`llama-server generated ${generated} tokens instead of ${this.fixedTokens}`);
        return data;
    }

    /**
     * One automatic completion attempt (getCompletionItems). VS Code cancels it when the next keystroke arrives;
     * a cancelled attempt still waiting for the one in flight gives up, one in flight runs to the end.
     */
    private async attempt(ticket: number, uri: string, text: string, cursor: number): Promise<KeystrokeOutcome | undefined> {
        const cancelled = () => ticket !== this.latest;
        while (this.inProgress) {
            await sleep(DELAY_BEFORE_COMPL_REQUEST);
            if (cancelled()) return undefined;
        }
        this.inProgress = true;
        try {
            this.ring.lastCompletionStart = Date.now();
            const lines = text.split("\n");
            const before = text.slice(0, cursor);
            const line = before.split("\n").length - 1;
            const linePrefix = before.slice(before.lastIndexOf("\n") + 1);
            const lineSuffix = lines[line].slice(linePrefix.length);
            const prompt = /^[ \t]*$/.test(linePrefix) ? "" : linePrefix;
            const inputPrefix = `${lines.slice(Math.max(0, line - N_PREFIX), line).join("\n")}\n`;
            const inputSuffix = `${lineSuffix}\n${lines.slice(line + 1, Math.min(lines.length - 1, line + N_SUFFIX) + 1).join("\n")}\n`;

            let completion = this.cache.lookup(inputPrefix, inputSuffix, prompt);
            const cacheHit = completion !== undefined;
            let data: InfillResponse | undefined;
            if (!cacheHit) {
                if (cancelled()) return undefined;
                data = await this.fill(inputPrefix, inputSuffix, prompt);
                this.evaluated.push(data.timings?.prompt_n ?? 0);
                this.reused.push(data.timings?.cache_n ?? 0);
                completion = data.content;
            }
            const promptTokens = (data?.timings?.prompt_n ?? 0) + (data?.timings?.cache_n ?? 0) || (data?.tokens_evaluated ?? 0);
            const outcome = { at: performance.now(), cacheHit, evaluatedTokens: data?.timings?.prompt_n ?? 0, promptTokens, shown: false };
            if (completion!.trim() === "") return outcome;

            // The traces type in front of existing lines, which stay right of the cursor; llama.vscode's checks
            // of that text (no automatic trigger past 8 characters, no speculation, first line only) would then
            // never let it suggest, so they are judged as for a typist on a fresh line.
            const suggestion = splitLines(completion!);
            if (!cacheHit) this.cache.put(hash(`${inputPrefix}|${inputSuffix}|${prompt}`), suggestion.join("\n"));
            // Tracked from now, not from inside the timeout, so the replay waits for it before stopping.
            this.inBackground(sleep(0).then(async () => {
                if (!cancelled()) await this.cacheFuture(inputPrefix, inputSuffix, prompt, suggestion);
                if (!cancelled()) this.ring.gather(lines, line, fileName(uri));
            }));
            return { ...outcome, shown: true };
        } finally {
            this.inProgress = false;
        }
    }

    /** The speculative request for the text after accepting (cacheFutureSuggestion) and the free entry for accepting its first line. */
    private async cacheFuture(inputPrefix: string, inputSuffix: string, prompt: string, lines: string[]): Promise<void> {
        let futurePrefix = inputPrefix;
        let futurePrompt = prompt + lines[0];
        if (lines.length > 1) {
            futurePrefix = `${inputPrefix}${prompt}${lines.slice(0, -1).join("\n")}\n`;
            futurePrompt = lines.at(-1)!;
            const prefixLines = futurePrefix.slice(0, -1).split(/\r?\n/);
            if (prefixLines.length > N_PREFIX) futurePrefix = `${prefixLines.slice(-N_PREFIX).join("\n")}\n`;
        }
        const futureKey = hash(`${futurePrefix}|${inputSuffix}|${futurePrompt}`);
        if (this.cache.get(futureKey) === undefined) {
            const data = await this.fill(futurePrefix, inputSuffix, futurePrompt);
            if (data.content.trim() !== "") this.cache.put(futureKey, splitLines(data.content).join("\n"));
        }
        if (lines.length > 1) {
            const acceptLineKey = hash(`${inputPrefix}${prompt}${lines[0]}\n|${inputSuffix}|`);
            if (this.cache.get(acceptLineKey) === undefined) this.cache.put(acceptLineKey, lines.slice(1).join("\n"));
        }
    }
}

function lineOf(text: string, offset: number): number {
    return text.slice(0, offset).split("\n").length - 1;
}
