// The part of a document a completion may look at, where its prefix window starts and where its suffix window
// ends. Every scan here is bounded, so that a huge document (one 50 MB line) costs a keystroke no more than a
// normal one.

/** A slice of a document around the cursor: all that a completion reads of it. */
export interface DocumentWindow {
    text: string;
    /** Offset of `text` in the document. */
    offset: number;
    /** The cursor, as an offset in `text`. */
    cursor: number;
}

/** Characters before and after the cursor a completion may read: far more than any prompt budget takes. */
export const windowChars = { before: 65_536, after: 32_768 };

export function windowAround(text: string, cursor: number, chars = windowChars): DocumentWindow {
    const offset = Math.max(0, cursor - chars.before);
    return { text: text.slice(offset, Math.min(text.length, cursor + chars.after)), offset, cursor: cursor - offset };
}

/** Offset of the start of the line containing `offset`, looking at most `limit` characters back (else -1). */
export function lineStartBefore(text: string, offset: number, limit: number): number {
    const from = Math.max(0, offset - limit);
    const found = text.slice(from, offset).lastIndexOf("\n");
    if (found >= 0) return from + found + 1;
    return from === 0 ? 0 : -1;
}

/** Offset of the start of the line `lines` lines above the line containing `offset` (or 0). */
export function startOfLinesBefore(text: string, offset: number, lines: number): number {
    let position = text.lastIndexOf("\n", offset - 1);
    for (let i = 0; i < lines && position >= 0; i++) position = text.lastIndexOf("\n", position - 1);
    return position + 1;
}

/** Offset just past the `lines`-th line break after `offset` (or the end of the text). */
export function endOfLinesAfter(text: string, offset: number, lines: number): number {
    let position = offset;
    for (let i = 0; i < lines; i++) {
        const next = text.indexOf("\n", position);
        if (next < 0) return text.length;
        position = next + 1;
    }
    return position;
}

