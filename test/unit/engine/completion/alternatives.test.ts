import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alternativeSampling, collectAlternatives } from "../../../../engine/completion/alternatives";
import type { Suggestion } from "../../../../engine/completion/postprocess/finish";

const s = (text: string, replace = 0): Suggestion => ({ text, replace });

describe("alternative suggestions", () => {
    it("keeps the first, then distinct samples up to the count", async () => {
        const samples = [s("a"), s("b"), s("a"), s("c")];
        const found = await collectAlternatives(s("a"), 3, "", async (attempt) => samples[attempt]);
        assert.deepEqual(found.map((x) => x.text), ["a", "b", "c"]);
    });

    it("counts two suggestions that leave the same line as one", async () => {
        const found = await collectAlternatives(s("x)", 1), 2, ")", async () => s("x"));
        assert.deepEqual(found, [s("x)", 1)]);
    });

    it("gives up after a bounded number of samples when the model always answers the same", async () => {
        let asked = 0;
        const found = await collectAlternatives(s("a"), 3, "", async () => {
            asked++;
            return s("a");
        });
        assert.deepEqual([found.length, asked], [1, 4]);
    });

    it("samples each attempt with its own seed", () => {
        assert.notEqual(alternativeSampling(0).seed, alternativeSampling(1).seed);
        assert.ok(alternativeSampling(0).temperature > 0);
    });
});
