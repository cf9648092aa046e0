// With nothing selected, a refactor works on the code around the cursor: the innermost function the
// language's symbol provider reports, or, without one, the indented block the cursor is in.
import { isBlank, leadingWhitespace, type LineSpan, type Position, type Range } from "./rewriteTarget";

export type SymbolRole = "function" | "container" | "other" | "module";

export interface SymbolNode {
    role: SymbolRole;
    range: Range;
    children: readonly SymbolNode[];
}

function contains(range: Range, position: Position): boolean {
    const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
    const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
    return afterStart && beforeEnd;
}

function size(range: Range): number {
    return (range.end.line - range.start.line) * 1_000_000 + (range.end.character - range.start.character);
}

/**
 * The lines of the innermost function around `position`; else of another multi-line symbol; else of a
 * class-like one. Works on a tree of symbols and on a flat list alike: innermost means smallest.
 */
export function enclosingSymbol(symbols: readonly SymbolNode[], position: Position): LineSpan | undefined {
    const around: SymbolNode[] = [];
    const visit = (nodes: readonly SymbolNode[]) => {
        for (const node of nodes) {
            if (contains(node.range, position)) around.push(node);
            visit(node.children);
        }
    };
    visit(symbols);
    around.sort((a, b) => size(a.range) - size(b.range));
    const chosen =
        around.find((symbol) => symbol.role === "function") ??
        around.find((symbol) => symbol.role === "other" && symbol.range.end.line > symbol.range.start.line) ??
        around.find((symbol) => symbol.role === "container");
    return chosen && { startLine: chosen.range.start.line, endLine: chosen.range.end.line };
}

const closer = /^\s*([)\]}]|end\b|fi\b|done\b|esac\b|until\b|except\b|else\b|elif\b|catch\b|finally\b)/;
const opensBlock = /([{([:]|\bdo|\bthen)\s*$/;

/**
 * The indented block around `line`: its header line (the nearest line above with less indentation), its
 * body, and a closing line at the header's indentation (`}`, `end`, `} else {` with its own body, …).
 * At the top level, with no header, it is the paragraph of non-blank lines around the cursor.
 */
export function indentationBlock(lines: readonly string[], line: number, tabSize = 4): LineSpan | undefined {
    const width = (index: number) => {
        let columns = 0;
        for (const char of leadingWhitespace(lines[index])) columns = char === "\t" ? columns + tabSize - (columns % tabSize) : columns + 1;
        return columns;
    };
    const nextNonBlank = (from: number) => {
        for (let index = from; index < lines.length; index++) if (!isBlank(lines[index])) return index;
        return undefined;
    };
    const previousNonBlank = (from: number) => {
        for (let index = from; index >= 0; index--) if (!isBlank(lines[index])) return index;
        return undefined;
    };
    const anchor = nextNonBlank(line) ?? previousNonBlank(line);
    if (anchor === undefined) return undefined;
    const next = nextNonBlank(anchor + 1);
    let header = next !== undefined && width(next) > width(anchor) ? anchor : undefined;
    const bodyStart = header === undefined ? anchor : next!;
    const bodyIndent = width(bodyStart);

    if (bodyIndent === 0 && header === undefined) {
        let start = anchor;
        let end = anchor;
        while (start > 0 && !isBlank(lines[start - 1])) start--;
        while (end + 1 < lines.length && !isBlank(lines[end + 1])) end++;
        return { startLine: start, endLine: end };
    }

    const inBody = (index: number) => isBlank(lines[index]) || width(index) >= bodyIndent;
    let start = bodyStart;
    while (start - 1 >= 0 && start - 1 !== header && inBody(start - 1)) start--;
    let end = bodyStart;
    while (end + 1 < lines.length && inBody(end + 1)) end++;
    start = nextNonBlank(start) ?? start;
    end = previousNonBlank(end) ?? end;

    if (header === undefined) {
        const above = previousNonBlank(start - 1);
        if (above !== undefined && width(above) < bodyIndent) header = above;
    }
    if (header === undefined) return { startLine: start, endLine: end };

    const headerIndent = width(header);
    for (;;) {
        const after = nextNonBlank(end + 1);
        if (after === undefined || width(after) !== headerIndent || !closer.test(lines[after])) break;
        end = after;
        // `} else {` and the like open the next part of the same statement: take its body too.
        if (!opensBlock.test(lines[after].trimEnd())) break;
        while (end + 1 < lines.length && (isBlank(lines[end + 1]) || width(end + 1) > headerIndent)) end++;
        end = previousNonBlank(end) ?? end;
    }
    return { startLine: header, endLine: end };
}
