// Makes a refactor prompt fit the context window with room left for the answer. Only what is there for
// reference is shortened (context lines, the tail of a long diff, the end of an existing test file); the
// selected code never is: when it alone does not fit, the request fails with an error that says so.
import { EngineError } from "../server/engineError";
import { EngineErrorCode, type RefactorParams } from "../protocol";
import { wholeParts, type PromptParts } from "./prompts";
import { maxGeneratedTokens } from "./refactorRequest";

export interface FitOptions {
    contextSize: number;
    /** Tokens in the request's `code` alone. */
    codeTokens: number;
    /** Tokens in the whole rendered prompt (chat template included) built from `parts`. */
    countTokens(parts: PromptParts): number;
}

export interface FittedPrompt {
    parts: PromptParts;
    promptTokens: number;
    /** Tokens the answer is guaranteed to have room for. */
    answerTokens: number;
    /** The most tokens to generate. */
    generationLimit: number;
    omittedLines: number;
}

/** Room the answer needs: enough to write the selection out again, with some growth. */
export function answerTokensFor(params: RefactorParams, codeTokens: number): number {
    if (params.maxTokens !== undefined) return params.maxTokens;
    switch (params.command) {
        case "edit":
        case "fix":
            return Math.min(maxGeneratedTokens, Math.max(256, Math.ceil(codeTokens * 1.5) + 128));
        case "document":
            return Math.min(maxGeneratedTokens, Math.max(384, codeTokens * 2 + 256));
        case "tests":
            return Math.max(512, Math.min(2048, codeTokens * 2 + 384));
        case "commitMessage":
            return 256;
    }
}

function lines(text: string): string[] {
    return text === "" ? [] : text.split("\n");
}

/** The parts with at most `keep` lines of each shortenable text, the lines nearest the selection kept. */
function partsKeeping(params: RefactorParams, keep: number): { parts: PromptParts; omitted: number } {
    const whole = wholeParts(params);
    const before = lines(whole.before);
    const after = lines(whole.after);
    const parts: PromptParts = { ...whole, before: before.slice(Math.max(0, before.length - keep)).join("\n"), after: after.slice(0, keep).join("\n") };
    let omitted = Math.max(0, before.length - keep) + Math.max(0, after.length - keep);
    if (params.command === "commitMessage") {
        const diff = lines(whole.code);
        parts.code = diff.slice(0, keep).join("\n");
        parts.codeCut = diff.length > keep;
        omitted += Math.max(0, diff.length - keep);
    }
    if (whole.existingTests !== undefined) {
        const tests = lines(whole.existingTests);
        parts.existingTests = tests.slice(0, keep).join("\n");
        parts.testsCut = tests.length > keep;
        omitted += Math.max(0, tests.length - keep);
    }
    return { parts, omitted };
}

function longestShortenable(params: RefactorParams): number {
    const whole = wholeParts(params);
    const candidates = [lines(whole.before).length, lines(whole.after).length, lines(whole.existingTests ?? "").length];
    if (params.command === "commitMessage") candidates.push(lines(whole.code).length);
    return Math.max(0, ...candidates);
}

function tooLong(params: RefactorParams, needed: number, contextSize: number): EngineError {
    const what = params.command === "commitMessage" ? "The staged diff" : params.command === "tests" ? "The code to test" : "The selection";
    const advice = params.command === "commitMessage" ? "Stage fewer changes" : "Select less code";
    return new EngineError(
        EngineErrorCode.RefactorTooLong,
        `${what} is too long for the model's context: the prompt and room for the answer need about ${needed} tokens, but the context holds ${contextSize}. ${advice}, or raise hearth.chat.contextSize.`
    );
}

export function fitPrompt(params: RefactorParams, options: FitOptions): FittedPrompt {
    const answerTokens = answerTokensFor(params, options.codeTokens);
    const budget = options.contextSize - answerTokens;
    const fits = (keep: number) => {
        const { parts, omitted } = partsKeeping(params, keep);
        const promptTokens = options.countTokens(parts);
        return { parts, omitted, promptTokens, fits: promptTokens <= budget };
    };
    const longest = longestShortenable(params);
    let best = fits(longest);
    if (!best.fits) {
        // A diff cut to nothing describes nothing: keep at least a few lines of it.
        const least = params.command === "commitMessage" ? Math.min(longest, 8) : 0;
        const smallest = fits(least);
        if (!smallest.fits) throw tooLong(params, smallest.promptTokens + answerTokens, options.contextSize);
        best = smallest;
        let low = least;
        let high = longest;
        while (high - low > 1) {
            const middle = Math.floor((low + high) / 2);
            const attempt = fits(middle);
            if (attempt.fits) {
                low = middle;
                best = attempt;
            } else {
                high = middle;
            }
        }
    }
    const room = options.contextSize - best.promptTokens;
    const generationLimit = params.maxTokens ?? Math.min(room, maxGeneratedTokens, Math.max(answerTokens * 2, 1024));
    return { parts: best.parts, promptTokens: best.promptTokens, answerTokens, generationLimit, omittedLines: best.omitted };
}
