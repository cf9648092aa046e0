// A bracket scanner that skips strings and comments: which brackets are open at a point of a document, and what
// closes what as more text is fed. Cheap enough to run over the text before the cursor on every request.
import type { LanguageSyntax, QuoteRule } from "./syntax";

export type OpenChar = "(" | "[" | "{";

export const closerOf: Record<OpenChar, string> = { "(": ")", "[": "]", "{": "}" };
const openerOf: Record<string, OpenChar> = { ")": "(", "]": "[", "}": "{" };

export interface Opener {
    char: OpenChar;
    /** Indentation width of the line it is on. */
    indent: number;
    /** A template literal's `${`: closing it returns to the string. */
    interpolation?: QuoteRule;
}

export interface ScanListener {
    /** A closer at `offset` of the fed text closed `opener`. `firstOnLine`: only whitespace precedes it on its line. */
    closed?(opener: Opener, offset: number, firstOnLine: boolean): void;
    /** The string open at `offset` ended there (at its closing quote). */
    stringClosed?(rule: QuoteRule, offset: number): void;
}

interface State {
    stack: Opener[];
    string: QuoteRule | undefined;
    blockComment: boolean;
    lineComment: boolean;
    indent: number;
    lineStart: boolean;
    previous: string;
    errors: number;
}

/** Tabs count as four columns, as everywhere in completion post-processing. */
export function indentWidth(line: string): number {
    let width = 0;
    for (const ch of line) {
        if (ch === " ") width += 1;
        else if (ch === "\t") width += 4;
        else break;
    }
    return width;
}

const boundary = /[\s[{(,:=]/;

/** The characters that can start something the scanner tracks; every other character in code is skipped at once. */
const markStarts = new WeakMap<LanguageSyntax, Set<string>>();

function startsOf(syntax: LanguageSyntax): Set<string> {
    let starts = markStarts.get(syntax);
    if (!starts) {
        const marks = [...syntax.lineComments, ...(syntax.blockComment ? [syntax.blockComment[0]] : []), ...syntax.quotes.map((q) => q.open), "'", "(", ")", "[", "]", "{", "}"];
        starts = new Set(marks.map((mark) => mark[0]));
        markStarts.set(syntax, starts);
    }
    return starts;
}

export class BracketScanner {
    private readonly state: State;
    private readonly starts: Set<string>;

    /**
     * `byIndent`: a closer that starts its line closes the innermost opener of its kind whose line is indented no
     * deeper, leaving deeper ones open, as a reader of a file with a missing closer would pair them.
     */
    constructor(readonly syntax: LanguageSyntax, private readonly byIndent = false, state?: State) {
        this.state = state ?? { stack: [], string: undefined, blockComment: false, lineComment: false, indent: 0, lineStart: true, previous: "\n", errors: 0 };
        this.starts = startsOf(syntax);
    }

    clone(byIndent = this.byIndent): BracketScanner {
        return new BracketScanner(this.syntax, byIndent, { ...this.state, stack: [...this.state.stack] });
    }

    get stack(): readonly Opener[] {
        return this.state.stack;
    }

    /** Closers that closed nothing open or skipped an inner opener, and single-line strings left open at a line end. */
    get errors(): number {
        return this.state.errors;
    }

    get inString(): boolean {
        return this.state.string !== undefined;
    }

    get inCode(): boolean {
        return !this.state.string && !this.state.blockComment && !this.state.lineComment;
    }

    feed(text: string, listener: ScanListener = {}): void {
        const s = this.state;
        for (let i = 0; i < text.length; i++) {
            const c = text[i];
            if (c === "\n") {
                this.newLine();
                continue;
            }
            const firstOnLine = s.lineStart;
            if (s.lineStart) {
                if (c === " " || c === "\t") s.indent += c === " " ? 1 : 4;
                else s.lineStart = false;
            }
            if (s.lineComment) continue;
            if (s.blockComment) i = this.inBlockComment(text, i);
            else if (s.string) i = this.inStringAt(text, i, listener);
            else if (this.starts.has(c)) i = this.inCodeAt(text, i, firstOnLine, listener);
            s.previous = text[i];
        }
    }

    private newLine(): void {
        const s = this.state;
        if (s.string && !s.string.multiline) {
            s.errors++;
            s.string = undefined;
        }
        s.lineComment = false;
        s.indent = 0;
        s.lineStart = true;
        s.previous = "\n";
    }

    private inBlockComment(text: string, i: number): number {
        const close = this.syntax.blockComment![1];
        if (!text.startsWith(close, i)) return i;
        this.state.blockComment = false;
        return i + close.length - 1;
    }

    private inStringAt(text: string, i: number, listener: ScanListener): number {
        const s = this.state;
        const rule = s.string!;
        if (rule.escapes && text[i] === "\\") return text[i + 1] === "\n" ? i : i + 1;
        if (rule.interpolation && text.startsWith("${", i)) {
            s.stack.push({ char: "{", indent: s.indent, interpolation: rule });
            s.string = undefined;
            return i + 1;
        }
        if (!text.startsWith(rule.close, i)) return i;
        s.string = undefined;
        listener.stringClosed?.(rule, i);
        return i + rule.close.length - 1;
    }

    private inCodeAt(text: string, i: number, firstOnLine: boolean, listener: ScanListener): number {
        const s = this.state;
        const c = text[i];
        const atBoundary = !this.syntax.marksNeedBoundary || boundary.test(s.previous);
        if (atBoundary && this.syntax.lineComments.some((mark) => text.startsWith(mark, i))) {
            s.lineComment = true;
            return i;
        }
        const block = this.syntax.blockComment;
        if (block && text.startsWith(block[0], i)) {
            s.blockComment = true;
            return i + block[0].length - 1;
        }
        if (c === "'" && this.syntax.shortCharQuote) {
            const literal = /^'(?:\\[^\n]{1,10}?|[^\\'\n])'/.exec(text.slice(i, i + 14));
            return literal ? i + literal[0].length - 1 : i;
        }
        const quote = atBoundary ? this.syntax.quotes.find((rule) => text.startsWith(rule.open, i)) : undefined;
        if (quote) {
            s.string = quote;
            return i + quote.open.length - 1;
        }
        if (c === "(" || c === "[" || c === "{") s.stack.push({ char: c, indent: s.indent });
        else if (c in openerOf) this.close(c, i, firstOnLine, listener);
        return i;
    }

    private close(c: string, offset: number, firstOnLine: boolean, listener: ScanListener): void {
        const s = this.state;
        const want = openerOf[c];
        const innermost = (fits: (opener: Opener) => boolean) => s.stack.findLastIndex(fits);
        let at = s.stack.length - 1;
        if (this.byIndent && firstOnLine) {
            at = innermost((o) => o.char === want && o.indent <= s.indent);
            if (at < 0) at = innermost((o) => o.char === want);
        } else if (s.stack[at]?.char !== want) {
            s.errors++;
            at = innermost((o) => o.char === want);
        }
        if (at < 0) {
            if (this.byIndent && firstOnLine) s.errors++;
            return;
        }
        const opener = s.stack[at];
        s.stack.length = at;
        if (opener.interpolation) s.string = opener.interpolation;
        listener.closed?.(opener, offset, firstOnLine);
    }
}
