// The box where the user types what Hearth should change ("Edit with Instruction…", Ctrl+I, and a follow-up
// that refines a proposal): type a new instruction, or pick one of the recent ones, kept in the extension's
// global state. While it is open, the code it is about is marked in its editor, with a note at its first line.
import * as vscode from "vscode";
import { readHistory, rememberInstruction } from "./instructionHistory";

const historyKey = "hearth.refactor.instructionHistory";

export interface InstructionRequest {
    title: string;
    /** What the box asks for, e.g. "Describe the change". */
    placeholder: string;
    /** Examples, shown while there are no recent instructions to pick from. */
    example: string;
    /** The code the instruction is about, marked while the box is open. */
    mark?: { editor: vscode.TextEditor; range: vscode.Range };
}

/** Marks `range` in `editor` until the returned disposable is disposed. */
function markCode(editor: vscode.TextEditor, range: vscode.Range): vscode.Disposable {
    const region = vscode.window.createTextEditorDecorationType({ isWholeLine: true, backgroundColor: new vscode.ThemeColor("editor.rangeHighlightBackground") });
    const note = vscode.window.createTextEditorDecorationType({
        after: { contentText: "Hearth: type the instruction above, Enter to send, Esc to cancel", color: new vscode.ThemeColor("editorCodeLens.foreground"), fontStyle: "italic", margin: "0 0 0 2ch" }
    });
    editor.setDecorations(region, [range]);
    const firstLineEnd = editor.document.lineAt(range.start.line).range.end;
    editor.setDecorations(note, [new vscode.Range(firstLineEnd, firstLineEnd)]);
    return vscode.Disposable.from(region, note);
}

export async function askInstruction(state: vscode.Memento, request: InstructionRequest): Promise<string | undefined> {
    const history = readHistory(state.get(historyKey));
    const recent = history.map((label) => ({ label, description: "recent" }));
    const pick = vscode.window.createQuickPick();
    pick.title = request.title;
    pick.placeholder = history.length > 0 ? `${request.placeholder}, or pick a recent instruction` : `${request.placeholder}, ${request.example}`;
    pick.items = recent;
    pick.ignoreFocusOut = true;
    const mark = request.mark && markCode(request.mark.editor, request.mark.range);
    const chosen = await new Promise<string | undefined>((resolve) => {
        const subscriptions = [
            pick.onDidChangeValue((value) => {
                const typed = value.trim();
                pick.items = typed === "" ? recent : [{ label: typed, description: "new instruction", alwaysShow: true }, ...recent.filter((item) => item.label !== typed)];
            }),
            pick.onDidAccept(() => {
                resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined));
                pick.hide();
            }),
            pick.onDidHide(() => {
                resolve(undefined);
                for (const subscription of subscriptions) subscription.dispose();
                pick.dispose();
            })
        ];
        pick.show();
    });
    mark?.dispose();
    if (chosen) await state.update(historyKey, rememberInstruction(history, chosen));
    return chosen;
}
