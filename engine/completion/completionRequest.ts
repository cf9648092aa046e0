// What a completion request is about: the document's uri and the window of its text around the cursor. The
// whole document is never copied or scanned: a request reads a bounded window, so a 50 MB line costs a
// keystroke no more than a short one.
import type { InlineCompletionParams } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { EngineError } from "../server/engineError";
import { invalidParams } from "../server/requestGuard";
import { EngineErrorCode } from "../protocol";
import type { SelectedItem } from "./completionPoint";
import { windowChars, type DocumentWindow } from "./contextWindow";
import type { Suggestion } from "./postprocess/finish";

export interface CompletionRequest {
    uri: string;
    languageId: string | undefined;
    window: DocumentWindow;
    /** The window's text before and after the cursor, as the result cache keys them. */
    before: string;
    after: string;
}

/** The document and cursor `params` name, checked: a clear error for an unknown document or a position past its text. */
export function documentPosition(params: Pick<InlineCompletionParams, "textDocument" | "position">, document: (uri: string) => TextDocument | undefined): { document: TextDocument; line: number; offset: number } {
    const uri = params?.textDocument?.uri;
    const { line, character } = params?.position ?? {};
    if (typeof uri !== "string") throw invalidParams("textDocument.uri must be a string");
    if (!isCount(line) || !isCount(character)) throw invalidParams("position must have non-negative integer line and character");
    const found = document(uri);
    if (!found) throw new EngineError(EngineErrorCode.UnknownDocument, `Unknown document ${uri}: open it with textDocument/didOpen first.`);
    if (line >= found.lineCount) throw new EngineError(EngineErrorCode.InvalidPosition, `Line ${line} is past the end of ${uri} (${found.lineCount} lines).`);
    const lineStart = found.offsetAt({ line, character: 0 });
    const lineLength = found.offsetAt({ line, character: Number.MAX_SAFE_INTEGER }) - lineStart;
    if (character > lineLength) throw new EngineError(EngineErrorCode.InvalidPosition, `Character ${character} is past the end of line ${line} (${lineLength} characters).`);
    return { document: found, line, offset: lineStart + character };
}

/**
 * The request at `offset` of the document, reading only the window around it; with the suggest widget's
 * `selected` item, the window as it will be once that item is inserted.
 */
export function requestAt(document: TextDocument, offset: number, selected?: SelectedItem): CompletionRequest {
    const start = document.positionAt(Math.max(0, offset - windowChars.before));
    const from = document.offsetAt(start);
    const text = document.getText({ start, end: document.positionAt(offset + windowChars.after) });
    if (!selected) return requestIn(document.uri, document.languageId, { text, offset: from, cursor: offset - from });
    const edited = text.slice(0, selected.from - from) + selected.text + text.slice(selected.to - from);
    return requestIn(document.uri, document.languageId, { text: edited, offset: from, cursor: selected.from - from + selected.text.length });
}

export function requestIn(uri: string, languageId: string | undefined, window: DocumentWindow): CompletionRequest {
    const { text, cursor } = window;
    return { uri, languageId, window, before: text.slice(0, cursor), after: text.slice(cursor) };
}

/** The request the user makes after accepting `suggestion`: the same window with it typed in over what it replaces. */
export function afterAccepting(request: CompletionRequest, suggestion: Suggestion): CompletionRequest {
    const { text, offset, cursor } = request.window;
    const typed = text.slice(0, cursor) + suggestion.text + text.slice(cursor + suggestion.replace);
    return requestIn(request.uri, request.languageId, { text: typed, offset, cursor: cursor + suggestion.text.length });
}

function isCount(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
