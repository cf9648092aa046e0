// The figures the benchmarks report: percentiles of keystroke-to-suggestion latency, and how many prompt tokens
// were evaluated next to the tokens the typist truly changed.
import type { PauseSample } from "./replayHearth";

export function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    if (sorted.length === 0) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (value: number) => `${Math.round(value)} ms`;

export function latencies(pauses: PauseSample[]): { p50: number; p90: number; count: number } {
    const values = pauses.map((p) => p.latencyMs);
    return { p50: percentile(values, 50), p90: percentile(values, 90), count: values.length };
}

/** Tokens of each text on its own, with the model's own tokenizer (its vocabulary only is loaded). */
export async function countTokens(modelPath: string, texts: string[]): Promise<number[]> {
    const { getLlama } = await import("node-llama-cpp");
    const llama = await getLlama({ gpu: false, build: "never" });
    const model = await llama.loadModel({ modelPath, vocabOnly: true });
    const counts = texts.map((text) => model.tokenize(text, false).length);
    await model.dispose();
    await llama.dispose();
    return counts;
}

export interface Evaluation {
    /** Pauses the model answered (not the result cache). */
    answered: PauseSample[];
    /** Tokens of the text changed since the last evaluated prompt, per answered pause. */
    changedTokens: number[];
    evaluatedPerRequest: number;
    promptPerRequest: number;
    changedPerRequest: number;
    /** Evaluated over truly changed tokens. */
    ratio: number;
}

export async function evaluation(modelPath: string, pauses: PauseSample[]): Promise<Evaluation> {
    const answered = pauses.filter((p) => !p.cacheHit);
    const changedTokens = await countTokens(modelPath, answered.map((p) => p.changedText));
    const count = Math.max(1, answered.length);
    const evaluated = answered.reduce((n, p) => n + p.evaluatedTokens, 0);
    const changed = changedTokens.reduce((n, c) => n + Math.max(1, c), 0);
    return {
        answered,
        changedTokens,
        evaluatedPerRequest: evaluated / count,
        promptPerRequest: answered.reduce((n, p) => n + p.promptTokens, 0) / count,
        changedPerRequest: changed / count,
        ratio: evaluated / Math.max(1, changed)
    };
}
