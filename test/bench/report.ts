// The figures the benchmarks print: latency percentiles over the pauses of a trace, prompt tokens evaluated next to
// the tokens truly changed, and the targets they meet.
import type { PauseSample } from "./trace";

export function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    if (sorted.length === 0) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : "n/a");
export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a");

export interface Latency {
    count: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    /** The first pause after each jump. */
    afterJump: { count: number; p50: number; max: number };
    cacheHits: number;
}

export function latency(samples: PauseSample[]): Latency {
    const all = samples.map((s) => s.latencyMs);
    const jumps = samples.filter((s) => s.afterJump).map((s) => s.latencyMs);
    return {
        count: all.length,
        p50: percentile(all, 50),
        p90: percentile(all, 90),
        p99: percentile(all, 99),
        max: Math.max(...all),
        afterJump: { count: jumps.length, p50: percentile(jumps, 50), max: Math.max(...jumps) },
        cacheHits: samples.filter((s) => s.cacheHit).length
    };
}

export function describe(label: string, l: Latency): string {
    return `${label}: p50 ${ms(l.p50)}, p90 ${ms(l.p90)}, p99 ${ms(l.p99)}, max ${ms(l.max)} over ${l.count} pauses (${l.cacheHits} from a cache); p90/p50 ${ratio(l.p90 / l.p50)}; first suggestion after a jump: p50 ${ms(l.afterJump.p50)}, max ${ms(l.afterJump.max)} (${l.afterJump.count} jumps)`;
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
    /** The pauses the model answered (not a cache). */
    answered: PauseSample[];
    /** Tokens of the text changed since the engine last evaluated a prompt, per answered pause. */
    changedTokens: number[];
    evaluatedPerRequest: number;
    promptPerRequest: number;
    changedPerRequest: number;
    /** Prompt tokens evaluated over tokens truly changed. */
    ratio: number;
}

/** How many prompt tokens Hearth evaluated for the pauses it answered, next to the tokens the typist changed. */
export async function evaluation(modelPath: string, samples: PauseSample[]): Promise<Evaluation> {
    const answered = samples.filter((p) => !p.cacheHit);
    const changedTokens = await countTokens(modelPath, answered.map((p) => p.changedText ?? ""));
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

export class Targets {
    private readonly lines: string[] = [];

    check(what: string, value: number, limit: number, shown: (v: number) => string): void {
        const verdict = !Number.isFinite(value) ? "not measured" : value <= limit ? "met" : "MISSED";
        this.lines.push(`  [${verdict}] ${what}: ${shown(value)} (target ≤ ${shown(limit)})`);
    }

    print(): string {
        return ["targets (this run, this machine):", ...this.lines].join("\n");
    }
}
