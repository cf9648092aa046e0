import { setTimeout as delay } from "node:timers/promises";
import { InlineCompletionTriggerKind, LSPErrorCodes, ResponseError, type CancellationToken, type InlineCompletionItem, type InlineCompletionParams } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ContextRing } from "./contextRing";
import { debugKnobs } from "../server/debugKnobs";
import { isBackendUnavailable } from "../server/engineError";
import { logs, type Logger } from "../server/log";
import { DidSettleCursorNotification, type CompletionStats, type CursorSettledParams, type HearthSettings } from "../protocol";
import type { CompletionModel, GenerationPriority, InferenceBackend, Sampling } from "../runtime/inference";
import { alternativeSampling, collectAlternatives } from "./alternatives";
import { BackgroundWork, type BackgroundJob } from "./backgroundWork";
import { completionItem, completionPoint } from "./completionPoint";
import { afterAccepting, documentPosition, requestAt, type CompletionRequest } from "./completionRequest";
import { finishSuggestion, suggestionComplete, type Suggestion } from "./postprocess/finish";
import { completionSite, type CompletionSite } from "./postprocess/site";
import { budgetsFor, type PromptBudgets } from "./promptBudget";
import { PromptBuilder, type PromptCandidate } from "./promptBuilder";
import { choosePrompt, uncached } from "./promptChoice";
import { RequestPacer } from "./requestPacer";
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

/**
 * Answers inline completion requests: cache first, then one model evaluation at a time, the newest request
 * winning over any in flight. Between requests, background work prepares what the next one will need.
 */
export class CompletionService {
    private readonly cache = new ResultCache();
    private builder: { for: CompletionModel; builder: PromptBuilder } | undefined;
    /** The completion being answered, for whichever document: VS Code asks for one editor at a time. */
    private inFlight: AbortController | undefined;
    private readonly background: BackgroundWork;
    private readonly pacer = new RequestPacer();
    private wasBusy = false;
    private disposed = false;

    constructor(private readonly deps: CompletionDeps) {
        this.background = new BackgroundWork(deps.log);
    }

    /** Stops all work: in-flight requests answer at once and nothing new is started in the background. */
    dispose(): void {
        this.disposed = true;
        this.background.stop();
        this.inFlight?.abort();
    }

    /** Called on every document change: background work for the old text is now useless, and the next keystroke needs the model. */
    documentChanged(): void {
        this.background.stop();
    }

