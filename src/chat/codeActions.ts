// The buttons on a code block in a chat answer: Copy, Insert at cursor, and Apply to file, which shows
// the change as a diff against a read-only proposal document and applies it only when the user accepts.
import { basename } from "node:path";
import * as vscode from "vscode";
import { applyTarget, proposedDocument, replacementFor } from "./applyTarget";
import type { EditorContext } from "./editorContext";
import type { ChatMessage } from "./messages";

export const proposalScheme = "hearth-proposal";

/** Serves the proposed versions of files, read-only, for the diff editor. */
class ProposalDocuments implements vscode.TextDocumentContentProvider {
    private readonly contents = new Map<string, string>();

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.contents.get(uri.toString()) ?? "";
    }

    add(uri: vscode.Uri, text: string): void {
        this.contents.set(uri.toString(), text);
    }

    remove(uri: vscode.Uri): void {
        this.contents.delete(uri.toString());
    }
}

export class CodeActions implements vscode.Disposable {
    private readonly proposals = new ProposalDocuments();
    private readonly registration: vscode.Disposable;
    private counter = 0;

    constructor(private readonly editors: EditorContext) {
        this.registration = vscode.workspace.registerTextDocumentContentProvider(proposalScheme, this.proposals);
    }

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
        await vscode.window.showTextDocument(editor.document, editor.viewColumn);
        await editor.edit((builder) => {
            for (const selection of editor.selections) builder.replace(selection, code);
        });
    }

    /** Shows the change as a diff; applies it as one edit if the user accepts, and changes nothing otherwise. */
    async apply(code: string, question: ChatMessage | undefined): Promise<void> {
        const editor = this.editors.editor;
        if (!editor) {
            void vscode.window.showWarningMessage("Open the file to apply the code to.");
            return;
        }
        const document = editor.document;
        const text = document.getText();
        const uri = document.uri.toString();
        const attached = question?.attachments?.find((a) => a.kind === "selection" && a.uri === uri);
        const selection = editor.selection.isEmpty ? undefined : { start: document.offsetAt(editor.selection.start), end: document.offsetAt(editor.selection.end) };
        const target = applyTarget(text, selection, attached);
        const version = document.version;
        const name = basename(document.uri.path);
        const proposal = vscode.Uri.from({ scheme: proposalScheme, path: document.uri.path, query: `${++this.counter}` });
        this.proposals.add(proposal, proposedDocument(text, target, code));
        try {
            await vscode.commands.executeCommand("vscode.diff", document.uri, proposal, `${name} ↔ Hearth's proposal`, { preview: true });
            const where = target.what === "file" ? "the whole file" : `the ${target.what}`;
            const choice = await vscode.window.showInformationMessage(`Apply Hearth's change to ${where} in ${name}?`, "Apply", "Discard");
            if (choice !== "Apply") return;
            if (document.version !== version) {
                void vscode.window.showWarningMessage(`${name} changed while the proposal was shown; nothing was applied. Click Apply again.`);
                return;
            }
            const edit = new vscode.WorkspaceEdit();
            edit.replace(document.uri, new vscode.Range(document.positionAt(target.start), document.positionAt(target.end)), replacementFor(text, target, code));
            if (!(await vscode.workspace.applyEdit(edit))) void vscode.window.showErrorMessage(`Hearth could not change ${name}.`);
        } finally {
            await this.closeDiff(proposal);
            this.proposals.remove(proposal);
        }
    }

    dispose(): void {
        this.registration.dispose();
    }

    private async closeDiff(proposal: vscode.Uri): Promise<void> {
        const tabs = vscode.window.tabGroups.all
            .flatMap((group) => group.tabs)
            .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal.toString());
        if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    }
}
