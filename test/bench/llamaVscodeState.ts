// llama.vscode's client-side state (ggml-org/llama.vscode, src/lru-cache.ts, src/extra-context.ts): its
// result cache and its ring of extra-context chunks, with its defaults.
import { createHash } from "node:crypto";

// llama.vscode's defaults.
export const N_PREFIX = 256;
export const N_SUFFIX = 64;
const MAX_CACHE_KEYS = 250;
const RING_N_CHUNKS = 16;
const RING_CHUNK_SIZE = 64;
const RING_SCOPE = 1024;
export const RING_UPDATE_MS = 1000;
const RING_UPDATE_MIN_TIME_LAST_COMPL = 3000;
const MAX_LAST_PICK_LINE_DISTANCE = 32;
const MAX_QUEUED_CHUNKS = 16;
export const DELAY_BEFORE_COMPL_REQUEST = 150;
export const T_MAX_PROMPT_MS = 500;
const FILENAME = "/bench/rateLimiter.ts";

interface Chunk {
    text: string;
    time: number;
    filename: string;
}

export const hash = (key: string) => createHash("sha256").update(key).digest("hex");

/** llama.vscode's result cache: a Map kept in recency order, keyed by sha256 of prefix|suffix|prompt. */
export class ResultCache {
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
export class ChunkRing {
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

export function splitLines(text: string): string[] {
    const lines = text.split(/\r?\n/);
    while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
    return lines;
}
