// Turns the model's code into the exact text that replaces a rewrite target, and decides whether it may
// still be applied. Pure functions: the editor adapter only converts ranges and calls WorkspaceEdit.
import { commonIndent, isBlank, leadingWhitespace, type Range, type RewriteTarget } from "./rewriteTarget";

export type Eol = "\n" | "\r\n";

export interface IndentStyle {
    insertSpaces: boolean;
    tabSize: number;
}

export interface TextEdit {
    range: Range;
    newText: string;
}

export type ApplyPlan = { kind: "apply"; edit: TextEdit } | { kind: "documentChanged" };

/** Lines of `text`, whatever its line ends. */
export function splitLines(text: string): string[] {
    return text.split(/\r\n|\r|\n/);
}

function trimBlankEdges(lines: string[]): string[] {
    let start = 0;
    let end = lines.length;
    while (start < end && isBlank(lines[start])) start++;
    while (end > start && isBlank(lines[end - 1])) end--;
    return lines.slice(start, end);
}

function visualWidth(whitespace: string, tabSize: number): number {
    let width = 0;
    for (const char of whitespace) width = char === "\t" ? width + tabSize - (width % tabSize) : width + 1;
    return width;
}

/** Leading whitespace in the editor's style, when the model used the other one. */
function convertIndent(whitespace: string, style: IndentStyle): string {
    const wrongStyle = style.insertSpaces ? whitespace.includes("\t") : whitespace.includes(" ".repeat(style.tabSize));
    if (!wrongStyle) return whitespace;
    const width = visualWidth(whitespace, style.tabSize);
    return style.insertSpaces ? " ".repeat(width) : "\t".repeat(Math.floor(width / style.tabSize)) + " ".repeat(width % style.tabSize);
}

function blankEdges(lines: string[]): { leading: string[]; trailing: string[] } {
    let start = 0;
    while (start < lines.length && isBlank(lines[start])) start++;
    if (start === lines.length) return { leading: [], trailing: [] };
    let end = lines.length;
    while (end > start && isBlank(lines[end - 1])) end--;
    return { leading: lines.slice(0, start), trailing: lines.slice(end) };
}

/**
 * The text that replaces `target`, in the document's line ends: the model's code with its own indentation
 * taken off, re-indented to the target's base indentation in the editor's style, with the blank lines that
 * opened and closed the original range kept as they were.
 */
export function proposalText(target: RewriteTarget, code: string, style: IndentStyle, eol: Eol): string {
    const lines = trimBlankEdges(splitLines(code));
    if (lines.length === 0) return "";
    const modelIndent = commonIndent(lines);
    const indented = lines.map((line, index) => {
        if (isBlank(line)) return "";
        const relative = line.startsWith(modelIndent) ? line.slice(modelIndent.length) : line.trimStart();
        if (index === 0 && target.inline) return relative.trimStart();
        const own = leadingWhitespace(relative);
        return target.baseIndent + convertIndent(own, style) + relative.slice(own.length);
    });
    const { leading, trailing } = target.inline ? { leading: [], trailing: [] } : blankEdges(target.text.split("\n"));
    return [...leading, ...indented, ...trailing].join(eol);
}

/** The document as it is when the user accepts. */
export interface CurrentDocument {
    version: number;
    /** The text now in the target's range. */
    textInRange: string;
}

/**
 * The edit Accept makes, or none when the document changed since the request: its version moved on, or
 * (after it was closed and opened again, which restarts versions) the target's text is not the same.
 */
export function planApply(target: RewriteTarget, proposal: string, requestVersion: number, current: CurrentDocument): ApplyPlan {
    if (current.version !== requestVersion || current.textInRange.replace(/\r\n?/g, "\n") !== target.text) return { kind: "documentChanged" };
    return { kind: "apply", edit: { range: target.range, newText: proposal } };
}

/** The offset of `position` in `text`, counting each line end as it is ("\r\n" is two). */
export function offsetAt(text: string, position: { line: number; character: number }): number {
    let offset = 0;
    for (let line = 0; line < position.line; line++) {
        const next = text.indexOf("\n", offset);
        if (next < 0) return text.length;
        offset = next + 1;
    }
    const lineEnd = text.indexOf("\n", offset);
    const contentEnd = lineEnd < 0 ? text.length : text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd;
    return Math.min(offset + position.character, contentEnd);
}

/** `text` with `edit` applied, as an editor applies it. */
export function applyTextEdit(text: string, edit: TextEdit): string {
    const start = offsetAt(text, edit.range.start);
    const end = offsetAt(text, edit.range.end);
    return text.slice(0, start) + edit.newText + text.slice(end);
}
