// What the editor can attach to a chat message: the selection (followed as it changes), the code around the
// cursor, the current file, the open editors, and any workspace file picked by name.
import { basename } from "node:path";
import * as vscode from "vscode";
import { indentStyleOf, targetAt } from "../refactor/editorTarget";
import type { Attachment } from "./messages";

const selectionDebounceMs = 150;
const maxOpenEditors = 20;
const maxPickableFiles = 5000;

function lineLabel(start: number, end: number): string {
    return start === end ? `${start + 1}` : `${start + 1}-${end + 1}`;
}

export function documentAttachment(document: vscode.TextDocument, kind: "file" | "editor"): Attachment {
    return {
        id: `${kind}:${document.uri.toString()}`,
        kind,
        label: basename(document.uri.path),
        uri: document.uri.toString(),
        source: vscode.workspace.asRelativePath(document.uri),
        language: document.languageId,
        text: document.getText()
    };
}

export function selectionAttachment(uri: vscode.Uri, text: string, language: string, startLine: number, endLine: number): Attachment {
    return {
        id: `selection:${uri.toString()}:${startLine}:${endLine}:${text.length}`,
        kind: "selection",
        label: `${basename(uri.path)}:${lineLabel(startLine, endLine)}`,
        uri: uri.toString(),
        source: vscode.workspace.asRelativePath(uri),
        language,
        text,
        startLine
    };
}

/** Follows the last text editor the user worked in (focusing the chat does not change it). */
export class EditorContext implements vscode.Disposable {
    private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private readonly subscriptions: vscode.Disposable[];

    constructor(private readonly selectionChanged: (selection: Attachment | undefined) => void) {
        this.subscriptions = [
            vscode.window.onDidChangeActiveTextEditor((editor) => {
                if (editor && editor.document.uri.scheme !== "output") {
                    this.last = editor;
                    this.selectionSoon();
                }
            }),
            vscode.window.onDidChangeTextEditorSelection((event) => {
                if (event.textEditor === this.last) this.selectionSoon();
            })
        ];
    }

    /** The editor the chat acts on: the last one used, while its document is still open. */
    get editor(): vscode.TextEditor | undefined {
        if (this.last && !this.last.document.isClosed) return this.last;
        return vscode.window.activeTextEditor;
    }

    selection(): Attachment | undefined {
        const editor = this.editor;
        if (!editor || editor.selection.isEmpty) return undefined;
        const { start, end } = editor.selection;
        const text = editor.document.getText(editor.selection);
        if (text.trim() === "") return undefined;
        // Whole lines selected down to the start of the next one: that next line is not part of it.
        const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
        return selectionAttachment(editor.document.uri, text, editor.document.languageId, start.line, lastLine);
    }

    /** The selection, or with none the code around the cursor (its function or block), as a refactor finds it. */
    async codeAtCursor(): Promise<Attachment | undefined> {
        const editor = this.editor;
        if (!editor) return undefined;
        const target = await targetAt(editor.document, editor.selection, indentStyleOf(editor).tabSize);
        if (target.text.trim() === "") return undefined;
        return selectionAttachment(editor.document.uri, target.text, editor.document.languageId, target.range.start.line, target.range.end.line);
    }

    currentFile(): Attachment | undefined {
        const editor = this.editor;
        return editor ? documentAttachment(editor.document, "file") : undefined;
    }

    async openEditors(): Promise<Attachment[]> {
        const uris = vscode.window.tabGroups.all
            .flatMap((group) => group.tabs)
            .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined))
            .filter((uri): uri is vscode.Uri => uri !== undefined);
        const unique = [...new Map(uris.map((uri) => [uri.toString(), uri])).values()].slice(0, maxOpenEditors);
        const documents = await Promise.all(unique.map((uri) => Promise.resolve(vscode.workspace.openTextDocument(uri)).catch(() => undefined)));
        return documents.filter((d): d is vscode.TextDocument => d !== undefined).map((d) => documentAttachment(d, "editor"));
    }

    /** The @-mention picker: any file in the workspace, by path. */
    async pickWorkspaceFile(): Promise<Attachment | undefined> {
        const files = await vscode.workspace.findFiles("**/*", undefined, maxPickableFiles);
        const items = files
            .map((uri) => ({ label: basename(uri.path), description: vscode.workspace.asRelativePath(uri), uri }))
            .sort((a, b) => a.description.localeCompare(b.description));
        const picked = await vscode.window.showQuickPick(items, { title: "Attach a file to the chat", placeHolder: "Type to search the workspace", matchOnDescription: true });
        if (!picked) return undefined;
        try {
            return documentAttachment(await vscode.workspace.openTextDocument(picked.uri), "file");
        } catch {
            void vscode.window.showWarningMessage(`${picked.description} cannot be attached: it is not a text file.`);
            return undefined;
        }
    }

    dispose(): void {
        if (this.timer) clearTimeout(this.timer);
        for (const subscription of this.subscriptions) subscription.dispose();
    }

    private selectionSoon(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.selectionChanged(this.selection()), selectionDebounceMs);
    }
}
