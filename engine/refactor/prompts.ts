// Every prompt Hearth's refactor commands send to the model, in one place. Each is a system message, a user
// message and the start of the answer, which Hearth writes itself: an opening code fence makes the model
// answer with code at once instead of a preamble.
import type { RefactorDiagnostic, RefactorParams } from "../protocol";
import { fenceFor } from "./fences";
import { languageFacts } from "./languages";

export interface RefactorPrompt {
    system: string;
    user: string;
    /** The first characters of the answer, given to the model rather than generated. */
    answerPrefix: string;
}

/** The parts of a request that may be shortened to fit the context window. */
export interface PromptParts {
    before: string;
    after: string;
    /** The request's `code`; for "commitMessage", possibly a diff cut short. */
    code: string;
    existingTests: string | undefined;
    /** `code` is a diff that was cut short. */
    codeCut: boolean;
    /** The existing test file was cut short. */
    testsCut: boolean;
}

export function wholeParts(params: RefactorParams): PromptParts {
    return {
        before: params.before ?? "",
        after: params.after ?? "",
        code: params.code,
        existingTests: params.testFile?.existingText,
        codeCut: false,
        testsCut: false
    };
}

const codeSystem =
    "You are Hearth, a careful coding assistant working inside the user's editor. " +
    "You change only what you are asked to change and keep the code's style, names and indentation. " +
    "You answer with code only: one fenced code block, with no explanation before or after it.";

const commitSystem = "You are Hearth, a careful assistant that writes clear git commit messages from diffs.";

function block(fence: string, tag: string, text: string): string {
    return `${fence}${tag}\n${text}\n${fence}`;
}

function describeFile(params: RefactorParams): string {
    const language = languageFacts(params.languageId).name;
    return params.fileName ? `\`${params.fileName}\` (${language})` : language;
}

function contextSections(fence: string, tag: string, parts: PromptParts): string {
    let text = "";
    if (parts.before.trim() !== "") text += `Code just before the selection, for reference only:\n${block(fence, tag, parts.before)}\n\n`;
    if (parts.after.trim() !== "") text += `Code just after the selection, for reference only:\n${block(fence, tag, parts.after)}\n\n`;
    return text;
}

function describeDiagnostic(diagnostic: RefactorDiagnostic): string {
    const origin = [diagnostic.source, diagnostic.code].filter(Boolean).join(" ");
    return `- line ${diagnostic.line + 1}: ${diagnostic.severity}${origin ? ` (${origin})` : ""}: ${diagnostic.message.replace(/\s+/g, " ").trim()}`;
}

function extraInstruction(params: RefactorParams): string {
    return params.instruction ? `\nAlso follow this instruction: ${params.instruction}` : "";
}

function editPrompt(params: RefactorParams, parts: PromptParts, fence: string, tag: string): string {
    return (
        `${contextSections(fence, tag, parts)}The selected code, from ${describeFile(params)}:\n${block(fence, tag, parts.code)}\n\n` +
        `Rewrite the selected code as follows: ${params.instruction}\n\n` +
        "Answer with the complete rewritten selection in one fenced code block. Do not repeat the code before or after the selection."
    );
}

function fixPrompt(params: RefactorParams, parts: PromptParts, fence: string, tag: string): string {
    const problems = (params.diagnostics ?? []).map(describeDiagnostic).join("\n");
    return (
        `${contextSections(fence, tag, parts)}The selected code, from ${describeFile(params)}:\n${block(fence, tag, parts.code)}\n\n` +
        `The editor reports these problems in it (line numbers count from the first line of the selection):\n${problems}\n${extraInstruction(params)}\n` +
        "Fix these problems with the smallest change that solves them, and leave everything else exactly as it is. " +
        "Answer with the complete corrected selection in one fenced code block."
    );
}

