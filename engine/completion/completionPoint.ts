// Where a suggestion goes and how it becomes an LSP item. When the editor's suggest widget has an item
// selected, the suggestion is computed on the document as it will be once that item is inserted, and the
// returned item starts with the selected text over the same range, so the editor keeps showing it.
import type { InlineCompletionItem, InlineCompletionParams, Position } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Suggestion } from "./postprocess/finish";

/** How far left of the cursor a selected suggest item may start: a word, not a line of minified code. */
const selectedItemChars = 1024;

export interface CompletionPoint {
    /** Where the item's range starts, and the text the item's insertText starts with there. */
    start: Position;
    lead: string;
    /** Where, in the document, the text after the computed cursor starts: a suggestion's replaced characters count from here. */
    end: Position;
}

/** The suggest widget's selected item as an edit of the document: `text` replaces offsets `from` to `to`. */
export interface SelectedItem {
    from: number;
    to: number;
    text: string;
}

export function completionPoint(document: TextDocument, params: InlineCompletionParams, offset: number): { point: CompletionPoint; selected?: SelectedItem } {
    const selected = params.context?.selectedCompletionInfo;
    if (!selected || !selectionFits(selected, params.position)) return { point: { start: params.position, lead: "", end: params.position } };
    const from = document.offsetAt(selected.range.start);
    if (offset - from > selectedItemChars) return { point: { start: params.position, lead: "", end: params.position } };
    return {
        point: { start: selected.range.start, lead: selected.text, end: selected.range.end },
        selected: { from, to: document.offsetAt(selected.range.end), text: selected.text }
    };
}

/** The editor's selected item replaces a range on the cursor's line, up to or past the cursor. */
function selectionFits(selected: { range?: { start?: Position; end?: Position }; text?: unknown }, position: Position): selected is { range: { start: Position; end: Position }; text: string } {
    const { start, end } = selected.range ?? {};
    if (typeof selected.text !== "string" || !isPosition(start) || !isPosition(end)) return false;
    return start.line === position.line && end.line === position.line && start.character <= position.character && end.character >= start.character;
}

function isPosition(value: unknown): value is Position {
    const p = value as Position | undefined;
    return Number.isInteger(p?.line) && Number.isInteger(p?.character) && p!.line >= 0 && p!.character >= 0;
}

export function completionItem(suggestion: Suggestion, point: CompletionPoint): InlineCompletionItem {
    return {
        insertText: point.lead + suggestion.text,
        range: { start: point.start, end: { line: point.end.line, character: point.end.character + suggestion.replace } }
    };
}
