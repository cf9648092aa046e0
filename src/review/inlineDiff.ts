// The inline review's picture of a file: every line of the file as it is, with the lines a proposal takes
// away followed by the lines it puts in their place, each marked, and on every line that is in the file its
// own line number. Pure: the inline presentation turns it into a read-only document and decorations.
import type { Range } from "../refactor/rewriteTarget";

export type LineKind = "same" | "removed" | "added";

export interface ViewLine {
    text: string;
    kind: LineKind;
    /** The line's 1-based number in the file; added lines have none. */
    number?: number;
}

export interface InlineView {
    lines: ViewLine[];
    /** 0-based view lines that open and close the change (its first and last changed line, else the target's first line). */
    first: number;
    last: number;
}

export interface LineChange {
    kind: LineKind;
    text: string;
    /** 0-based index in the old lines (same, removed) or the new lines (added). */
    index: number;
}

/** A target of more lines than this is reviewed in a diff editor: a change that long reads better side by side. */
export const inlineLineLimit = 150;

/** Whether a proposal for `range` is short enough to review inline. */
export function fitsInline(range: Range): boolean {
    return range.end.line - range.start.line + 1 <= inlineLineLimit;
}

/** Above this many cells the lines are not aligned: everything old is removed and everything new added. */
const maxAlignmentCells = 1_000_000;

/** Longest common subsequence of `a` and `b`, as pairs of indexes in order. */
function commonLines(a: readonly string[], b: readonly string[]): Array<[number, number]> {
    if (a.length * b.length > maxAlignmentCells) return [];
    const width = b.length + 1;
    const longest = new Uint32Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--) {
        for (let j = b.length - 1; j >= 0; j--) {
            longest[i * width + j] = a[i] === b[j] ? longest[(i + 1) * width + j + 1] + 1 : Math.max(longest[(i + 1) * width + j], longest[i * width + j + 1]);
        }
    }
    const pairs: Array<[number, number]> = [];
    for (let i = 0, j = 0; i < a.length && j < b.length; ) {
        if (a[i] === b[j]) pairs.push([i++, j++]);
        else if (longest[(i + 1) * width + j] >= longest[i * width + j + 1]) i++;
        else j++;
    }
    return pairs;
}

/** The lines that turn `before` into `after`: kept lines once, and in each changed stretch the removed lines first. */
export function diffLines(before: readonly string[], after: readonly string[]): LineChange[] {
    const changes: LineChange[] = [];
    let i = 0;
    let j = 0;
    for (const [keptOld, keptNew] of [...commonLines(before, after), [before.length, after.length] as [number, number]]) {
        for (; i < keptOld; i++) changes.push({ kind: "removed", text: before[i], index: i });
        for (; j < keptNew; j++) changes.push({ kind: "added", text: after[j], index: j });
        if (i < before.length && j < after.length) changes.push({ kind: "same", text: before[i], index: i });
        i++;
        j++;
    }
    return changes;
}

/**
 * The file `fileLines` (without line ends) with `replacement` ("\n" line ends) proposed for `range`: the whole
 * lines the range touches are compared with the same lines after the replacement.
 */
export function inlineView(fileLines: readonly string[], range: Range, replacement: string): InlineView {
    const startLine = range.start.line;
    const endLine = range.end.line;
    const oldLines = fileLines.slice(startLine, endLine + 1);
    const head = fileLines[startLine].slice(0, range.start.character);
    const tail = fileLines[endLine].slice(range.end.character);
    const newLines = (head + replacement + tail).split("\n");
    const lines: ViewLine[] = fileLines.slice(0, startLine).map((text, index) => ({ text, kind: "same", number: index + 1 }));
    let first = -1;
    let last = -1;
    for (const change of diffLines(oldLines, newLines)) {
        if (change.kind !== "same") {
            if (first < 0) first = lines.length;
            last = lines.length;
        }
        lines.push(change.kind === "added" ? { text: change.text, kind: "added" } : { text: change.text, kind: change.kind, number: startLine + change.index + 1 });
    }
    for (let index = endLine + 1; index < fileLines.length; index++) lines.push({ text: fileLines[index], kind: "same", number: index + 1 });
    return first < 0 ? { lines, first: startLine, last: startLine } : { lines, first, last };
}

/** What the number column shows for `line`: its number right-aligned in `width` digits, then + or − for a change. */
export function gutterText(line: ViewLine, width: number): string {
    const number = line.number === undefined ? "" : String(line.number);
    const sign = line.kind === "added" ? "+" : line.kind === "removed" ? "−" : " ";
    // No-break spaces: CSS content would collapse ordinary ones.
    return `${number.padStart(width)} ${sign} `.replace(/ /g, "\u00a0");
}