function documentPrompt(params: RefactorParams, parts: PromptParts, fence: string, tag: string): string {
    const convention = languageFacts(params.languageId).docs;
    return (
        `${contextSections(fence, tag, parts)}The selected code, from ${describeFile(params)}:\n${block(fence, tag, parts.code)}\n\n` +
        `Add documentation comments to the selected code, using ${convention}. ` +
        "Document each function, method, class and exported declaration that has no documentation yet, and keep the comments that are already there. " +
        "Do not change the code itself: every line of the selection must appear in your answer unchanged and in the same order; only add comment lines." +
        `${extraInstruction(params)}\n\n` +
        "Answer with the complete selection, documentation added, in one fenced code block."
    );
}

function testsPrompt(params: RefactorParams, parts: PromptParts, fence: string, tag: string): string {
    const testFile = params.testFile;
    const framework = languageFacts(testFile?.languageId ?? params.languageId).tests;
    let where: string;
    let what: string;
    if (testFile && parts.existingTests !== undefined && parts.existingTests.trim() !== "") {
        const cut = parts.testsCut ? "\n(Only the start of that file is shown.)" : "";
        where = `The tests go in \`${testFile.fileName}\`, which already contains:\n${block(fence, tag, parts.existingTests)}${cut}\n\n`;
        what = "Write only the new tests, to be appended at the end of that file, with any imports they need that the file lacks. Follow the style of the existing tests.";
    } else {
        where = testFile ? `The tests go in a new file, \`${testFile.fileName}\`.\n\n` : "";
        what = "Write the complete test file, with the imports it needs; import the code under test from its file.";
    }
    return (
        `The code to test, from ${describeFile(params)}:\n${block(fence, languageFacts(params.languageId).fence, parts.code)}\n\n${where}` +
        `Write unit tests for this code using ${framework}. Cover the normal cases, the edge cases and the errors it can raise. ${what}` +
        `${extraInstruction(params)}\n\nAnswer with the code only, in one fenced code block.`
    );
}

function commitPrompt(params: RefactorParams, parts: PromptParts): string {
    const fence = fenceFor(parts.code);
    const cut = parts.codeCut ? "\n(The diff was cut short to fit; describe what it shows.)" : "";
    return (
        `Write a commit message for these staged changes:\n${block(fence, "diff", parts.code)}${cut}\n\n` +
        "Follow the usual convention: a summary line in the imperative mood of at most 72 characters; then, only if the change needs explaining, " +
        "a blank line and a short body that says what changed and why, wrapped at 72 characters." +
        `${extraInstruction(params)}\n\n` +
        "Answer with the commit message only: no code fences, no quotes, no preamble."
    );
}

/** The prompt for `params`, built from `parts` (the whole request unless it had to be shortened). */
export function refactorPrompt(params: RefactorParams, parts: PromptParts = wholeParts(params)): RefactorPrompt {
    if (params.command === "commitMessage") return { system: commitSystem, user: commitPrompt(params, parts), answerPrefix: "" };
    const answerLanguage = params.command === "tests" ? params.testFile?.languageId ?? params.languageId : params.languageId;
    // The answer is code from the same file, so one fence length that nothing in the file can close serves both.
    const fence = fenceFor(`${parts.code}\n${parts.before}\n${parts.after}\n${parts.existingTests ?? ""}`);
    const tag = languageFacts(params.languageId).fence;
    const answerPrefix = `${fence}${languageFacts(answerLanguage).fence}\n`;
    switch (params.command) {
        case "edit":
            return { system: codeSystem, user: editPrompt(params, parts, fence, tag), answerPrefix };
        case "fix":
            return { system: codeSystem, user: fixPrompt(params, parts, fence, tag), answerPrefix };
        case "document":
            return { system: codeSystem, user: documentPrompt(params, parts, fence, tag), answerPrefix };
        case "tests":
            return { system: codeSystem, user: testsPrompt(params, parts, fence, languageFacts(answerLanguage).fence), answerPrefix };
    }
}
