// The refactor commands: Edit with Instruction (the inline chat, Ctrl+I), Explain, Fix, Document, Generate
// Tests and Write Commit Message. Each works on the selection, or with none on the code around the cursor,
// and every change to a file goes through a reviewed proposal.
import { basename } from "node:path";
import * as vscode from "vscode";
import type { RefactorCommand, RefactorParams } from "../../engine/protocol";
import type { ChatPort } from "../chat/chatPort";
import type { ChatRefactor } from "../chat/slashCommands";
import type { EngineStateView } from "../engineState";
import type { ReviewPlan } from "../review/reviewPlan";
import type { Reviews } from "../review/reviews";
import { writeCommitMessage } from "./commitMessage";
import { documentLines, indentStyleOf, targetAt } from "./editorTarget";
import type { InstructionBox } from "./instructionBox";
import { RefactorCodeActions } from "./refactorCodeActions";
import type { RefactorPort } from "./refactorPort";
import type { RefactorEngine } from "./refactorRunner";
import { refactorParamsFor, type DiagnosticInfo, type RequestDetails } from "./requestParams";
import { describeLines, type RewriteTarget } from "./rewriteTarget";
import { selectionReviewPlan, toVscodeRange } from "./selectionReview";
import { findTestDestination, testsReviewPlan } from "./testsReview";

interface Place {
    editor: vscode.TextEditor;
    document: vscode.TextDocument;
    /** The range the command was given (a code action's), else the editor's selection. */
    range: vscode.Range;
}

const severities: Record<vscode.DiagnosticSeverity, DiagnosticInfo["severity"]> = {
    [vscode.DiagnosticSeverity.Error]: "error",
    [vscode.DiagnosticSeverity.Warning]: "warning",
    [vscode.DiagnosticSeverity.Information]: "information",
    [vscode.DiagnosticSeverity.Hint]: "hint"
};

function diagnosticInfo(diagnostic: vscode.Diagnostic): DiagnosticInfo {
    const code = typeof diagnostic.code === "object" ? diagnostic.code.value : diagnostic.code;
    return { range: diagnostic.range, severity: severities[diagnostic.severity], message: diagnostic.message, source: diagnostic.source, code: code === undefined ? undefined : String(code) };
}

/** How the progress notification says what the engine is doing while it writes a proposal. */
const progressVerbs: Partial<Record<RefactorCommand, string>> = { edit: "editing", fix: "fixing", document: "documenting", tests: "writing tests into" };

export class RefactorController implements RefactorPort, vscode.Disposable {
    private readonly subscriptions: vscode.Disposable[];

    constructor(private readonly instructions: Pick<InstructionBox, "ask">, private readonly engine: RefactorEngine, private readonly reviews: Reviews, private readonly chat: ChatPort, engineState: EngineStateView) {
        this.subscriptions = [
            vscode.languages.registerCodeActionsProvider([{ scheme: "file" }, { scheme: "untitled" }], new RefactorCodeActions(() => engineState.ready), {
                providedCodeActionKinds: RefactorCodeActions.kinds
            })
        ];
    }

    async editSelection(...args: unknown[]): Promise<void> {
        const place = await this.place(args);
        const target = place && (await this.target(place, "edit"));
        if (!place || !target) return;
        const instruction = await this.instructions.ask({
            title: `Hearth: Edit ${describeLines(target.range)} of ${basename(place.document.uri.path)}`,
            placeholder: "Describe the change",
            example: "e.g. \"handle the empty list\" or \"use async/await\"",
            at: { editor: place.editor, range: toVscodeRange(target.range) }
        });
        if (instruction) await this.rewrite("edit", place, target, { instruction });
    }

