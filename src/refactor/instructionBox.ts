// The box where the user types what Hearth should change (Edit with Instruction, Ctrl+I, and a follow-up that
// refines a proposal). At the code it is about, it is a comment thread opened there with one comment in edit
// mode: VS Code's comments API is the one public way to put an input inside the editor, between the lines.
// Send (Ctrl+Enter) and Cancel (Esc) sit under the box, Recent Instructions… in its title; the thread goes as
// soon as the box closes. Without a place in an editor, the box is a quick pick.
import * as vscode from "vscode";
import { readHistory, rememberInstruction } from "./instructionHistory";
import { pickInstruction, type PickRequest } from "./instructionPicker";

const historyKey = "hearth.refactor.instructionHistory";
const instructionControllerId = "hearth.instruction";

export interface InstructionRequest extends PickRequest {
    /** The code the instruction is about: the box opens there, and the code is marked while it is open. */
    at?: { editor: vscode.TextEditor; range: vscode.Range };
}

/**
 * The comment being typed into: VS Code writes the typed text into its body before a command receives it. A
 * comment's editor shows no placeholder, so the words above it, its author's place, say what to type.
 */
class InstructionComment implements vscode.Comment {
    body: string | vscode.MarkdownString = "";
    mode = vscode.CommentMode.Editing;
    readonly author: vscode.CommentAuthorInformation;
    readonly contextValue = "hearthInstruction";

    constructor(prompt: string) {
        this.author = { name: prompt };
    }
}

interface OpenBox {
    thread: vscode.CommentThread;
    comment: InstructionComment;
    history: string[];
    request: InstructionRequest;
    mark: vscode.TextEditorDecorationType;
    resolve(instruction: string | undefined): void;
}

export class InstructionBox implements vscode.Disposable {
    private readonly controller = vscode.comments.createCommentController(instructionControllerId, "Hearth");
    private open: OpenBox | undefined;

    constructor(private readonly state: vscode.Memento) {}

    /** Asks for an instruction; undefined when the user cancels. */
    async ask(request: InstructionRequest): Promise<string | undefined> {
        this.close(undefined);
        const history = readHistory(this.state.get(historyKey));
        const chosen = request.at ? await this.askAt(request, request.at, history) : await pickInstruction(request, history);
        if (chosen) await this.state.update(historyKey, rememberInstruction(history, chosen));
        return chosen;
    }

    /** Send: the text typed into the open box, which VS Code passes as `comment`. */
    send(comment?: unknown): void {
        const typed = comment instanceof InstructionComment ? comment.body : this.open?.comment.body;
        this.close((typeof typed === "string" ? typed : typed?.value)?.trim() || undefined);
    }

    cancel(): void {
        this.close(undefined);
    }

    /** Recent Instructions…: one picked from the recent ones is sent. */
    async recent(): Promise<void> {
        const open = this.open;
        if (!open) return;
        const picked = await pickInstruction({ ...open.request, placeholder: "Pick a recent instruction" }, open.history, { recentOnly: true });
        if (picked && this.open === open) this.close(picked);
    }

    dispose(): void {
        this.close(undefined);
        this.controller.dispose();
    }

    private askAt(request: InstructionRequest, at: NonNullable<InstructionRequest["at"]>, history: string[]): Promise<string | undefined> {
        const mark = vscode.window.createTextEditorDecorationType({ isWholeLine: true, backgroundColor: new vscode.ThemeColor("editor.rangeHighlightBackground") });
        at.editor.setDecorations(mark, [at.range]);
        // A thread's box opens under its line: on the line before the code, it opens right above the code, where
        // VS Code's own inline chat opens.
        const line = Math.max(0, at.range.start.line - 1);
        const comment = new InstructionComment(`${request.placeholder}, ${request.example}`);
        const thread = this.controller.createCommentThread(at.editor.document.uri, new vscode.Range(line, 0, line, 0), [comment]);
        thread.label = request.title;
        thread.canReply = false;
        thread.contextValue = "hearthInstruction";
        // Expanded with one comment in edit mode: VS Code opens the box and puts the cursor in it.
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
        return new Promise((resolve) => {
            this.open = { thread, comment, history, request, mark, resolve };
        });
    }

    private close(instruction: string | undefined): void {
        const open = this.open;
        if (!open) return;
        this.open = undefined;
        open.thread.dispose();
        open.mark.dispose();
        open.resolve(instruction);
    }
}
