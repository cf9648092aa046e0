// The buttons on a code block in a chat answer: Copy, Insert at cursor, and Apply to file, which proposes
// the code as a review (the same diff, Accept and Discard as a refactor) over what the question was about.
import * as vscode from "vscode";
import { documentLines, indentStyleOf } from "../refactor/editorTarget";
import { chooseTarget } from "../refactor/rewriteTarget";
import { selectionReviewPlan } from "../refactor/selectionReview";
import type { Reviews } from "../review/reviews";
import { checkTarget } from "./codeTarget";
import type { EditorContext } from "./editorContext";
import type { ChatMessage } from "./messages";

export class CodeActions {
    constructor(private readonly editors: EditorContext, private readonly reviews: Reviews) {}

    async copy(code: string): Promise<void> {
        await vscode.env.clipboard.writeText(code);
        vscode.window.setStatusBarMessage("$(check) Hearth: code copied", 2000);
    }

    async insert(code: string): Promise<void> {
        const editor = this.editors.editor;
        if (!editor) {
            void vscode.window.showWarningMessage("Open a file to insert the code into.");
            return;
        }
        if (!(await allowed(editor.document, "insert"))) return;
        await vscode.window.showTextDocument(editor.document, editor.viewColumn);
        await editor.edit((builder) => {
            for (const selection of editor.selections) builder.replace(selection, code);
        });
    }

    /**
     * Proposes `code` in place of the selection the question was about while that code is still in the file,
     * else of the editor's selection, else of the whole file; nothing changes until Accept.
     */
    async apply(code: string, question: ChatMessage | undefined): Promise<void> {
        const editor = this.editors.editor;
        if (!editor) {
            void vscode.window.showWarningMessage("Open the file to apply the code to.");
            return;
        }
        const document = editor.document;
        if (!(await allowed(document, "apply"))) return;
        const attached = question?.attachments?.find((a) => a.kind === "selection" && a.uri === document.uri.toString());
        const target = chooseTarget(documentLines(document), { attached, selection: editor.selection });
        const plan = selectionReviewPlan({ document, target, style: indentStyleOf(editor), rerun: () => void this.apply(code, question) });
        await this.reviews.propose(plan, { kind: "complete", code });
    }
}

/** A document of the workspace may take the code; any other only once the user confirms it by its full path. */
async function allowed(document: vscode.TextDocument, action: "insert" | "apply"): Promise<boolean> {
    const { uri } = document;
    const check = checkTarget({ scheme: uri.scheme, location: uri.scheme === "file" ? uri.fsPath : uri.toString(true), inWorkspace: vscode.workspace.getWorkspaceFolder(uri) !== undefined }, action);
    if (check.kind === "go") return true;
    const confirm = action === "insert" ? "Insert" : "Propose";
    return (await vscode.window.showWarningMessage(check.question, { modal: true }, confirm)) === confirm;
}
