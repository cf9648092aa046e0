// Other suggestions for the same place, for when the user cycles through them or asks for a completion: sampled
// after the first one, which they never delay, and kept only when they differ once post-processed.
import type { Sampling } from "../runtime/inference";
import type { Suggestion } from "./postprocess/finish";

/** Varied enough to differ from the likeliest answer; seeded, so the same request gets the same alternatives. */
export function alternativeSampling(attempt: number): Sampling {
    return { temperature: 0.8, topK: 40, topP: 0.95, seed: attempt + 1 };
}

/**
 * Up to `count` distinct suggestions, `first` first. `lineSuffix` is the text after the cursor on its line: two
 * suggestions that leave the same line are one. Gives up after `count` + 1 samples, so a model that always
 * answers the same costs a bounded number of generations.
 */
export async function collectAlternatives(first: Suggestion | undefined, count: number, lineSuffix: string, sample: (attempt: number) => Promise<Suggestion | undefined>): Promise<Suggestion[]> {
    const key = (s: Suggestion) => s.text + lineSuffix.slice(s.replace);
    const found = first ? [first] : [];
    const seen = new Set(found.map(key));
    for (let attempt = 0; found.length < count && attempt <= count; attempt++) {
        const next = await sample(attempt);
        if (next === undefined || seen.has(key(next))) continue;
        seen.add(key(next));
        found.push(next);
    }
    return found;
}
