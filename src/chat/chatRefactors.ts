// The chat's /fix, /doc and /tests: the refactor commands, run through their port on the selection attached to
// the chat (found again in its file by its text) or, with none, on the current editor's selection or cursor. The
// code is shown selected in its editor first, so the user sees what the proposal will replace.
import * as vscode from "vscode";
import { whyNotReady, type EngineStateView } from "../engineState";
import { documentLines } from "../refactor/editorTarget";
import type { RefactorPort } from "../refactor/refactorPort";
import { chooseTarget } from "../refactor/rewriteTarget";
import type { EditorContext } from "./editorContext";
import type { Attachment } from "./messages";
import type { ChatRefactor } from "./slashCommands";

const doing: Record<ChatRefactor, string> = { fix: "Fixing", document: "Documenting", tests: "Writing tests for" };
const commandName: Record<ChatRefactor, string> = { fix: "/fix", document: "/doc", tests: "/tests" };

interface Place {
    uri: vscode.Uri;
    range: vscode.Range;
    label: string;
}

export class ChatRefactors {
    constructor(private readonly port: RefactorPort, private readonly editors: EditorContext, private readonly engine: EngineStateView, private readonly notice: (text: string) => void) {}

    async run(refactor: ChatRefactor, selection: Attachment | undefined): Promise<void> {
        if (!this.engine.ready) return this.notice(whyNotReady(this.engine.value));
        const place = selection ? await this.attached(selection) : this.current();
        if (!place) return this.notice(`Open a file, or select code, for ${commandName[refactor]}.`);
        await vscode.window.showTextDocument(place.uri, { selection: place.range });
        this.notice(`${doing[refactor]} ${place.label}: the proposal opens as a diff to accept or discard.`);
        await this.port.run(refactor, place.uri, place.range);
    }

    /** Where the attached code is now: its text found again nearest to its line, else the lines it was on. */
    private async attached(selection: Attachment): Promise<Place | undefined> {
        const uri = vscode.Uri.parse(selection.uri);
        const document = await Promise.resolve(vscode.workspace.openTextDocument(uri)).catch(() => undefined);
        if (!document) return undefined;
        const lines = documentLines(document);
        const startLine = Math.min(selection.startLine ?? 0, lines.length - 1);
        const endLine = Math.min(startLine + selection.text.split("\n").length - 1, lines.length - 1);
        const { range } = chooseTarget(lines, { attached: { text: selection.text, startLine }, block: { startLine, endLine } });
        return { uri, range: new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character), label: selection.label };
    }

    private current(): Place | undefined {
        const editor = this.editors.editor;
        if (!editor) return undefined;
        const line = editor.selection.active.line + 1;
        return { uri: editor.document.uri, range: editor.selection, label: `${vscode.workspace.asRelativePath(editor.document.uri)}:${line}` };
    }
}
