// The completion role on the local model: fill-in-the-middle prompts evaluated on the completion context's own
// sequence, one job at a time through the scheduler.
import { Priority, type ModelScheduler } from "../../generation/scheduler";
import type { CompletionModel, GenerateOptions, GenerationResult, PromptPiece } from "../inference";
import { fileChange } from "../modelFile";
import type { HostedModel } from "../modelHost";
import { generateTokens } from "./generateTokens";
import { PieceTokens } from "./pieceTokens";
import { nothingGenerated, runScheduled } from "./scheduled";

export class LocalCompletionModel implements CompletionModel {
    readonly name: string;
    readonly contextSize: number;
    readonly fim: { fileSeparator: boolean } | undefined;
    private readonly pieces: PieceTokens;

    constructor(private readonly hosted: HostedModel, private readonly scheduler: ModelScheduler) {
        this.name = hosted.name;
        this.contextSize = hosted.contextSize;
        this.fim = hosted.fim ? { fileSeparator: hosted.fim.fileSeparator !== undefined } : undefined;
        this.pieces = new PieceTokens((text) => hosted.model.tokenize(text, false), hosted.fim);
    }

    countTokens(text: string): number {
        return this.pieces.of(text).length;
    }

    /**
     * Completions and speculative completions share one sequence, so neither stands aside for the other
     * mid-generation: a newer completion aborts the speculation instead.
     */
    generate(prompt: readonly PromptPiece[], options: GenerateOptions): Promise<GenerationResult> {
        return runScheduled(this.scheduler, Priority[options.priority], options.signal, async (_, queueMs) => {
            // The model may have been replaced while this request waited, or its file changed under it: llama.cpp
            // reading a page of a truncated file kills the process, so the next request unloads it first.
            if (this.hosted.model.disposed || (this.hosted.stamp && fileChange(this.hosted.path, this.hosted.stamp))) return nothingGenerated(queueMs);
            return generateTokens(this.hosted.model, this.hosted.sequence, this.pieces.join(prompt), { ...options, queueMs });
        });
    }
}
