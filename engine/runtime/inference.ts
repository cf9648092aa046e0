// What completion, chat and refactor ask of a model, whatever runs it. The in-process node-llama-cpp backend
// (runtime/local) is one implementation; a remote inference server could be another, without the services
// changing. Services see text and counts only: never tokens, sequences or contexts.
import type { GenerationStats } from "../protocol";

/** The model's special tokens a prompt may name: a local backend maps them to token ids, a server to its own text. */
export type SpecialPiece = "bos" | "fimPrefix" | "fimSuffix" | "fimMiddle" | "fileSeparator";

/**
 * A prompt as text pieces and named special tokens. Each text piece is tokenized on its own, so a backend
 * can keep the tokens of pieces it saw recently. `bos` stands where a prompt starts, for models that want one.
 */
export type PromptPiece = string | { special: SpecialPiece };

/**
 * Completions go first, then chat and refactor answers, then the speculative next completion, then background
 * work that only prepares the cache.
 */
export type GenerationPriority = "completion" | "chat" | "speculative" | "background";

/** end: the model ended its answer; stopText: it wrote a stop text; callback: onText asked to stop; limit: maxTokens. */
export type StopReason = "end" | "stopText" | "callback" | "limit";

export interface Sampling {
    temperature: number;
    topK?: number;
    topP?: number;
    /** The same seed picks the same tokens for the same prompt. */
    seed?: number;
}

export interface GenerateOptions {
    maxTokens: number;
    /** How each token is picked; the likeliest one (greedy) when absent. */
    sampling?: Sampling;
    /** Texts that end the answer when the model writes them out; none of a stop text is ever shown. */
    stopTexts?: readonly string[];
    signal: AbortSignal;
    priority: GenerationPriority;
    /**
     * The text that may be shown so far, called each time it grows. The end that may still become a stop text
     * and an incomplete character are held back. Returning true ends the generation there.
     */
    onText?(visible: string): boolean;
    /** Generate past the model's end-of-text and stop texts, up to maxTokens (tests and benchmarks). */
    ignoreEndOfText?: boolean;
    /** Prompt tokens evaluated between abort checks (at most 128): smaller aborts sooner. */
    chunkTokens?: number;
}

/** What generate() gives back: the answer, why it ended, and what it cost (the stats the protocol reports). */
export interface GenerationResult extends GenerationStats {
    /** The answer: everything generated, up to a stop text (or, stopped by onText, what it last saw). */
    text: string;
    stop: StopReason;
}

/** How generate() fails when its signal aborts: with what was done by then. */
export class GenerationAbortedError extends Error {
    constructor(readonly reason: unknown, readonly partial: GenerationResult) {
        super(reason instanceof Error ? reason.message : "The generation was aborted.");
        this.name = "AbortError";
    }
}

/** How fast the model runs on this machine now, measured as it runs. */
export interface ModelSpeed {
    promptTokensPerSecond: number;
    generatedTokensPerSecond: number;
}

export interface WarmResult {
    promptTokens: number;
    /** Prompt tokens evaluated now; the rest were in the cache already. */
    evaluatedTokens: number;
}

/** The completion role: fill-in-the-middle on the completion model. */
export interface CompletionModel {
    readonly name: string;
    /** Tokens one completion prompt and its answer may take. */
    readonly contextSize: number;
    /** The model's fill-in-the-middle tokens; undefined when it has none. */
    readonly fim: { fileSeparator: boolean } | undefined;
    /**
     * The backend serves other editors too (a team's server). While it answers slower than the user types, every
     * request costs them: completions then wait for a pause in the typing, and nothing is sent ahead of time
     * (speculation, warming). A backend that is this editor's alone leaves it out.
     */
    readonly shared?: boolean;
    /** Tokens of `text` on its own. */
    countTokens(text: string): number;
    generate(prompt: readonly PromptPiece[], options: GenerateOptions): Promise<GenerationResult>;
    /** This machine's speed with this model; a backend that cannot measure it leaves it out. */
    speed?(): ModelSpeed;
    /** Tokens at the start of `prompt` already in a cache, which generate() would not evaluate again; left out by a backend that cannot tell. */
    cachedTokens?(prompt: readonly PromptPiece[]): number;
    /**
     * Evaluates `prompt` into a cache without generating, at the lowest priority and without displacing the cache
     * the latest completion used, so that a later prompt starting the same way is quick. When the signal aborts it
     * fails with GenerationAbortedError and keeps what it evaluated.
     */
    warm?(prompt: readonly PromptPiece[], signal: AbortSignal): Promise<WarmResult>;
}

export interface ChatTurnText {
    role: "system" | "user" | "assistant";
    text: string;
}

export interface ChatGenerateOptions extends GenerateOptions {
    /** The start of the answer, written into the open assistant turn for the model to continue. */
    answerPrefix?: string;
}

/** The chat role, which chat and refactor share: turns rendered with the model's own chat template. */
export interface ChatModel {
    readonly name: string;
    readonly contextSize: number;
    countTokens(text: string): number;
    /** Tokens of the whole rendered prompt, template included, as generate() would evaluate it. */
    countPromptTokens(turns: readonly ChatTurnText[], answerPrefix?: string): number;
    generate(turns: readonly ChatTurnText[], options: ChatGenerateOptions): Promise<GenerationResult>;
}

/** What the services receive. Each call waits for a load in flight, and fails with a clear EngineError when there is no model. */
export interface InferenceBackend {
    completionModel(signal: AbortSignal): Promise<CompletionModel>;
    chatModel(signal: AbortSignal): Promise<ChatModel>;
}
