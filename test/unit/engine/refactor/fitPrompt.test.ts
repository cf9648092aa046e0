import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EngineError } from "../../../../engine/server/engineError";
import { answerTokensFor, fitPrompt } from "../../../../engine/refactor/fitPrompt";
import { refactorPrompt, type PromptParts } from "../../../../engine/refactor/prompts";
import type { RefactorParams } from "../../../../engine/protocol";

const code = "export function add(a: number, b: number): number {\n    return a + b;\n}";

function params(overrides: Partial<RefactorParams>): RefactorParams {
    return { command: "edit", code, languageId: "typescript", fileName: "src/math.ts", instruction: "rename add to sum", ...overrides };
}

describe("fitting a refactor prompt to the context window", () => {
    // One token per line of the prompt: easy to reason about, monotonic like a real tokenizer.
    const countLines = (request: RefactorParams) => (parts: PromptParts) => refactorPrompt(request, parts).user.split("\n").length + 10;
    const numbered = (count: number, label: string) => Array.from({ length: count }, (_, i) => `${label} ${i}`).join("\n");

    it("keeps everything when it fits", () => {
        const request = params({ before: numbered(5, "before"), after: numbered(5, "after") });
        const fitted = fitPrompt(request, { contextSize: 4096, codeTokens: 20, countTokens: countLines(request) });
        assert.equal(fitted.omittedLines, 0);
        assert.equal(fitted.parts.before, request.before);
        assert.ok(fitted.promptTokens + fitted.answerTokens <= 4096);
    });

    it("drops the context lines farthest from the selection first, never the selection", () => {
        const request = params({ before: numbered(60, "before"), after: numbered(60, "after") });
        const fitted = fitPrompt(request, { contextSize: 400, codeTokens: 20, countTokens: countLines(request) });
        assert.ok(fitted.omittedLines > 0);
        assert.ok(fitted.promptTokens + fitted.answerTokens <= 400);
        assert.ok(fitted.parts.before.endsWith("before 59"), "the line next to the selection stays");
        assert.ok(fitted.parts.after.startsWith("after 0"));
        assert.equal(fitted.parts.code, code);
        const user = refactorPrompt(request, fitted.parts).user;
        assert.ok(user.includes(code));
    });

    it("fails with a clear error when the selection alone does not fit", () => {
        const request = params({ code: numbered(500, "line"), before: numbered(10, "before") });
        assert.throws(
            () => fitPrompt(request, { contextSize: 512, codeTokens: 3000, countTokens: countLines(request) }),
            (error: EngineError) => error.code === -32906 && /The selection is too long/.test(error.message) && /hearth\.chat\.contextSize/.test(error.message)
        );
    });

    it("cuts a long diff from its end and says so in the prompt", () => {
        const request = params({ command: "commitMessage", code: numbered(1000, "+line"), instruction: undefined });
        const fitted = fitPrompt(request, { contextSize: 600, codeTokens: 5000, countTokens: countLines(request) });
        assert.ok(fitted.parts.codeCut);
        assert.ok(fitted.parts.code.startsWith("+line 0\n"));
        assert.match(refactorPrompt(request, fitted.parts).user, /cut short/);
    });

    it("keeps room for an answer in proportion to the code", () => {
        assert.equal(answerTokensFor(params({}), 10), 256);
        assert.equal(answerTokensFor(params({}), 1000), 1628);
        assert.ok(answerTokensFor(params({ command: "document" }), 1000) > answerTokensFor(params({}), 1000), "documentation adds lines");
        assert.equal(answerTokensFor(params({ command: "commitMessage" }), 5000), 256);
        assert.equal(answerTokensFor(params({ maxTokens: 7 }), 1000), 7);
    });

    it("bounds generation by the request's maxTokens, else by the room left", () => {
        const request = params({ maxTokens: 32 });
        assert.equal(fitPrompt(request, { contextSize: 2048, codeTokens: 20, countTokens: countLines(request) }).generationLimit, 32);
        const open = params({});
        const fitted = fitPrompt(open, { contextSize: 2048, codeTokens: 20, countTokens: countLines(open) });
        assert.ok(fitted.generationLimit <= 2048 - fitted.promptTokens);
        assert.ok(fitted.generationLimit >= fitted.answerTokens);
    });
});
