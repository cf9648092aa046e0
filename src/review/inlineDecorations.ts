// How the inline review marks its view of a file: the lines a proposal takes away struck through on a red
// background, the lines it puts in their place on a green one (both with a bar at their left edge and a mark
// in the overview ruler), every line that is in the file numbered as it is there, and while the model writes,
// a note after its last line. Colours are the theme's own diff colours, so every theme shows them.
import * as vscode from "vscode";
import { gutterText, type InlineView, type LineKind } from "./inlineDiff";

function changeType(kind: Exclude<LineKind, "same">): vscode.TextEditorDecorationType {
    const removed = kind === "removed";
    return vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: new vscode.ThemeColor(removed ? "diffEditor.removedLineBackground" : "diffEditor.insertedLineBackground"),
        textDecoration: removed ? "line-through" : undefined,
        borderStyle: "solid",
        borderWidth: "0 0 0 3px",
        borderColor: new vscode.ThemeColor(removed ? "editorGutter.deletedBackground" : "editorGutter.addedBackground"),
        overviewRulerColor: new vscode.ThemeColor(removed ? "editorOverviewRuler.deletedForeground" : "editorOverviewRuler.addedForeground"),
        overviewRulerLane: vscode.OverviewRulerLane.Left
    });
}

function lineStart(line: number): vscode.Range {
    return new vscode.Range(line, 0, line, 0);
}

export class InlineDecorations implements vscode.Disposable {
    private readonly removed = changeType("removed");
    private readonly added = changeType("added");
    /** The file's own line numbers, drawn in the text because the view's lines are not the file's. */
    private readonly numbers = vscode.window.createTextEditorDecorationType({
        before: { color: new vscode.ThemeColor("editorLineNumber.foreground"), fontStyle: "normal" }
    });
    private readonly writing = vscode.window.createTextEditorDecorationType({
        after: { contentText: "Hearth is writing…", color: new vscode.ThemeColor("editorCodeLens.foreground"), fontStyle: "italic", margin: "0 0 0 2ch" }
    });

    /** Marks `view` in `editor`, whose document holds its text; `writing` adds the note that the model is still at it. */
    draw(editor: vscode.TextEditor, view: InlineView, writing: boolean): void {
        const width = Math.max(2, String(Math.max(0, ...view.lines.map((line) => line.number ?? 0))).length);
        const removed: vscode.Range[] = [];
        const added: vscode.Range[] = [];
        const numbers: vscode.DecorationOptions[] = view.lines.map((line, index) => {
            if (line.kind === "removed") removed.push(lineStart(index));
            if (line.kind === "added") added.push(lineStart(index));
            return { range: lineStart(index), renderOptions: { before: { contentText: gutterText(line, width) } } };
        });
        editor.setDecorations(this.removed, removed);
        editor.setDecorations(this.added, added);
        editor.setDecorations(this.numbers, numbers);
        const lastWritten = added.at(-1)?.start.line ?? view.first;
        const end = editor.document.lineAt(Math.min(lastWritten, editor.document.lineCount - 1)).range.end;
        editor.setDecorations(this.writing, writing ? [new vscode.Range(end, end)] : []);
    }

    dispose(): void {
        for (const type of [this.removed, this.added, this.numbers, this.writing]) type.dispose();
    }
}
