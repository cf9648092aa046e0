// Which characters a proposal replaces, decided once when the refactor starts or the chat's code is applied:
// the code a chat question was about if it is still in the file, else the selection, else the code around
// the cursor (refactors) or the whole file (the chat). A selection of whole lines (or of a line's code)
// becomes those whole lines; a selection inside one line stays exactly as it is. Nothing outside the target
// is ever sent as code to rewrite, and Accept replaces exactly this range.

export interface Position {
    line: number;
    character: number;
}

export interface Range {
    start: Position;
    end: Position;
}

export interface LineSpan {
    startLine: number;
    endLine: number;
}

export interface RewriteTarget {
    /** Exactly what Accept replaces. */
    range: Range;
    /** The text of `range`, with "\n" line ends. */
    text: string;
    /** The range starts after other text on its line, so the proposal's first line takes no indentation. */
    inline: boolean;
    /** The indentation common to the range's lines; every proposal line gets it back (but an inline first line). */
    baseIndent: string;
}

export function leadingWhitespace(line: string): string {
    return /^[ \t]*/.exec(line)![0];
}

export function isBlank(line: string): boolean {
    return line.trim() === "";
}

/** The longest leading whitespace that every non-blank line starts with. */
export function commonIndent(lines: readonly string[]): string {
    let common: string | undefined;
    for (const line of lines) {
        if (isBlank(line)) continue;
        const indent = leadingWhitespace(line);
        if (common === undefined) {
            common = indent;
            continue;
        }
        let length = 0;
        while (length < common.length && length < indent.length && common[length] === indent[length]) length++;
        common = common.slice(0, length);
    }
    return common ?? "";
}

function clamp(lines: readonly string[], position: Position): Position {
    const line = Math.min(Math.max(0, position.line), lines.length - 1);
    return { line, character: Math.min(Math.max(0, position.character), lines[line].length) };
}

function textOf(lines: readonly string[], range: Range): string {
    const { start, end } = range;
    if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
    const middle = lines.slice(start.line + 1, end.line);
    return [lines[start.line].slice(start.character), ...middle, lines[end.line].slice(0, end.character)].join("\n");
}

/** `lines` are the document's lines without their line ends; `selection` is not empty. */
export function rewriteTarget(lines: readonly string[], selection: Range): RewriteTarget {
    let start = clamp(lines, selection.start);
    let end = clamp(lines, selection.end);
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) [start, end] = [end, start];
    // A selection that ends at the start of a line (shift+down, a triple click) does not include that line.
    if (end.line > start.line && end.character === 0) end = { line: end.line - 1, character: lines[end.line - 1].length };
    const firstIndent = leadingWhitespace(lines[start.line]).length;
    const lastCodeEnd = lines[end.line].trimEnd().length;
    const withinOneLine = start.line === end.line && (start.character > firstIndent || end.character < lastCodeEnd);
    if (!withinOneLine) {
        if (start.character <= firstIndent) start = { line: start.line, character: 0 };
        if (end.character >= lastCodeEnd) end = { line: end.line, character: lines[end.line].length };
    }
    const range = { start, end };
    const text = textOf(lines, range);
    const inline = start.character > 0;
    const baseIndent = inline ? leadingWhitespace(lines[start.line]) : commonIndent(text.split("\n"));
    return { range, text, inline, baseIndent };
}

/** The lines of `range` in words, counted from 1: "line 3" or "lines 3–7". */
export function describeLines(range: Range): string {
    const first = range.start.line + 1;
    const last = range.end.line + 1;
    return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/** Code a chat question was about, found again by its text. */
export interface AttachedCode {
    text: string;
    /** The 0-based line it started on when it was attached. */
    startLine?: number;
}

/** What the user pointed at; `chooseTarget` takes the first that applies. */
export interface TargetHints {
    /** Used while its text is still in the document: the occurrence nearest to where it was. */
    attached?: AttachedCode;
    /** The editor's selection; an empty one is no selection. */
    selection?: Range;
    /** The lines around the cursor (a refactor's enclosing block); without it the whole document is the target. */
    block?: LineSpan;
}

function isEmpty(range: Range): boolean {
    return range.start.line === range.end.line && range.start.character === range.end.character;
}

/** The range of the occurrence of `code` in `lines` nearest to the line it was on, if there is one. */
function findAttached(lines: readonly string[], code: AttachedCode): Range | undefined {
    const needle = code.text.replace(/\r\n?/g, "\n");
    if (needle.trim() === "") return undefined;
    const text = lines.join("\n");
    const near = lines.slice(0, code.startLine ?? 0).reduce((offset, line) => offset + line.length + 1, 0);
    let best = -1;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
        if (at > near) break;
    }
    if (best < 0) return undefined;
    const positionAt = (offset: number): Position => {
        const before = text.slice(0, offset).split("\n");
        return { line: before.length - 1, character: before[before.length - 1].length };
    };
    return { start: positionAt(best), end: positionAt(best + needle.length) };
}

/** The one place that decides what a proposal replaces. `lines` are the document's lines without their line ends. */
export function chooseTarget(lines: readonly string[], hints: TargetHints): RewriteTarget {
    const attached = hints.attached && findAttached(lines, hints.attached);
    if (attached) return rewriteTarget(lines, attached);
    if (hints.selection && !isEmpty(hints.selection)) return rewriteTarget(lines, hints.selection);
    const span = hints.block ?? { startLine: 0, endLine: lines.length - 1 };
    return rewriteTarget(lines, { start: { line: span.startLine, character: 0 }, end: { line: span.endLine, character: lines[span.endLine].length } });
}

/** The target's text as the model sees it: the base indentation taken off, so it reads like top-level code. */
export function textForModel(target: RewriteTarget): string {
    return target.text
        .split("\n")
        .map((line, index) => {
            if (index === 0 && target.inline) return line;
            if (isBlank(line)) return "";
            return line.startsWith(target.baseIndent) ? line.slice(target.baseIndent.length) : line.trimStart();
        })
        .join("\n");
}

/** Whole lines around the target for the model's reference: the nearest first, within both budgets. */
export function surroundingContext(lines: readonly string[], range: Range, maxLines = 60, maxChars = 6000): { before: string; after: string } {
    const before: string[] = [];
    let budget = maxChars;
    const headOfLine = lines[range.start.line].slice(0, range.start.character);
    for (let line = range.start.line - 1; line >= 0 && before.length < maxLines && budget - lines[line].length > 0; line--) {
        before.unshift(lines[line]);
        budget -= lines[line].length + 1;
    }
    if (headOfLine !== "") before.push(headOfLine);
    const after: string[] = [];
    budget = maxChars;
    const tailOfLine = lines[range.end.line].slice(range.end.character);
    if (tailOfLine !== "") after.push(tailOfLine);
    for (let line = range.end.line + 1; line < lines.length && after.length < maxLines && budget - lines[line].length > 0; line++) {
        after.push(lines[line]);
        budget -= lines[line].length + 1;
    }
    return { before: before.join("\n"), after: after.join("\n") };
}
