import { InlineCompletionTriggerKind, LSPErrorCodes, ResponseError, type CancellationToken, type InlineCompletionItem, type InlineCompletionParams } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ContextRing } from "./contextRing";
import { debugKnobs } from "../server/debugKnobs";
import { EngineError } from "../server/engineError";
import { invalidParams } from "../server/requestGuard";
import { logs, type Logger } from "../server/log";
import { EngineErrorCode, type CompletionStats, type HearthSettings } from "../protocol";
import type { CompletionModel, GenerationPriority, InferenceBackend, Sampling } from "../runtime/inference";
import { alternativeSampling, collectAlternatives } from "./alternatives";
import { completionItem, completionPoint, type CompletionPoint } from "./completionPoint";
import { finishSuggestion, suggestionComplete, type Suggestion } from "./postprocess/finish";
import { completionSite, type CompletionSite } from "./postprocess/site";
import { budgetFor, PromptBuilder } from "./promptBuilder";
import { ResultCache } from "./resultCache";

const maxLines = 12;

export interface CompletionDeps {
    inference: InferenceBackend;
    document(uri: string): TextDocument | undefined;
    ring: ContextRing;
    settings(): HearthSettings;
    stats(stats: CompletionStats): void;
    log: Logger;
}

interface Request {
    uri: string;
    languageId: string | undefined;
    before: string;
    after: string;
    text: string;
    cursor: number;
}

/** Answers inline completion requests: cache first, then one model evaluation at a time, newest request wins. */
export class CompletionService {
    private readonly cache = new ResultCache();
    private builder: { for: CompletionModel; builder: PromptBuilder } | undefined;
    private readonly inFlight = new Map<string, AbortController>();
    private speculation: AbortController | undefined;
    private disposed = false;

    constructor(private readonly deps: CompletionDeps) {}

    /** Stops all work: in-flight requests answer at once and nothing new is speculated. */
    dispose(): void {
        this.disposed = true;
        this.speculation?.abort();
        for (const controller of this.inFlight.values()) controller.abort();
    }

    /** Called on every document change: a speculative completion for the old text is now useless. */
    documentChanged(): void {
        this.speculation?.abort();
    }