    async fixSelection(...args: unknown[]): Promise<void> {
        const place = await this.place(args);
        if (!place) return;
        // A lightbulb's range is the diagnostic's few characters: fix the code around it, unless a selection holds it.
        const selection = place.editor.selection;
        const range = !selection.isEmpty && selection.contains(place.range) ? selection : new vscode.Range(place.range.start, place.range.start);
        const target = await this.target({ ...place, range }, "fix");
        if (!target) return;
        const problems = vscode.languages
            .getDiagnostics(place.document.uri)
            .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning && d.range.end.line >= target.range.start.line && d.range.start.line <= target.range.end.line);
        if (problems.length === 0) {
            const choice = await vscode.window.showInformationMessage(`There are no errors or warnings on ${describeLines(target.range)}.`, "Edit with Instruction…");
            if (choice) await this.editSelection(place.document.uri, toVscodeRange(target.range));
            return;
        }
        await this.rewrite("fix", place, target, { diagnostics: problems.map(diagnosticInfo) });
    }

    async documentSelection(...args: unknown[]): Promise<void> {
        const place = await this.place(args);
        const target = place && (await this.target(place, "document"));
        if (place && target) await this.rewrite("document", place, target, {});
    }

    async explainSelection(...args: unknown[]): Promise<void> {
        const place = await this.place(args);
        const target = place && (await this.target(place, "explain"));
        if (!place || !target) return;
        await this.chat.ask("/explain", {
            uri: place.document.uri,
            text: target.text,
            languageId: place.document.languageId,
            startLine: target.range.start.line
        });
    }

    async generateTests(...args: unknown[]): Promise<void> {
        const place = await this.place(args);
        const target = place && (await this.target(place, "test"));
        if (!place || !target) return;
        const destination = await findTestDestination(place.document);
        const params = refactorParamsFor("tests", target, documentLines(place.document), { ...this.details(place.document), testFile: destination.testFile });
        await this.propose(testsReviewPlan(destination), params);
    }

    /** RefactorPort: the chat's /fix, /doc and /tests, run as from a code action on `range`. */
    async run(refactor: ChatRefactor, uri: vscode.Uri, range: vscode.Range): Promise<void> {
        if (refactor === "fix") await this.fixSelection(uri, range);
        else if (refactor === "document") await this.documentSelection(uri, range);
        else await this.generateTests(uri, range);
    }

    async commitMessage(hint?: unknown): Promise<void> {
        await writeCommitMessage(this.engine, hint);
    }

    dispose(): void {
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    /** The editor and range a command runs on: a code action's (uri, range), else the active editor's selection. */
    private async place(args: unknown[]): Promise<Place | undefined> {
        const [uri, range] = args;
        if (uri instanceof vscode.Uri) {
            const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
            const editor = visible ?? (await vscode.window.showTextDocument(uri));
            return { editor, document: editor.document, range: range instanceof vscode.Range ? range : editor.selection };
        }
        const editor = vscode.window.activeTextEditor;
        if (!editor) {
            void vscode.window.showInformationMessage("Open a file and select the code for Hearth to work on.");
            return undefined;
        }
        return { editor, document: editor.document, range: editor.selection };
    }

    private async target(place: Place, verb: string): Promise<RewriteTarget | undefined> {
        const target = await targetAt(place.document, place.range, indentStyleOf(place.editor).tabSize);
        if (target.text.trim() === "") {
            void vscode.window.showInformationMessage(`Select the code for Hearth to ${verb}.`);
            return undefined;
        }
        // Show exactly what the command works on.
        place.editor.selection = new vscode.Selection(toVscodeRange(target.range).start, toVscodeRange(target.range).end);
        return target;
    }

    private details(document: vscode.TextDocument): RequestDetails {
        return { languageId: document.languageId, fileName: vscode.workspace.asRelativePath(document.uri) };
    }

    private async rewrite(command: RefactorCommand, place: Place, target: RewriteTarget, extra: Pick<RequestDetails, "instruction" | "diagnostics">): Promise<void> {
        const params = refactorParamsFor(command, target, documentLines(place.document), { ...this.details(place.document), ...extra });
        const rerun = () => {
            if (command === "fix") {
                void this.fixSelection(place.document.uri);
                return;
            }
            void (async () => {
                const again = await this.place([place.document.uri]);
                const retarget = again && (await this.target(again, command));
                if (again && retarget) await this.rewrite(command, again, retarget, extra);
            })();
        };
        await this.propose(selectionReviewPlan({ document: place.document, target, command, style: indentStyleOf(place.editor), rerun }), params);
    }

    private propose(plan: ReviewPlan, params: RefactorParams): Promise<void> {
        return this.reviews.propose(plan, { kind: "engine", title: `Hearth is ${progressVerbs[params.command] ?? "rewriting"} ${plan.name}`, params });
    }
}
