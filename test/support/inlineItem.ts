// Inline completion items as an editor applies them: LSP positions over a document's text.

export interface Position {
    line: number;
    character: number;
}

export interface InlineItem {
    insertText: string;
    range: { start: Position; end: Position };
}

export function positionOf(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    return { line: before.split("\n").length - 1, character: offset - (before.lastIndexOf("\n") + 1) };
}

export function offsetOf(text: string, position: Position): number {
    let at = 0;
    for (let line = 0; line < position.line; line++) at = text.indexOf("\n", at) + 1;
    return at + position.character;
}

/** The document once `item` is applied, as Tab applies it. */
export function applyItem(text: string, item: InlineItem): string {
    return text.slice(0, offsetOf(text, item.range.start)) + item.insertText + text.slice(offsetOf(text, item.range.end));
}

/** The items of an LSP inline completion answer, which may be a list, an object with items, or null. */
export function itemsOf(answer: unknown): InlineItem[] {
    if (answer === null || answer === undefined) return [];
    return Array.isArray(answer) ? (answer as InlineItem[]) : (answer as { items: InlineItem[] }).items;
}