    async complete(params: InlineCompletionParams, token: CancellationToken): Promise<InlineCompletionItem[]> {
        const received = performance.now();
        const settings = this.deps.settings();
        if (!settings.completion.enabled) return [];
        const { request, point } = this.readRequest(params);
        const invoked = params.context?.triggerKind === InlineCompletionTriggerKind.Invoked;

        this.speculation?.abort();
        this.inFlight.get(request.uri)?.abort(new SupersededError());
        const controller = new AbortController();
        this.inFlight.set(request.uri, controller);
        const cancel = token.onCancellationRequested(() => controller.abort());
        if (token.isCancellationRequested) controller.abort();
        try {
            const cached = this.cache.get(request.uri, request.before, request.after);
            if (cached !== undefined) {
                this.deps.stats({ promptTokens: 0, evaluatedTokens: 0, reusedTokens: 0, generatedTokens: 0, queueMs: 0, promptMs: 0, generateMs: performance.now() - received, pausedMs: 0, cacheHit: true });
                if (!invoked) return [completionItem(cached, point)];
            }
            const model = await this.deps.inference.completionModel(controller.signal);
            if (!model.fim) return [];
            const suggestion = cached ?? (await this.first(model, request, settings, controller.signal, received));
            const suggestions = invoked ? await this.alternatives(model, request, suggestion, settings, controller.signal) : suggestion ? [suggestion] : [];
            // The speculation shares the model with the alternatives: it starts once they are done.
            if (cached === undefined && suggestion) this.speculate(model, request, suggestion, settings);
            return suggestions.map((each) => completionItem(each, point));
        } catch (error) {
            if (controller.signal.aborted) {
                if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "The completion request was cancelled.");
                return [];
            }
            throw error;
        } finally {
            cancel.dispose();
            if (this.inFlight.get(request.uri) === controller) this.inFlight.delete(request.uri);
        }
    }

    private readRequest(params: InlineCompletionParams): { request: Request; point: CompletionPoint } {
        const uri = params?.textDocument?.uri;
        const { line, character } = params?.position ?? {};
        if (typeof uri !== "string") throw invalidParams("textDocument.uri must be a string");
        if (!isCount(line) || !isCount(character)) throw invalidParams("position must have non-negative integer line and character");
        const document = this.deps.document(uri);
        if (!document) throw new EngineError(EngineErrorCode.UnknownDocument, `Unknown document ${uri}: open it with textDocument/didOpen first.`);
        if (line >= document.lineCount) throw new EngineError(EngineErrorCode.InvalidPosition, `Line ${line} is past the end of ${uri} (${document.lineCount} lines).`);
        const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, "");
        if (character > lineText.length) throw new EngineError(EngineErrorCode.InvalidPosition, `Character ${character} is past the end of line ${line} (${lineText.length} characters).`);
        this.deps.ring.touch(uri, document.getText(), line);
        const point = completionPoint(document, params);
        return { request: requestFor(uri, document.languageId, point.text, point.cursor), point };
    }

    private promptBuilder(model: CompletionModel, settings: HearthSettings): PromptBuilder {
        if (this.builder?.for !== model) {
            const budget = budgetFor(model.contextSize, Math.max(settings.completion.maxTokens, debugKnobs().completionFixedTokens));
            const builder = new PromptBuilder((text) => model.countTokens(text), model.fim!, budget);
            this.builder = { for: model, builder };
            this.cache.clear();
        }
        return this.builder.builder;
    }

    private async run(model: CompletionModel, request: Request, settings: HearthSettings, signal: AbortSignal, priority: GenerationPriority, sampling?: Sampling) {
        const built = this.promptBuilder(model, settings).build(request.uri, nameOf(request.uri), request.text, request.cursor, () => this.deps.ring.chunksExcept(request.uri));
        const fixed = debugKnobs().completionFixedTokens;
        let site: CompletionSite | undefined;
        const siteOf = () => (site ??= completionSite(request.text, request.cursor, request.languageId, nameOf(request.uri), maxLines));
        // Scanned while the model evaluates the prompt off this thread, not after its first token; a failure here
        // is met again, and reported, where the request needs the site.
        setImmediate(() => {
            try {
                siteOf();
            } catch {
                site = undefined;
            }
        });
        const result = await model.generate(built.pieces, {
            maxTokens: fixed > 0 ? fixed : settings.completion.maxTokens,
            ignoreEndOfText: fixed > 0,
            sampling,
            signal,
            priority,
            // A speculation is cheap to abort, and the next keystroke usually does: a small chunk aborts sooner.
            chunkTokens: priority === "speculative" ? 32 : undefined,
            onText: fixed > 0 ? undefined : (text) => suggestionComplete(text, siteOf())
        });
        const suggestion = finishSuggestion(result.text, siteOf());
        if (logs("debug")) this.deps.log.debug(`completion ${JSON.stringify(result.text)} → ${JSON.stringify(suggestion ?? null)}: ${result.promptTokens} prompt tokens, ${result.evaluatedTokens} evaluated${built.reanchored ? " (re-anchored)" : ""}, ${result.generatedTokens} generated, prompt ${result.promptMs.toFixed(0)} ms, generate ${result.generateMs.toFixed(0)} ms`);
        const { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, queueMs, promptMs, generateMs, pausedMs } = result;
        return { suggestion, stats: { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, queueMs, promptMs, generateMs, pausedMs } };
    }

    /** The likeliest suggestion, from the model; the cache keeps it for the user typing through it. */
    private async first(model: CompletionModel, request: Request, settings: HearthSettings, signal: AbortSignal, received: number): Promise<Suggestion | undefined> {
        const waited = performance.now() - received;
        const { suggestion, stats } = await this.run(model, request, settings, signal, "completion");
        this.deps.stats({ ...stats, queueMs: waited + stats.queueMs, cacheHit: false });
        this.cache.set(request.uri, request.before, request.after, suggestion);
        return suggestion;
    }

    /** The first suggestion, then up to `hearth.completion.alternatives` in all, sampled once the first is known. */
    private alternatives(model: CompletionModel, request: Request, first: Suggestion | undefined, settings: HearthSettings, signal: AbortSignal): Promise<Suggestion[]> {
        const lineSuffix = /^[^\n]*/.exec(request.after)![0].replace(/\r$/, "");
        const sample = async (attempt: number) => (await this.run(model, request, settings, signal, "completion", alternativeSampling(attempt))).suggestion;
        return collectAlternatives(first, settings.completion.alternatives, lineSuffix, sample);
    }

    /** Computes the completion the user will want after accepting `suggestion`, while they read it. */
    private speculate(model: CompletionModel, request: Request, suggestion: Suggestion, settings: HearthSettings): void {
        if (this.disposed) return;
        const controller = new AbortController();
        this.speculation = controller;
        const text = request.before + suggestion.text + request.after.slice(suggestion.replace);
        const next = requestFor(request.uri, request.languageId, text, request.before.length + suggestion.text.length);
        this.run(model, next, settings, controller.signal, "speculative")
            .then(({ suggestion: nextSuggestion }) => this.cache.set(next.uri, next.before, next.after, nextSuggestion))
            .catch((error) => {
                if (!controller.signal.aborted) this.deps.log.warn(`speculative completion failed: ${String(error)}`);
            });
    }
}

class SupersededError extends Error {
    constructor() {
        super("superseded by a newer completion request");
    }
}

function isCount(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function requestFor(uri: string, languageId: string | undefined, text: string, cursor: number): Request {
    return { uri, languageId, text, cursor, before: text.slice(0, cursor), after: text.slice(cursor) };
}

function nameOf(uri: string): string {
    const slash = uri.lastIndexOf("/");
    return decodeURIComponent(uri.slice(slash + 1));
}
