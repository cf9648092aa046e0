// The completion role on the local model: fill-in-the-middle prompts evaluated on the completion context's
// sequences, one job at a time through the scheduler. Each sequence keeps the cache of one recent place.
import { SpeedMeter } from "../../generation/speedMeter";
import { Priority, type ModelScheduler } from "../../generation/scheduler";
import { type CompletionModel, type GenerateOptions, type GenerationResult, type ModelSpeed, type PromptPiece, type WarmResult } from "../inference";
import { fileChange } from "../modelFile";
import type { HostedModel } from "../modelHost";
import { evaluatePrompt } from "./evaluatePrompt";
import { generateTokens } from "./generateTokens";
import { PieceTokens } from "./pieceTokens";
import { nothingGenerated, runScheduled } from "./scheduled";
import { SequencePool } from "./sequencePool";
import type { WithThreads } from "./threadGovernor";

/** Background work checks for newer work this often: a keystroke waits at most for one such chunk. */
const backgroundChunkTokens = 16;

/** About a hundred tokens of ordinary code, to time the model on at load. */
const probeText = `export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [start, end] of sorted) {
        const last = merged[merged.length - 1];
        if (last && start <= last[1]) last[1] = Math.max(last[1], end);
        else merged.push([start, end]);
    }
    return merged;
}
`;

export class LocalCompletionModel implements CompletionModel {
    readonly name: string;
    readonly contextSize: number;
    readonly fim: { fileSeparator: boolean } | undefined;
    private readonly pieces: PieceTokens;
    private readonly pool: SequencePool;
    private readonly meter = new SpeedMeter();

    constructor(private readonly hosted: HostedModel, private readonly scheduler: ModelScheduler, private readonly withThreads: WithThreads) {
        this.name = hosted.name;
        this.contextSize = hosted.contextSize;
        this.fim = hosted.fim ? { fileSeparator: hosted.fim.fileSeparator !== undefined } : undefined;
        this.pieces = new PieceTokens((text) => hosted.model.tokenize(text, false), hosted.fim);
        this.pool = new SequencePool(hosted.sequences);
    }

    countTokens(text: string): number {
        return this.pieces.of(text).length;
    }

    speed(): ModelSpeed {
        return this.meter.speed;
    }

    cachedTokens(prompt: readonly PromptPiece[]): number {
        return this.pool.cachedTokens(this.pieces.join(prompt));
    }

    /**
     * A completion and the speculative one after it go to the same sequence (the one holding most of their
     * prompt), so neither stands aside for the other mid-generation: a newer completion aborts the speculation.
     */
    generate(prompt: readonly PromptPiece[], options: GenerateOptions): Promise<GenerationResult> {
        return runScheduled(this.scheduler, Priority[options.priority], options.signal, async (_, queueMs) => {
            if (!this.usable()) return nothingGenerated(queueMs);
            const tokens = this.pieces.join(prompt);
            const sequence = this.pool.take(tokens, options.priority === "completion" || options.priority === "speculative");
            if (!sequence) return nothingGenerated(queueMs);
            const result = await this.withThreads(() => generateTokens(this.hosted.model, sequence, tokens, { ...options, queueMs }));
            this.meter.notePrompt(result.evaluatedTokens, result.promptMs);
            this.meter.noteGeneration(result.generatedTokens, result.generateMs);
            return result;
        });
    }

    async warm(prompt: readonly PromptPiece[], signal: AbortSignal): Promise<WarmResult> {
        const tokens = this.pieces.join(prompt);
        return this.scheduler.run(Priority.background, signal, async (slot) => {
            const sequence = this.usable() ? this.pool.take(tokens, false) : undefined;
            if (!sequence) return { promptTokens: tokens.length, evaluatedTokens: 0 };
            const started = performance.now();
            let pausedMs = 0;
            const between = async () => {
                const paused = performance.now();
                await slot.yieldToHigher();
                pausedMs += performance.now() - paused;
            };
            const reused = await this.withThreads(() => evaluatePrompt(sequence, tokens, { signal, chunkTokens: backgroundChunkTokens, between }));
            this.meter.notePrompt(tokens.length - reused, performance.now() - started - pausedMs);
            return { promptTokens: tokens.length, evaluatedTokens: tokens.length - reused };
        });
    }

    /**
     * Whether the model may still be read: it may have been replaced while a job waited, or its file changed under
     * it, and llama.cpp reading a page of a truncated file kills the process, so the next request unloads it first.
     */
    private usable(): boolean {
        return !this.hosted.model.disposed && !this.hosted.context.disposed && !(this.hosted.stamp && fileChange(this.hosted.path, this.hosted.stamp));
    }

    /** Measures this machine's speed with a short prompt and a few generated tokens, in the background. */
    async measure(signal: AbortSignal): Promise<ModelSpeed> {
        const tokens = this.pieces.of(probeText);
        const result = await runScheduled(this.scheduler, Priority.background, signal, async (_, queueMs) => {
            const sequence = this.pool.take(tokens, false);
            if (!sequence || !this.usable()) return nothingGenerated(queueMs);
            await sequence.clearHistory();
            return this.withThreads(() => generateTokens(this.hosted.model, sequence, tokens, { maxTokens: 8, ignoreEndOfText: true, signal, queueMs }));
        });
        if (result.evaluatedTokens > 0 && result.generatedTokens > 0) {
            this.meter.reset({
                promptTokensPerSecond: (result.evaluatedTokens / Math.max(1, result.promptMs)) * 1000,
                generatedTokensPerSecond: (result.generatedTokens / Math.max(1, result.generateMs)) * 1000
            });
        }
        return this.meter.speed;
    }
}
