// The one generation loop on a server: sends the request, reads the streamed text through the same stop-text
// rules as the local loop, and closes the connection the moment the answer is done for Hearth (a finished
// suggestion, a stop text) or the caller aborts, so the server stops generating too. Completion and chat both
// generate through it.
import { StopTextScanner } from "../../generation/stopTexts";
import { GenerationAbortedError, type GenerateOptions, type GenerationResult, type StopReason } from "../inference";
import type { Dialect, ReportedUsage, WireRequest } from "./dialect";
import type { RequestLimits, ServerHttp } from "./serverHttp";
import type { TokenEstimate } from "./tokenEstimate";

export interface ServerGeneration {
    http: ServerHttp;
    dialect: Dialect;
    request: WireRequest;
    limits: RequestLimits;
    options: GenerateOptions;
    /** The prompt's length in characters: its tokens are estimated from it where the server reports none. */
    promptChars: number;
    estimate: TokenEstimate;
    /** A start of the answer the server may repeat before continuing it (llama-server repeats a continued message). */
    echo?: string;
}

export interface ServerResult extends GenerationResult {
    /** From sending the request to the start of the answer. */
    answerMs: number;
    /** The server slot that answered, when the server said. */
    slot?: number;
    /** Whether the prompt's cached and evaluated tokens are the server's own figures rather than estimates. */
    usageReported: boolean;
}

/** Drops `echo` from the start of the answer once the server repeated it; holds back text that may still be it. */
function withoutEcho(raw: string, echo: string | undefined): string {
    if (!echo) return raw;
    if (raw.startsWith(echo)) return raw.slice(echo.length);
    return echo.startsWith(raw) ? "" : raw;
}

class Progress {
    raw = "";
    events = 0;
    usage: ReportedUsage = {};
    firstAt = 0;
    answerMs = 0;
    slot: number | undefined;
    readonly started = performance.now();

    constructor(private readonly run: ServerGeneration) {}

    result(text: string, stop: StopReason): ServerResult {
        const { estimate, promptChars } = this.run;
        const u = this.usage;
        const promptTokens = u.promptTokens ?? (u.cachedTokens !== undefined && u.evaluatedTokens !== undefined ? u.cachedTokens + u.evaluatedTokens : undefined);
        if (promptTokens !== undefined) estimate.observe(promptChars, promptTokens);
        const prompt = promptTokens ?? u.evaluatedTokens ?? estimate.forChars(promptChars);
        const reused = u.cachedTokens ?? (u.evaluatedTokens !== undefined ? Math.max(0, prompt - u.evaluatedTokens) : 0);
        const now = performance.now();
        const firstAt = this.firstAt || now;
        return {
            text,
            stop,
            promptTokens: prompt,
            evaluatedTokens: prompt - reused,
            reusedTokens: reused,
            generatedTokens: u.generatedTokens ?? this.events,
            queueMs: 0,
            promptMs: firstAt - this.started,
            generateMs: now - firstAt,
            pausedMs: 0,
            answerMs: this.answerMs,
            usageReported: u.evaluatedTokens !== undefined || u.cachedTokens !== undefined,
            ...(this.slot !== undefined ? { slot: this.slot } : {})
        };
    }
}

/** Generates on the server; rejects with GenerationAbortedError when the signal aborts, with an EngineError when the server fails. */
export async function generateOnServer(run: ServerGeneration): Promise<ServerResult> {
    const { options } = run;
    const progress = new Progress(run);
    const scanner = new StopTextScanner(options.ignoreEndOfText ? [] : (options.stopTexts ?? []));
    try {
        const answer = await run.http.stream(run.request.path, run.request.body, options.signal, run.limits, run.request.framing);
        progress.answerMs = answer.ms;
        let reported = "";
        let finish: "end" | "limit" | undefined;
        for await (const event of answer.events) {
            const piece = run.dialect.read(event, run.http.origin);
            progress.usage = { ...progress.usage, ...definedOnly(piece.usage) };
            finish = piece.finish ?? finish;
            progress.slot = piece.slot ?? progress.slot;
            if (piece.text === "") continue;
            if (progress.firstAt === 0) progress.firstAt = performance.now();
            progress.raw += piece.text;
            progress.events++;
            const { visible, stopped } = scanner.scan(withoutEcho(progress.raw, run.echo));
            if (stopped) return progress.result(visible, "stopText");
            if (visible !== reported) {
                reported = visible;
                if (options.onText?.(visible)) return progress.result(visible, "callback");
            }
        }
        const generated = progress.usage.generatedTokens ?? progress.events;
        const stop: StopReason = finish === "limit" || (finish === undefined && generated >= options.maxTokens) ? "limit" : "end";
        return progress.result(scanner.finish(withoutEcho(progress.raw, run.echo)), stop);
    } catch (error) {
        if (!options.signal.aborted) throw error;
        const partial = progress.result(scanner.scan(withoutEcho(progress.raw, run.echo)).visible, "limit");
        throw new GenerationAbortedError(options.signal.reason, partial);
    }
}

function definedOnly(usage: ReportedUsage | undefined): ReportedUsage {
    return Object.fromEntries(Object.entries(usage ?? {}).filter(([, value]) => value !== undefined));
}
