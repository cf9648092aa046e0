// Where a completion's prefix window starts and where its suffix window ends.

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

/** Drops whole lines from the start of `text` until at most `maxChars` remain. */
export function keepLastChars(text: string, maxChars: number): string {
    if (text.length <= maxChars) return text;
    const cut = text.indexOf("\n", text.length - maxChars);
    return cut < 0 ? text.slice(text.length - maxChars) : text.slice(cut + 1);
}

/** Drops whole lines from the end of `text` until at most `maxChars` remain. */
export function keepFirstChars(text: string, maxChars: number): string {
    if (text.length <= maxChars) return text;
    const cut = text.lastIndexOf("\n", maxChars);
    return cut < 0 ? text.slice(0, maxChars) : text.slice(0, cut + 1);
}
