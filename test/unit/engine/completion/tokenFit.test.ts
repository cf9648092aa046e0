import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TokenFit } from "../../../../engine/completion/tokenFit";

/** One token per character, counting what it is asked to tokenize. */
function fitter() {
    const asked = { chars: 0 };
    return { asked, fit: new TokenFit((text) => ((asked.chars += text.length), text.length)) };
}

const lines = "alpha\nbeta\ngamma\ndelta\n";

describe("fitting text to a token budget", () => {
    // text, budget → the end that fits, the start that fits
    const cases: Array<[string, string, number, string, string]> = [
        ["text within the budget whole", lines, 100, lines, lines],
        ["whole lines where they keep at least half", lines, 13, "gamma\ndelta\n", "alpha\nbeta\n"],
        ["a cut inside a line rather than losing more than half", `${"x".repeat(40)}\n`, 10, "xxxxxxxx\n", "x".repeat(9)],
        ["nothing for no budget", lines, 0, "", ""]
    ];
    for (const [what, text, budget, end, start] of cases) {
        it(`keeps ${what}`, () => {
            const { fit } = fitter();
            assert.equal(fit.end(text, budget), end);
            assert.equal(fit.start(text, budget), start);
        });
    }

    it("tokenizes no more than a budget's worth of a huge text", () => {
        const { fit, asked } = fitter();
        const huge = "y".repeat(10_000_000);
        assert.equal(fit.end(huge, 100).length <= 100, true);
        assert.equal(fit.within(huge, 100), false);
        assert.ok(asked.chars < 5_000, `asked to tokenize ${asked.chars} characters`);
    });
});
