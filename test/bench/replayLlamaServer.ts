// Replays a typing trace against llama-server the way the llama.vscode extension (ggml-org/llama.vscode,
// src/completion.ts, src/llama-server.ts, src/extra-context.ts, src/lru-cache.ts) drives it, so Hearth's
// keystroke-to-suggestion latency can be compared with it in the same run.
import { ChunkRing, DELAY_BEFORE_COMPL_REQUEST, hash, N_PREFIX, N_SUFFIX, ResultCache, RING_UPDATE_MS, splitLines, T_MAX_PROMPT_MS } from "./llamaVscodeState";
import type { PauseSample } from "./replayHearth";
import type { TypingTrace } from "./keystrokeTrace";

interface InfillResponse {
    content: string;
    tokens_evaluated?: number;
    timings?: { prompt_n?: number; cache_n?: number; predicted_n?: number };
}

/** What one completion attempt brought: null when it was cancelled. */
type Outcome = Omit<PauseSample, "latencyMs" | "changedText"> & { at: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The command line llama.vscode's documentation gives for a CPU completion server (`-np` added for several users). */
export const llamaVscodeServerArgs = ["-c", "8192", "-t", "2", "-ub", "1024", "-b", "1024", "-fa", "on", "--cache-reuse", "256"];

async function infillAt(url: string, body: object): Promise<InfillResponse> {
    const response = await fetch(`${url}/infill`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`llama-server /infill answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as InfillResponse;
}

/** llama.vscode's view of the text around the cursor: prefix lines, suffix lines, and the typed part of the line. */
function contextAt(text: string, cursor: number) {
    const lines = text.split("\n");
    const before = text.slice(0, cursor);
    const line = before.split("\n").length - 1;
    const linePrefix = before.slice(before.lastIndexOf("\n") + 1);
    const lineSuffix = lines[line].slice(linePrefix.length);
    const prompt = /^[ \t]*$/.test(linePrefix) ? "" : linePrefix;
    const inputPrefix = `${lines.slice(Math.max(0, line - N_PREFIX), line).join("\n")}\n`;
    const inputSuffix = `${lineSuffix}\n${lines.slice(line + 1, Math.min(lines.length - 1, line + N_SUFFIX) + 1).join("\n")}\n`;
    return { lines, line, prompt, inputPrefix, inputSuffix };
}

/** One llama.vscode client: its caches, its ring of extra context, and the requests it sends. */
class LlamaVscodeClient {
    private readonly cache = new ResultCache();
    private readonly ring = new ChunkRing();
    readonly evaluated: number[] = [];
    readonly reused: number[] = [];
    private readonly background = new Set<Promise<unknown>>();
    failure: Error | undefined;
    private inProgress = false;
    latest = 0;
    private readonly ringTimer: NodeJS.Timeout;

    constructor(private readonly url: string, private readonly fixedTokens: number) {
        this.ringTimer = setInterval(() => {
            if (!this.ring.update()) return;
            // llama.vscode's ring update: evaluate the new extra context now, generating nothing.
            this.inBackground(infillAt(this.url, { input_prefix: "", input_suffix: "", input_extra: this.ring.chunks, prompt: "", n_predict: 0, samplers: [], cache_prompt: true, t_max_prompt_ms: T_MAX_PROMPT_MS, t_max_predict_ms: 1 }));
        }, RING_UPDATE_MS);
    }

    inBackground(work: Promise<unknown>): void {
        const tracked = work.catch((error: unknown) => void (this.failure ??= error instanceof Error ? error : new Error(String(error)))).finally(() => this.background.delete(tracked));
        this.background.add(tracked);
    }

    /** Waits for all background work, then stops the ring's timer. */
    async settle(): Promise<void> {
        while (this.background.size > 0) await Promise.all(this.background);
        this.stop();
    }

    stop(): void {
        clearInterval(this.ringTimer);
    }

    // As llama.vscode sends them, except that every request must generate exactly `fixedTokens` tokens, as
    // Hearth does in this benchmark: eos is ignored, n_indent and the t_max_predict_ms limit are left out,
    // and so is the "infill" sampler, which ends generation when no token reaches 20% probability (always,
    // on a model with random weights) whatever ignore_eos says. It costs nothing next to a decode.
    private async infill(inputPrefix: string, inputSuffix: string, prompt: string): Promise<InfillResponse> {
        const data = await infillAt(this.url, {
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
        if (generated !== undefined && generated !== this.fixedTokens) {
            throw new Error(`llama-server generated ${generated} tokens instead of ${this.fixedTokens}`);
        }
        return data;
    }

    // Speculative request for the text the user sees after accepting the suggestion (cacheFutureSuggestion),
    // and the free cache entry for accepting its first line (cacheFutureAcceptLineSuggestion).
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
            const data = await this.infill(futurePrefix, inputSuffix, futurePrompt);
            if (data.content.trim() !== "") this.cache.put(futureKey, splitLines(data.content).join("\n"));
        }
        if (lines.length > 1) {
            const acceptLineKey = hash(`${inputPrefix}${prompt}${lines[0]}\n|${inputSuffix}|`);
            if (this.cache.get(acceptLineKey) === undefined) this.cache.put(acceptLineKey, lines.slice(1).join("\n"));
        }
    }

    /**
     * One automatic completion attempt (getCompletionItems). VS Code cancels it when the next keystroke arrives; a
     * cancelled attempt still waiting for the one in flight gives up, one in flight runs to the end. Resolves when
     * the suggestion is available, or null when cancelled.
     */
    async attempt(ticket: number, text: string, cursor: number): Promise<Outcome | null> {
        const cancelled = () => ticket !== this.latest;
        while (this.inProgress) {
            await sleep(DELAY_BEFORE_COMPL_REQUEST);
            if (cancelled()) return null;
        }
        this.inProgress = true;
        try {
            this.ring.lastCompletionStart = Date.now();
            return await this.suggest(text, cursor, cancelled);
        } finally {
            this.inProgress = false;
        }
    }

    private async suggest(text: string, cursor: number, cancelled: () => boolean): Promise<Outcome | null> {
        const { lines, line, prompt, inputPrefix, inputSuffix } = contextAt(text, cursor);
        let completion = this.cache.lookup(inputPrefix, inputSuffix, prompt);
        const cacheHit = completion !== undefined;
        let data: InfillResponse | undefined;
        if (!cacheHit) {
            if (cancelled()) return null;
            data = await this.infill(inputPrefix, inputSuffix, prompt);
            this.evaluated.push(data.timings?.prompt_n ?? 0);
            this.reused.push(data.timings?.cache_n ?? 0);
            completion = data.content;
        }
        const promptTokens = (data?.timings?.prompt_n ?? 0) + (data?.timings?.cache_n ?? 0) || (data?.tokens_evaluated ?? 0);
        const outcome = { at: performance.now(), cacheHit, evaluatedTokens: data?.timings?.prompt_n ?? 0, promptTokens, shown: false };
        if (completion!.trim() === "") return outcome;

        // The trace types in front of an existing line, which stays right of the cursor; llama.vscode's
        // checks of that text (no automatic trigger past 8 characters, no speculation, first line only)
        // would then never let it suggest, so they are judged as for a typist on a fresh line.
        const suggestion = splitLines(completion!);
        if (!cacheHit) this.cache.put(hash(`${inputPrefix}|${inputSuffix}|${prompt}`), suggestion.join("\n"));
        // Tracked from now, not from inside the timeout, so the replay waits for it before stopping.
        this.inBackground(sleep(0).then(async () => {
            if (!cancelled()) await this.cacheFuture(inputPrefix, inputSuffix, prompt, suggestion);
            if (!cancelled()) this.ring.gather(lines, line);
        }));
        return { ...outcome, shown: true };
    }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/**
 * Replays `trace` with llama.vscode's request pattern against the llama-server at `url`. `evaluatedPerRequest` and
 * `reusedPerRequest` are the means of `timings.prompt_n` and `timings.cache_n` over the keystrokes' requests that
 * missed the result cache.
 */
export async function replayLlamaVscodePattern(url: string, trace: TypingTrace, fixedTokens: number): Promise<{ pauses: PauseSample[]; evaluatedPerRequest: number; reusedPerRequest: number }> {
    const client = new LlamaVscodeClient(url, fixedTokens);
    try {
        const pauses: PauseSample[] = [];
        let text = trace.initialText;
        let cursor = trace.cursor;
        for (const key of trace.keystrokes) {
            await sleep(key.delayMs);
            if (client.failure) break;
            text = text.slice(0, cursor) + key.text + text.slice(cursor);
            cursor += key.text.length;
            const typedAt = performance.now();
            const result = client.attempt(++client.latest, text, cursor);
            client.inBackground(result);
            if (!key.pause) continue;
            const outcome = await result;
            if (outcome) pauses.push({ latencyMs: outcome.at - typedAt, cacheHit: outcome.cacheHit, evaluatedTokens: outcome.evaluatedTokens, promptTokens: outcome.promptTokens, changedText: "", shown: outcome.shown });
        }
        await client.settle();
        if (client.failure) throw client.failure;
        return { pauses, evaluatedPerRequest: mean(client.evaluated), reusedPerRequest: mean(client.reused) };
    } finally {
        client.stop();
    }
}
