// How many tokens each part of a completion prompt may take. Two limits apply: what the context holds, and what
// this machine evaluates in the time a user waits. A quick layout (a small window around the cursor) must be
// evaluated within that wait from nothing; a wide one (more code, context from other files) is evaluated in the
// background and used once it is in the cache. On a GPU both are the same; a slow CPU affords a few hundred
// tokens where a GPU affords thousands.
import type { ModelSpeed } from "../runtime/inference";

export interface PromptBudget {
    prefixTokens: number;
    suffixTokens: number;
    /** Context from other files. */
    extraTokens: number;
    prefixLines: number;
    suffixLines: number;
}

export interface PromptBudgets {
    quick: PromptBudget;
    wide: PromptBudget;
    /** The most tokens of text typed since the prompt was laid out (after the middle token) before it is laid out again. */
    middleTokens: number;
    /** The most prompt tokens a request evaluates before answering: the layout that costs more waits for the background. */
    foregroundTokens: number;
}

/** Prompt evaluation a user waits for before the first suggestion at a new place. */
const foregroundSeconds = 0.6;
/** Prompt evaluation the background may spend on one place, while the user reads and types. */
const wideSeconds = 6;
/** The smallest quick layout that still shows the model the line and a few around it. */
const minQuickTokens = 48;
/** The file name shown to the model. */
export const nameTokens = 16;

/** The most a context of `contextSize` tokens allows, leaving room to generate `generate` new ones. */
export function contextBudget(contextSize: number, generate: number): PromptBudget & { middleTokens: number } {
    const room = Math.max(64, contextSize - generate - 16 - nameTokens);
    return {
        prefixTokens: Math.min(1536, Math.floor(room * 0.4)),
        suffixTokens: Math.min(320, Math.floor(room * 0.15)),
        extraTokens: Math.min(512, Math.floor(room * 0.2)),
        middleTokens: Math.min(384, Math.floor(room * 0.15)),
        prefixLines: 256,
        suffixLines: 64
    };
}

/** Budgets for this context and this machine's measured speed (none measured: the context's limits alone). */
export function budgetsFor(contextSize: number, generate: number, speed: ModelSpeed | undefined): PromptBudgets {
    const { middleTokens, ...most } = contextBudget(contextSize, generate);
    const total = most.prefixTokens + most.suffixTokens + most.extraTokens;
    if (!speed) return { quick: most, wide: most, middleTokens, foregroundTokens: total + middleTokens };
    const foregroundTokens = Math.max(minQuickTokens, Math.floor(speed.promptTokensPerSecond * foregroundSeconds));
    const quick = scaled(most, Math.min(total, foregroundTokens), false);
    const wide = scaled(most, Math.min(total, Math.max(foregroundTokens, speed.promptTokensPerSecond * wideSeconds)), true);
    return { quick, wide, middleTokens, foregroundTokens };
}

/** `most` shrunk to `tokens` in all; without other files when `withExtra` is false, as the quick layout is. */
function scaled(most: PromptBudget, tokens: number, withExtra: boolean): PromptBudget {
    const parts = most.prefixTokens + most.suffixTokens + (withExtra ? most.extraTokens : 0);
    const share = Math.min(1, tokens / parts);
    return {
        prefixTokens: Math.floor(most.prefixTokens * share),
        suffixTokens: Math.floor(most.suffixTokens * share),
        extraTokens: withExtra ? Math.floor(most.extraTokens * share) : 0,
        prefixLines: most.prefixLines,
        suffixLines: most.suffixLines
    };
}
