// Builds the `hearth/refactor/run` request for a rewrite target: the target's code, a bounded window of
// context around it, and, for "fix", the diagnostics that touch it with lines counted from its first line.
import type { RefactorCommand, RefactorDiagnostic, RefactorParams, RefactorTestFile } from "../../engine/protocol";
import { surroundingContext, textForModel, type Range, type RewriteTarget } from "./rewriteTarget";

export interface DiagnosticInfo {
    range: Range;
    severity: RefactorDiagnostic["severity"];
    message: string;
    source?: string;
    code?: string;
}

export interface RequestDetails {
    languageId: string;
    /** Workspace-relative path, for the model's orientation. */
    fileName: string;
    instruction?: string;
    diagnostics?: readonly DiagnosticInfo[];
    testFile?: RefactorTestFile;
}

/** Lines of context sent on each side of the target. */
export const contextLines = 60;

/** The diagnostics on the target's lines, most severe first, their lines counted from the target's first line. */
export function diagnosticsInTarget(diagnostics: readonly DiagnosticInfo[], target: RewriteTarget): RefactorDiagnostic[] {
    const order: Record<RefactorDiagnostic["severity"], number> = { error: 0, warning: 1, information: 2, hint: 3 };
    const first = target.range.start.line;
    const last = target.range.end.line;
    return diagnostics
        .filter((diagnostic) => diagnostic.range.end.line >= first && diagnostic.range.start.line <= last)
        .sort((a, b) => order[a.severity] - order[b.severity] || a.range.start.line - b.range.start.line)
        .map((diagnostic) => ({
            line: Math.max(0, diagnostic.range.start.line - first),
            severity: diagnostic.severity,
            message: diagnostic.message,
            source: diagnostic.source,
            code: diagnostic.code
        }));
}

export function refactorParamsFor(command: RefactorCommand, target: RewriteTarget, lines: readonly string[], details: RequestDetails): RefactorParams {
    const { before, after } = surroundingContext(lines, target.range, contextLines);
    return {
        command,
        code: textForModel(target),
        languageId: details.languageId,
        fileName: details.fileName,
        // Generated tests see the code they test, not what surrounds it.
        before: command === "tests" ? undefined : before,
        after: command === "tests" ? undefined : after,
        instruction: details.instruction,
        diagnostics: details.diagnostics ? diagnosticsInTarget(details.diagnostics, target) : undefined,
        testFile: details.testFile
    };
}
