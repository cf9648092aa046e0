// The completion and chat roles on a server, behind the same interfaces as the local model. Token counts are
// estimates corrected by the counts the server reports (its tokenizer is a request away); completions and chats
// run side by side, each in a slot of the server's, so nothing here queues them. As with the local model, a
// completion knows how fast the server starts answering and what its cache probably holds, and can have the
// server evaluate a prompt ahead of time: a new place is answered from a small window, and the wide one is
// evaluated on the server while the user reads.
import { SpeedMeter } from "../../generation/speedMeter";
import type { ChatGenerateOptions, ChatModel, ChatTurnText, CompletionModel, GenerateOptions, GenerationResult, ModelSpeed, PromptPiece, WarmResult } from "../inference";
import type { Dialect, ServerFacts } from "./dialect";
import { renderFim, type FimFormat } from "./fimFormats";
import { generateOnServer, type ServerResult } from "./serverGeneration";
import { ServerPromptCache } from "./serverPromptCache";
import type { RequestLimits, ServerHttp } from "./serverHttp";
import type { TokenEstimate } from "./tokenEstimate";

/** What both roles need of the server they run on. */
export interface ServerParts {
    http: ServerHttp;
    dialect: Dialect;
    facts: ServerFacts;
    estimate: TokenEstimate;
    /** The limits of one request, read when it is sent (tests shorten them). */
    limits(): RequestLimits;
    /** Each request's outcome, for the role's health: its time to answer, or its failure. */
    track(work: Promise<ServerResult>, signal: AbortSignal): Promise<GenerationResult>;
}

/** Chat templates add a few tokens around each turn and before the answer. */
const tokensPerTurn = 8;

/** How long a server slot may still be finishing a completion Hearth hung up on. */
const slotFinishingMs = 2000;

export class ServerCompletionModel implements CompletionModel {
    readonly name: string;
    readonly fim: { fileSeparator: boolean } | undefined;
    readonly shared: boolean;
    /** The server slot that answered the last completion, where the server says (llama-server). */
    private slot: number | undefined;
    /** When Hearth last hung up on a completion: superseded, or done once the suggestion was complete. */
    private hungUpAt = -Infinity;
    /** How fast the server starts answering, as this editor sees it: it sizes the prompt a user waits for. */
    private readonly meter = new SpeedMeter();
    private readonly cache = new ServerPromptCache();

    constructor(private readonly parts: ServerParts, private readonly format: FimFormat | undefined, readonly contextSize: number) {
        this.name = parts.facts.model;
        this.fim = format ? { fileSeparator: format.fileSeparator !== undefined } : undefined;
        this.shared = parts.facts.shared;
    }

    countTokens(text: string): number {
        return this.parts.estimate.count(text);
    }

    speed(): ModelSpeed {
        return this.meter.speed;
    }

    cachedTokens(prompt: readonly PromptPiece[]): number {
        return this.parts.estimate.forChars(this.cache.cachedChars(renderFim(prompt, this.format!)));
    }

    /** Has the server evaluate `prompt` into a slot's cache: a request for one token, which nobody reads. */
    async warm(prompt: readonly PromptPiece[], signal: AbortSignal): Promise<WarmResult> {
        const result = await this.generate(prompt, { maxTokens: 1, signal, priority: "background" });
        return { promptTokens: result.promptTokens, evaluatedTokens: result.evaluatedTokens };
    }

    generate(prompt: readonly PromptPiece[], options: GenerateOptions): Promise<GenerationResult> {
        const { http, dialect, facts, estimate } = this.parts;
        const format = this.format!;
        const text = renderFim(prompt, format);
        const stopTexts = [...(options.stopTexts ?? []), ...format.stopTexts];
        // The slot of a request Hearth just hung up on is still finishing it, for a moment. The next request waits
        // for that slot, which holds this document's prompt, rather than take a teammate's idle slot and its cache.
        const slot = performance.now() - this.hungUpAt < slotFinishingMs ? this.slot : undefined;
        const call = { prompt: text, slot, model: facts.model, contextSize: this.contextSize, maxTokens: options.maxTokens, stopTexts, ignoreEndOfText: options.ignoreEndOfText === true };
        const run = generateOnServer({ http, dialect, request: dialect.completion(call), limits: this.parts.limits(), options: { ...options, stopTexts }, promptChars: text.length, estimate }).then(
            (result) => {
                this.slot = result.slot ?? this.slot;
                if (result.stop === "callback" || result.stop === "stopText") this.hungUpAt = performance.now();
                this.cache.evaluated(text);
                this.noteSpeed(result);
                return result;
            },
            (error: unknown) => {
                if (options.signal.aborted) this.hungUpAt = performance.now();
                throw error;
            }
        );
        return this.parts.track(run, options.signal);
    }

    /** Only the server's own token counts say how fast it is; estimates would measure the estimate. */
    private noteSpeed(result: ServerResult): void {
        if (!result.usageReported) return;
        this.meter.notePrompt(result.evaluatedTokens, result.promptMs);
        this.meter.noteGeneration(result.generatedTokens, result.generateMs);
    }
}

export class ServerChatModel implements ChatModel {
    readonly name: string;

    constructor(private readonly parts: ServerParts, readonly contextSize: number) {
        this.name = parts.facts.model;
    }

    countTokens(text: string): number {
        return this.parts.estimate.count(text);
    }

    countPromptTokens(turns: readonly ChatTurnText[], answerPrefix = ""): number {
        return this.parts.estimate.forChars(chars(turns, answerPrefix)) + tokensPerTurn * (turns.length + 1);
    }

    generate(turns: readonly ChatTurnText[], options: ChatGenerateOptions): Promise<GenerationResult> {
        const { http, dialect, facts, estimate } = this.parts;
        const answerPrefix = options.answerPrefix ?? "";
        const stopTexts = options.stopTexts ?? [];
        const call = { turns, answerPrefix, model: facts.model, contextSize: this.contextSize, maxTokens: options.maxTokens, sampling: options.sampling, stopTexts, ignoreEndOfText: options.ignoreEndOfText === true };
        const promptChars = chars(turns, answerPrefix) + tokensPerTurn * (turns.length + 1) * 3;
        const run = generateOnServer({ http, dialect, request: dialect.chat(call), limits: this.parts.limits(), options, promptChars, estimate, echo: answerPrefix });
        return this.parts.track(run, options.signal);
    }
}

function chars(turns: readonly ChatTurnText[], answerPrefix: string): number {
    return turns.reduce((sum, turn) => sum + turn.text.length, answerPrefix.length);
}