    async complete(params: InlineCompletionParams, token: CancellationToken): Promise<InlineCompletionItem[]> {
        const received = performance.now();
        const settings = this.deps.settings();
        if (!settings.completion.enabled) return [];
        const { document, line, offset } = documentPosition(params, (uri) => this.deps.document(uri));
        this.deps.ring.touch(document, line);
        const { point, selected } = completionPoint(document, params, offset);
        const request = requestAt(document, offset, selected);
        const invoked = params.context?.triggerKind === InlineCompletionTriggerKind.Invoked;
        this.pacer.keystroke(received);

        this.background.stop();
        this.inFlight?.abort(new SupersededError());
        const controller = new AbortController();
        this.inFlight = controller;
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
            if (cached === undefined && !invoked && this.busy(model)) await this.holdWhileTyping(controller.signal);
            const first = cached === undefined ? await this.first(model, request, settings, controller.signal, received) : { suggestion: cached, preferred: undefined };
            const suggestions = invoked ? await this.alternatives(model, request, first.suggestion, settings, controller.signal) : first.suggestion ? [first.suggestion] : [];
            // The background work shares the model with the alternatives: it starts once they are done.
            if (cached === undefined) this.afterAnswer(model, request, first.suggestion, first.preferred, settings);
            return suggestions.map((each) => completionItem(each, point));
        } catch (error) {
            if (controller.signal.aborted) {
                if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "The completion request was cancelled.");
                return [];
            }
            // Said once in the status, not as an error on every keystroke.
            if (isBackendUnavailable(error)) return [];
            throw error;
        } finally {
            cancel.dispose();
            if (this.inFlight === controller) this.inFlight = undefined;
        }
    }

    /** The cursor came to rest before the user typed there: the place's prompt is evaluated in the background. */
    async cursorSettled(params: CursorSettledParams): Promise<void> {
        try {
            const settings = this.deps.settings();
            if (this.disposed || !settings.completion.enabled || this.inFlight) return;
            const { document, line, offset } = documentPosition(params, (uri) => this.deps.document(uri));
            const model = await this.deps.inference.completionModel(new AbortController().signal);
            if (!model.fim || !model.warm || this.inFlight || this.busy(model)) return;
            this.deps.ring.touch(document, line);
            const request = requestAt(document, offset);
            const { chosen, preferred } = choosePrompt(this.candidates(model, request), model, this.budgets(model, settings).foregroundTokens);
            this.background.start([this.warmJob(model, chosen), this.warmJob(model, preferred)]);
        } catch (error) {
            this.deps.log.debug(`${DidSettleCursorNotification.method} ignored: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    private promptBuilder(model: CompletionModel): PromptBuilder {
        if (this.builder?.for !== model) {
            const builder = new PromptBuilder((text) => model.countTokens(text), model.fim!, () => this.budgets(model, this.deps.settings()));
            this.builder = { for: model, builder };
            this.cache.clear();
            // Another model (another backend, a server's new model) answers in its own time.
            this.pacer.forgetAnswers();
        }
        return this.builder.builder;
    }

    private budgets(model: CompletionModel, settings: HearthSettings): PromptBudgets {
        const { completionFixedTokens, completionPromptTokensPerSecond: assumed } = debugKnobs();
        const speed = assumed > 0 ? { promptTokensPerSecond: assumed, generatedTokensPerSecond: assumed / 10 } : model.speed?.();
        return budgetsFor(model.contextSize, Math.max(settings.completion.maxTokens, completionFixedTokens), speed);
    }

    private candidates(model: CompletionModel, request: CompletionRequest): PromptCandidate[] {
        return this.promptBuilder(model).candidates(request.uri, nameOf(request.uri), request.window, () => this.deps.ring.chunksExcept(request.uri));
    }

    private async run(model: CompletionModel, request: CompletionRequest, settings: HearthSettings, signal: AbortSignal, priority: GenerationPriority, sampling?: Sampling) {
        const { chosen, preferred } = choosePrompt(this.candidates(model, request), model, this.budgets(model, settings).foregroundTokens);
        const fixed = debugKnobs().completionFixedTokens;
        const siteOf = siteWhileEvaluating(request);
        const result = await model.generate(chosen.pieces, {
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
        if (logs("debug")) this.deps.log.debug(`completion ${JSON.stringify(result.text)} → ${JSON.stringify(suggestion ?? null)}: ${result.promptTokens} prompt tokens in the ${chosen.layout} layout${chosen.fresh ? " (laid out anew)" : ""}, ${result.evaluatedTokens} evaluated, ${result.generatedTokens} generated, prompt ${result.promptMs.toFixed(0)} ms, generate ${result.generateMs.toFixed(0)} ms`);
        const { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, queueMs, promptMs, generateMs, pausedMs } = result;
        return { suggestion, preferred: preferred === chosen ? undefined : preferred, stats: { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, queueMs, promptMs, generateMs, pausedMs } };
    }

    /**
     * Whether every request now costs other users: the backend serves other editors too and answers slower than
     * this user types. Said in the log when that changes.
     */
    private busy(model: CompletionModel): boolean {
        const busy = model.shared === true && this.pacer.slowerThanTyping();
        if (busy !== this.wasBusy) this.deps.log.info(busy ? `the shared completion server answers slower than you type (${this.pacer.describe()}): requests wait for a pause in the typing, and nothing is sent ahead` : "completion requests go out at once again");
        this.wasBusy = busy;
        return busy;
    }

    /** While the user types faster than the backend answers, the next keystroke will likely replace this request: wait for it a moment. */
    private async holdWhileTyping(signal: AbortSignal): Promise<void> {
        const ms = this.pacer.holdMs();
        if (ms <= 0) return;
        if (logs("debug")) this.deps.log.debug(`completion held ${ms.toFixed(0)} ms before it is sent: ${this.pacer.describe()}`);
        await delay(ms, undefined, { signal });
    }

    /** The likeliest suggestion, from the model; the cache keeps it for the user typing through it. */
    private async first(model: CompletionModel, request: CompletionRequest, settings: HearthSettings, signal: AbortSignal, received: number) {
        const sent = performance.now();
        const waited = sent - received;
        const { suggestion, stats, preferred } = await this.run(model, request, settings, signal, "completion");
        this.pacer.answered(performance.now() - sent);
        this.deps.stats({ ...stats, queueMs: waited + stats.queueMs, cacheHit: false });
        this.cache.set(request.uri, request.before, request.after, suggestion);
        return { suggestion, preferred };
    }

    /** The first suggestion, then up to `hearth.completion.alternatives` in all, sampled once the first is known. */
    private alternatives(model: CompletionModel, request: CompletionRequest, first: Suggestion | undefined, settings: HearthSettings, signal: AbortSignal): Promise<Suggestion[]> {
        const lineSuffix = /^[^\n]*/.exec(request.after)![0].replace(/\r$/, "");
        const sample = async (attempt: number) => (await this.run(model, request, settings, signal, "completion", alternativeSampling(attempt))).suggestion;
        return collectAlternatives(first, settings.completion.alternatives, lineSuffix, sample);
    }

    /** While the user reads the answer: the suggestion after accepting it, then the wider prompt for this place. */
    private afterAnswer(model: CompletionModel, request: CompletionRequest, suggestion: Suggestion | undefined, preferred: PromptCandidate | undefined, settings: HearthSettings): void {
        // A shared backend slower than the typing gets nothing the user did not ask for.
        if (this.disposed || this.busy(model)) return;
        const jobs: BackgroundJob[] = [];
        if (suggestion) jobs.push((signal) => this.speculate(model, afterAccepting(request, suggestion), settings, signal));
        if (preferred && model.warm) jobs.push(this.warmJob(model, preferred));
        if (jobs.length > 0) this.background.start(jobs);
    }

    private async speculate(model: CompletionModel, next: CompletionRequest, settings: HearthSettings, signal: AbortSignal): Promise<void> {
        const { suggestion } = await this.run(model, next, settings, signal, "speculative");
        this.cache.set(next.uri, next.before, next.after, suggestion);
    }

    private warmJob(model: CompletionModel, candidate: PromptCandidate): BackgroundJob {
        return async (signal) => {
            if (uncached(candidate, model) <= 0) return;
            const warmed = await model.warm!(candidate.pieces, signal);
            if (logs("debug")) this.deps.log.debug(`warmed the ${candidate.layout} layout: ${warmed.evaluatedTokens} of ${warmed.promptTokens} prompt tokens evaluated`);
        };
    }
}

/** Each request's site, scanned once however many times it is generated for (the first answer, its alternatives). */
const sites = new WeakMap<CompletionRequest, () => CompletionSite>();

/**
 * The completion site of `request`, scanned while the model evaluates the prompt off this thread rather than
 * after its first token; a failure of that early scan is met again, and reported, where the site is needed.
 */
function siteWhileEvaluating(request: CompletionRequest): () => CompletionSite {
    const known = sites.get(request);
    if (known) return known;
    let site: CompletionSite | undefined;
    const siteOf = () => (site ??= completionSite(request.window.text, request.window.cursor, request.languageId, nameOf(request.uri), maxLines));
    sites.set(request, siteOf);
    setImmediate(() => {
        try {
            siteOf();
        } catch {
            site = undefined;
        }
    });
    return siteOf;
}

class SupersededError extends Error {
    constructor() {
        super("superseded by a newer completion request");
    }
}

/** The document's file name, of a length the prompt can show (the prompt cuts it to its token budget). */
function nameOf(uri: string): string {
    const name = uri.slice(uri.lastIndexOf("/") + 1).slice(-512);
    try {
        return decodeURIComponent(name);
    } catch {
        return name;
    }
}
