// Hearth's refactors in the lightbulb and the Refactor… menu: "Fix with Hearth" on errors and warnings,
// "Edit with Hearth…" and "Document with Hearth" as rewrites. Offered only while the engine is ready.
import * as vscode from "vscode";

export class RefactorCodeActions implements vscode.CodeActionProvider {
    static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite];

    constructor(private readonly ready: () => boolean) {}

    provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
        if (!this.ready()) return [];
        const actions: vscode.CodeAction[] = [];
        const problems = context.diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
        if (problems.length > 0) {
            const fix = new vscode.CodeAction("Fix with Hearth", vscode.CodeActionKind.QuickFix);
            fix.command = { command: "hearth.fixSelection", title: "Fix with Hearth", arguments: [document.uri, range] };
            fix.diagnostics = problems;
            actions.push(fix);
        }
        // Rewrites of an empty selection only when asked for (Ctrl+., Refactor…), not in every lightbulb.
        if (!range.isEmpty || context.triggerKind === vscode.CodeActionTriggerKind.Invoke) {
            const rewrite = (title: string, command: string) => {
                const action = new vscode.CodeAction(title, vscode.CodeActionKind.RefactorRewrite);
                action.command = { command, title, arguments: [document.uri, range] };
                return action;
            };
            actions.push(rewrite("Edit with Hearth…", "hearth.editSelection"), rewrite("Document with Hearth", "hearth.documentSelection"));
        }
        return actions;
    }
}
