// Which of the layouts a request may use it evaluates: the most wanted one whose part missing from the cache
// the foreground affords, else the one that costs least. The rest waits for the background.
import type { CompletionModel, PromptPiece } from "../runtime/inference";
import type { PromptCandidate } from "./promptBuilder";

export interface PromptChoice {
    chosen: PromptCandidate;
    /** The most wanted layout: the background evaluates it when the chosen one is not it. */
    preferred: PromptCandidate;
    /** Prompt tokens of the chosen layout missing from the cache. */
    uncachedTokens: number;
}

export function choosePrompt(candidates: readonly PromptCandidate[], model: CompletionModel, foregroundTokens: number): PromptChoice {
    const preferred = candidates[0];
    if (!model.cachedTokens) return { chosen: preferred, preferred, uncachedTokens: promptTokens(preferred.pieces, model) };
    let cheapest: { chosen: PromptCandidate; uncachedTokens: number } | undefined;
    for (const candidate of candidates) {
        const uncachedTokens = uncached(candidate, model);
        if (uncachedTokens <= foregroundTokens) return { chosen: candidate, preferred, uncachedTokens };
        if (!cheapest || uncachedTokens < cheapest.uncachedTokens) cheapest = { chosen: candidate, uncachedTokens };
    }
    return { ...cheapest!, preferred };
}

/** Prompt tokens of `candidate` that no cache holds yet. */
export function uncached(candidate: PromptCandidate, model: CompletionModel): number {
    return promptTokens(candidate.pieces, model) - (model.cachedTokens?.(candidate.pieces) ?? 0);
}

function promptTokens(pieces: readonly PromptPiece[], model: CompletionModel): number {
    return pieces.reduce((sum, piece) => sum + (typeof piece === "string" ? model.countTokens(piece) : 1), 0);
}
