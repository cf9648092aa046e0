import { LSPErrorCodes, ResponseError, type CancellationToken, type InlineCompletionItem, type InlineCompletionParams } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ContextRing } from "../contextRing";
import { debugKnobs } from "../debugKnobs";
import { EngineError } from "../engineError";
import { invalidParams } from "../requestGuard";
import { logs, type Logger } from "../log";
import type { LoadedModel, ModelHost } from "../modelHost";
import { EngineErrorCode, type CompletionStats, type HearthSettings } from "../protocol";
import { Priority, type ModelScheduler } from "../scheduler";
import { cursorContext } from "./contextWindow";
import { generate, PROMPT_CHUNK_TOKENS } from "./evaluate";
import { finishSuggestion, suggestionComplete, type SuggestionContext } from "./postprocess";
import { budgetFor, PromptBuilder } from "./promptBuilder";
import { ResultCache } from "./resultCache";

const maxLines = 12;

export interface CompletionDeps {
    host: ModelHost;
    scheduler: ModelScheduler;
    document(uri: string): TextDocument | undefined;
    ring: ContextRing;
    settings(): HearthSettings;
    stats(stats: CompletionStats): void;
    log: Logger;
}

interface Request {
    uri: string;
    before: string;
    after: string;
    text: string;
    cursor: number;
    suggestion: SuggestionContext;
}

/** Answers inline completion requests: cache first, then one model evaluation at a time, newest request wins. */
export class CompletionService {
    private readonly cache = new ResultCache();
    private builder: { for: LoadedModel; builder: PromptBuilder } | undefined;
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
        const request = this.readRequest(params);

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
                return [item(cached, params)];
            }
            const loaded = await this.deps.host.whenReady(controller.signal);
            if (!loaded.fim) return [];
            const suggestion = await this.deps.scheduler.run(Priority.completion, controller.signal, async () => {
                // The model may have been replaced while this request waited.
                if (loaded.model.disposed) return "";
                const queueMs = performance.now() - received;
                const { text, stats } = await this.run(loaded, request, settings, controller.signal, PROMPT_CHUNK_TOKENS);
                this.deps.stats({ ...stats, queueMs, pausedMs: 0, cacheHit: false });
                return text;
            });
            this.cache.set(request.uri, request.before, request.after, suggestion);
            if (suggestion !== "") this.speculate(loaded, request, suggestion, settings);
            return suggestion === "" ? [] : [item(suggestion, params)];
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

    private readRequest(params: InlineCompletionParams): Request {
        const uri = params?.textDocument?.uri;
        const { line, character } = params?.position ?? {};
        if (typeof uri !== "string") throw invalidParams("textDocument.uri must be a string");
        if (!isCount(line) || !isCount(character)) throw invalidParams("position must have non-negative integer line and character");
        const document = this.deps.document(uri);
        if (!document) throw new EngineError(EngineErrorCode.UnknownDocument, `Unknown document ${uri}: open it with textDocument/didOpen first.`);
        if (line >= document.lineCount) throw new EngineError(EngineErrorCode.InvalidPosition, `Line ${line} is past the end of ${uri} (${document.lineCount} lines).`);
        const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, "");
        if (character > lineText.length) throw new EngineError(EngineErrorCode.InvalidPosition, `Character ${character} is past the end of line ${line} (${lineText.length} characters).`);
        const text = document.getText();
        const cursor = document.offsetAt(params.position);
        this.deps.ring.touch(uri, text, line);
        return this.requestFor(uri, text, cursor);
    }

    private requestFor(uri: string, text: string, cursor: number): Request {
        const context = cursorContext(text, cursor);
        let lineEnd = text.indexOf("\n", cursor);
        if (lineEnd < 0) lineEnd = text.length;
        return {
            uri,
            text,
            cursor,
            before: text.slice(0, cursor),
            after: text.slice(cursor),
            suggestion: { ...context, followingText: text.slice(lineEnd + 1, lineEnd + 4096), maxLines }
        };
    }

    private promptBuilder(loaded: LoadedModel, settings: HearthSettings): PromptBuilder {
        if (this.builder?.for !== loaded) {
            const budget = budgetFor(loaded.context.contextSize, Math.max(settings.completion.maxTokens, debugKnobs().completionFixedTokens));
            const builder = new PromptBuilder((text) => loaded.model.tokenize(text, false), loaded.fim!, budget);
            this.builder = { for: loaded, builder };
            this.cache.clear();
        }
        return this.builder.builder;
    }

    private async run(loaded: LoadedModel, request: Request, settings: HearthSettings, signal: AbortSignal, chunkSize: number) {
        const built = this.promptBuilder(loaded, settings).build(request.uri, nameOf(request.uri), request.text, request.cursor, () => this.deps.ring.chunksExcept(request.uri));
        const result = await generate(loaded.model, loaded.sequence, built.tokens, {
            maxTokens: settings.completion.maxTokens,
            fixedTokens: debugKnobs().completionFixedTokens,
            signal,
            chunkSize,
            shouldStop: (text) => suggestionComplete(text, request.suggestion)
        });
        const text = finishSuggestion(result.text, request.suggestion);
        if (logs("debug")) this.deps.log.debug(`completion ${JSON.stringify(result.text)} → ${JSON.stringify(text)}: ${result.promptTokens} prompt tokens, ${result.evaluatedTokens} evaluated${built.reanchored ? " (re-anchored)" : ""}, ${result.generatedTokens} generated, prompt ${result.promptMs.toFixed(0)} ms, generate ${result.generateMs.toFixed(0)} ms`);
        const { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, promptMs, generateMs } = result;
        return { text, stats: { promptTokens, evaluatedTokens, reusedTokens, generatedTokens, promptMs, generateMs } };
    }

    /** Computes the completion the user will want after accepting `suggestion`, while they read it. */
    private speculate(loaded: LoadedModel, request: Request, suggestion: string, settings: HearthSettings): void {
        if (this.disposed) return;
        const controller = new AbortController();
        this.speculation = controller;
        const text = request.before + suggestion + request.after;
        const next = this.requestFor(request.uri, text, request.before.length + suggestion.length);
        this.deps.scheduler
            .run(Priority.speculative, controller.signal, async () => {
                if (loaded.model.disposed) return;
                const { text: nextSuggestion } = await this.run(loaded, next, settings, controller.signal, 32);
                this.cache.set(next.uri, next.before, next.after, nextSuggestion);
            })
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

function item(text: string, params: InlineCompletionParams): InlineCompletionItem {
    return { insertText: text, range: { start: params.position, end: params.position } };
}

function nameOf(uri: string): string {
    const slash = uri.lastIndexOf("/");
    return decodeURIComponent(uri.slice(slash + 1));
}
