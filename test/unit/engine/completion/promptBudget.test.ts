import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { budgetsFor, contextBudget, type PromptBudget } from "../../../../engine/completion/promptBudget";

const total = (b: PromptBudget) => b.prefixTokens + b.suffixTokens + b.extraTokens;

describe("prompt budgets", () => {
    it("sizes the most a context allows to the context", () => {
        const small = contextBudget(512, 64);
        assert.ok(total(small) + small.middleTokens <= 512 - 64);
        const large = contextBudget(32768, 64);
        assert.ok(large.prefixTokens >= 1024 && large.suffixTokens >= 256);
    });

    // prompt tokens/s → the quick layout's tokens at most, the wide layout's at least and at most
    const speeds: Array<[string, number, { quickAtMost: number; wideAtLeast: number; wideAtMost: number }]> = [
        ["a busy CPU", 50, { quickAtMost: 48, wideAtLeast: 250, wideAtMost: 300 }],
        ["a quiet 2-core CPU", 160, { quickAtMost: 96, wideAtLeast: 850, wideAtMost: 960 }],
        ["a GPU", 5000, { quickAtMost: 2368, wideAtLeast: 2368, wideAtMost: 2368 }]
    ];
    for (const [machine, promptTokensPerSecond, expected] of speeds) {
        it(`follows the measured speed of ${machine}`, () => {
            const budgets = budgetsFor(8192, 64, { promptTokensPerSecond, generatedTokensPerSecond: 20 });
            assert.ok(total(budgets.quick) <= expected.quickAtMost, `quick ${total(budgets.quick)}`);
            assert.ok(total(budgets.quick) <= budgets.foregroundTokens, "the quick layout is evaluated within the foreground's time");
            assert.equal(budgets.quick.extraTokens, 0, "the quick layout leaves other files out");
            assert.ok(total(budgets.wide) >= expected.wideAtLeast && total(budgets.wide) <= expected.wideAtMost, `wide ${total(budgets.wide)}`);
        });
    }

    it("without a measured speed, gives every layout what the context allows", () => {
        const budgets = budgetsFor(8192, 64, undefined);
        assert.deepEqual(budgets.quick, budgets.wide);
        assert.ok(total(budgets.wide) <= budgets.foregroundTokens);
    });
});
