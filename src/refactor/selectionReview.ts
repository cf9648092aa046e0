// The review plan of everything that rewrites code in place (edit, fix, document, the chat's Apply): the
// target's text against the re-indented proposal, at the target's place in the document; Accept replaces
// exactly the target's range with one WorkspaceEdit (one undo step) if the document is still as it was when
// the proposal was asked for; a follow-up instruction asks for an edit of the proposal with the same context.
import { basename } from "node:path";
import * as vscode from "vscode";
import type { RefactorCommand } from "../../engine/protocol";
import type { FinishedProposal, ReviewPlan } from "../review/reviewPlan";
import { planApply, proposalText, splitLines, type Eol, type IndentStyle } from "./applyEdit";
import { firstChangedLine } from "./documentationCheck";
import { refactorParamsFor } from "./requestParams";
import type { Range, RewriteTarget } from "./rewriteTarget";

export interface SelectionReviewOptions {
    document: vscode.TextDocument;
    target: RewriteTarget;
    /** The refactor that writes the proposal; none when it is the chat's code. */
    command?: RefactorCommand;
    style: IndentStyle;
    /** Asks for the same proposal again, on the current text. */
    rerun(): void;
}

export function toVscodeRange(range: Range): vscode.Range {
    return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function selectionReviewPlan(options: SelectionReviewOptions): ReviewPlan {
    const { document, target, command, style } = options;
    const uri = document.uri;
    const version = document.version;
    const eol: Eol = document.eol === vscode.EndOfLine.CRLF ? "\r\n" : "\n";
    const name = basename(uri.path);
    const lines = splitLines(document.getText());
    const details = { languageId: document.languageId, fileName: vscode.workspace.asRelativePath(uri) };
    return {
        name,
        original: target.text,
        place: { uri: uri.toString(), range: target.range },
        // The model sees the proposal where the target was, with the target's surroundings.
        refine: (code, instruction) => ({ ...refactorParamsFor("edit", target, lines, { ...details, instruction }), code }),
        render: (code) => proposalText(target, code, style, "\n"),
        review: (result: FinishedProposal) => {
            const warnings: string[] = [];
            if (result.truncated) warnings.push("The answer reached its token limit and may be incomplete.");
            if (result.code.trim() === "") warnings.push("The proposal is empty: accepting it deletes the code.");
            else if (command === "document") {
                const changed = firstChangedLine(target.text, result.code);
                if (changed !== undefined) warnings.push(`Hearth changed code while documenting it (\`${changed.slice(0, 60)}\`).`);
            }
            return warnings;
        },
        apply: async (code) => {
            const current = await vscode.workspace.openTextDocument(uri);
            const plan = planApply(target, proposalText(target, code, style, eol), version, { version: current.version, textInRange: current.getText(toVscodeRange(target.range)) });
            if (plan.kind === "documentChanged") {
                void vscode.window.showWarningMessage(`${name} changed after Hearth read it, so nothing was applied. Run the command again on the current text.`, "Run Again").then((choice) => {
                    if (choice === "Run Again") options.rerun();
                });
                return false;
            }
            const edit = new vscode.WorkspaceEdit();
            edit.replace(uri, toVscodeRange(plan.edit.range), plan.edit.newText);
            if (!(await vscode.workspace.applyEdit(edit))) {
                void vscode.window.showErrorMessage(`Hearth could not change ${name}; nothing was applied.`);
                return false;
            }
            const editor = await vscode.window.showTextDocument(current, { preserveFocus: false });
            const start = current.positionAt(current.offsetAt(toVscodeRange(target.range).start));
            const end = current.positionAt(current.offsetAt(start) + plan.edit.newText.length);
            editor.selection = new vscode.Selection(start, end);
            editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
            return true;
        }
    };
}
