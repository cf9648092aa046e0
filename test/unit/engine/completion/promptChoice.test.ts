import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PromptCandidate } from "../../../../engine/completion/promptBuilder";
import { choosePrompt } from "../../../../engine/completion/promptChoice";
import type { CompletionModel, PromptPiece } from "../../../../engine/runtime/inference";

/** A model whose tokens are characters, with `cached` characters of each prompt text already in a cache. */
function modelWith(cached: Record<string, number> | undefined): CompletionModel {
    return {
        name: "m",
        contextSize: 4096,
        fim: { fileSeparator: false },
        countTokens: (text) => text.length,
        generate: () => Promise.reject(new Error("not here")),
        ...(cached ? { cachedTokens: (pieces: readonly PromptPiece[]) => cached[pieces.filter((p) => typeof p === "string").join("")] ?? 0 } : {})
    };
}

const candidate = (text: string, layout: "wide" | "quick" = "wide"): PromptCandidate => ({ pieces: [{ special: "fimPrefix" }, text], layout, fresh: false });
const wide = candidate("w".repeat(100));
const older = candidate("o".repeat(100));
const quick = candidate("q".repeat(20), "quick");

describe("choosing the layout to evaluate", () => {
    // cached characters per layout, foreground tokens → the layout chosen
    const cases: Array<[string, Record<string, number> | undefined, number, PromptCandidate]> = [
        ["the most wanted layout when the foreground affords what it lacks", { [wide.pieces[1] as string]: 90 }, 16, wide],
        ["a layout already in the cache before a wider one that is not", { [older.pieces[1] as string]: 100 }, 16, older],
        ["the quick layout when nothing is cached", {}, 30, quick],
        ["the cheapest layout when none is cheap enough", { [older.pieces[1] as string]: 50 }, 5, quick],
        ["the most wanted layout from a backend that cannot tell what it caches", undefined, 5, wide]
    ];
    for (const [what, cached, foreground, expected] of cases) {
        it(`takes ${what}`, () => {
            const choice = choosePrompt([wide, older, quick], modelWith(cached), foreground);
            assert.equal(choice.chosen, expected);
            assert.equal(choice.preferred, wide);
        });
    }
});
