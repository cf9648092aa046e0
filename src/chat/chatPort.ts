// How other parts of Hearth ask the chat about code (Explain Code does): a typed call within the extension.
import type * as vscode from "vscode";

/** The code a question is about; the chat attaches it to the message. */
export interface SelectionContext {
    uri: vscode.Uri;
    text: string;
    languageId: string;
    /** 0-based line of the code's first line. */
    startLine: number;
}

export interface ChatPort {
    /** Opens the chat and sends `prompt` with `selection` attached in place of the editor's selection. */
    ask(prompt: string, selection?: SelectionContext): Promise<void>;
}
