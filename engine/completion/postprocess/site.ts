// What post-processing knows about the place a suggestion goes: the cursor's line, the brackets open there and
// whether the document closes them further down, the lines that follow, and the block's indentation.
import { BracketScanner, indentWidth, type Opener } from "./scanner";
import { syntaxFor, type LanguageSyntax } from "./syntax";

/** How far back the scanner starts: far enough for any real block, bounded for the hot path. */
const scanBackChars = 64 * 1024;
const scanAheadChars = 32 * 1024;

export interface CompletionSite {
    syntax: LanguageSyntax;
    /** Text of the cursor's line left of the cursor. */
    linePrefix: string;
    /** Text of the cursor's line right of the cursor. */
    lineSuffix: string;
    /** Indentation of the cursor's line. */
    indentation: string;
    /** The scanner at the start of the cursor's line, and at the cursor. */
    atLineStart: BracketScanner;
    atCursor: BracketScanner;
    /** The openers open at the cursor that the text after the cursor closes. */
    closedLater: ReadonlySet<Opener>;
    /** The next non-blank lines after the cursor's line, trimmed. */
    nextLines: string[];
    /** A line indented less than this (in columns) leaves the block the cursor is in. */
    blockIndent: number;
    maxLines: number;
    /** The site at the end of `insert` once it replaces `replace` characters after the cursor. */
    relocate(insert: string, replace: number): CompletionSite;
}

export function completionSite(text: string, cursor: number, languageId: string | undefined, fileName: string, maxLines: number): CompletionSite {
    const syntax = syntaxFor(languageId, fileName);
    const lineStart = text.lastIndexOf("\n", cursor - 1) + 1;
    let lineEnd = text.indexOf("\n", cursor);
    if (lineEnd < 0) lineEnd = text.length;
    const linePrefix = text.slice(lineStart, cursor);
    const lineSuffix = text.slice(cursor, lineEnd).replace(/\r$/, "");
    let from = Math.max(0, lineStart - scanBackChars);
    if (from > 0) from = text.indexOf("\n", from) + 1;
    const atLineStart = new BracketScanner(syntax);
    atLineStart.feed(text.slice(from, lineStart).replace(/\r\n/g, "\n"));
    const atCursor = atLineStart.clone();
    atCursor.feed(linePrefix);
    const following = text.slice(lineEnd + 1, lineEnd + 1 + scanAheadChars).replace(/\r\n/g, "\n");
    const previous = lastNonBlankLine(text.slice(Math.max(0, lineStart - 4096), lineStart));
    const next = firstNonBlankLines(following, 3);
    return {
        syntax,
        linePrefix,
        lineSuffix,
        indentation: /^[ \t]*/.exec(linePrefix + lineSuffix)![0],
        atLineStart,
        atCursor,
        closedLater: closedByText(atCursor, lineSuffix + "\n" + following),
        nextLines: next.map((line) => line.trim()),
        blockIndent: linePrefix.trim() === "" && linePrefix !== "" ? indentWidth(linePrefix) : enclosingIndent(previous, next[0], syntax),
        maxLines,
        relocate: memoized((insert, replace) => completionSite(text.slice(0, cursor) + insert + text.slice(cursor + replace), cursor + insert.length, languageId, fileName, maxLines))
    };
}

/** Generation asks again with each new token: the same relocation is computed once. */
function memoized(relocate: (insert: string, replace: number) => CompletionSite): CompletionSite["relocate"] {
    let last: { insert: string; replace: number; site: CompletionSite } | undefined;
    return (insert, replace) => {
        if (last?.insert !== insert || last.replace !== replace) last = { insert, replace, site: relocate(insert, replace) };
        return last.site;
    };
}

/** Whether `line` ends by opening a block: an open bracket, or a colon where blocks are indented. */
export function opensBlock(line: string, syntax: LanguageSyntax): boolean {
    const code = syntax.indentBlocks ? line.replace(/\s+#.*$/, "") : line;
    const last = code.trimEnd().slice(-1);
    return last === "{" || last === "(" || last === "[" || (syntax.indentBlocks && last === ":");
}

/** The openers of `scanner` that `text` closes, pairing closers with openers by indentation. */
function closedByText(scanner: BracketScanner, text: string): Set<Opener> {
    const open = new Set(scanner.stack);
    const closed = new Set<Opener>();
    if (open.size === 0) return closed;
    const reader = scanner.clone(true);
    const lines = text.split("\n");
    for (let i = 0; i < lines.length && reader.stack.some((opener) => open.has(opener)); i++) {
        reader.feed(i === 0 ? lines[i] : "\n" + lines[i], { closed: (opener) => open.has(opener) && closed.add(opener) });
    }
    return closed;
}

/** Where the cursor sits on an empty line: the indentation of the block around it, from the lines either side. */
function enclosingIndent(previous: string | undefined, next: string | undefined, syntax: LanguageSyntax): number {
    if (previous === undefined) return 0;
    const width = indentWidth(previous);
    if (!opensBlock(previous, syntax)) return width;
    return next !== undefined && indentWidth(next) > width ? indentWidth(next) : width + 1;
}

function lastNonBlankLine(text: string): string | undefined {
    const lines = text.replace(/\r/g, "").split("\n");
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim() !== "") return lines[i];
    return undefined;
}

function firstNonBlankLines(text: string, count: number): string[] {
    const found: string[] = [];
    for (const line of text.split("\n")) {
        if (line.trim() !== "") found.push(line.replace(/\r$/, ""));
        if (found.length >= count) break;
    }
    return found;
}
