// Refactor commands: code (or a staged diff) in, a proposal streamed back.
import { ProgressType, RequestType, type PartialResultParams } from "vscode-languageserver-protocol";

export type RefactorCommand = "edit" | "fix" | "document" | "tests" | "commitMessage";

export interface RefactorDiagnostic {
    /** 0-based, counted from the first line of `code`. */
    line: number;
    severity: "error" | "warning" | "information" | "hint";
    message: string;
    /** Who reported it, e.g. "ts" or "eslint". */
    source?: string;
    code?: string;
}

export interface RefactorTestFile {
    /** Workspace-relative path of the file the tests go in. */
    fileName: string;
    languageId: string;
    /** What that file holds now; absent when it is a new file. */
    existingText?: string;
}

export interface RefactorParams extends PartialResultParams {
    command: RefactorCommand;
    /** The code the command works on ("\n" line ends); for "commitMessage", the staged diff. */
    code: string;
    languageId: string;
    /** Workspace-relative path of the file, shown to the model. */
    fileName?: string;
    /** Lines just before and after `code`, for reference only; the engine drops the farthest first when the prompt is too long. */
    before?: string;
    after?: string;
    /** What to do ("edit"), or a note to add to the other commands. */
    instruction?: string;
    /** The problems to fix ("fix"). */
    diagnostics?: RefactorDiagnostic[];
    /** Where generated tests go ("tests"). */
    testFile?: RefactorTestFile;
    /** The most tokens to generate; the engine picks a bound from the size of `code` when absent. */
    maxTokens?: number;
}

export type RefactorFinishReason = "end" | "closedFence" | "maxTokens";

export interface RefactorResult {
    /** The model's whole answer, including the opening fence Hearth wrote for it. */
    text: string;
    /** The code (or commit message) taken from the answer: what the proposal shows. */
    code: string;
    finishReason: RefactorFinishReason;
    promptTokens: number;
    generatedTokens: number;
    /** Lines of context (or of a long diff or test file) left out so the prompt fits the context window. */
    omittedLines: number;
}

/** A piece of a refactor proposal, streamed as a partial result of `hearth/refactor/run`. */
export interface RefactorDelta {
    /** The next piece of the model's answer: all the pieces of a run, joined, are the result's `text`. */
    text: string;
    /** The change in the code taken from the answer: appended to the code so far, or, with `codeReset`, the whole code so far. */
    code: string;
    codeReset?: boolean;
}

/**
 * Sent by the client to rewrite code (or write a commit message); cancelled with `$/cancelRequest`. The engine
 * streams the proposal as `$/progress` on the params' `partialResultToken`, one RefactorDelta each; the
 * response still carries the whole result.
 */
export namespace RefactorRunRequest {
    export const method = "hearth/refactor/run" as const;
    export const type = new RequestType<RefactorParams, RefactorResult, void>(method);
    export const progress = new ProgressType<RefactorDelta>();
    export const progressToken = "partialResultToken" as const;
}
