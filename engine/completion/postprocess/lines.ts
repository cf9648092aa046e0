// Which lines of the model's output a suggestion keeps: the current statement or block and no further, the
// closing line the completion needs but not one the document already has, and nothing the document or the
// suggestion itself already says.
import { closerOf, indentWidth, type BracketScanner, type Opener } from "./scanner";
import { opensBlock, type CompletionSite } from "./site";

/**
 * midLine: text follows the cursor, one line only. pair: the cursor is inside an empty pair (`{█}`), lines allowed.
 * statement: code left of the cursor, nothing right: the statement, or the block it opens. block: an empty line.
 */
export type Mode = "midLine" | "pair" | "statement" | "block";

export function modeOf(site: CompletionSite): Mode {
    if (site.lineSuffix.trim() === "") return site.linePrefix.trim() === "" ? "block" : "statement";
    const before = site.linePrefix.trimEnd().slice(-1) as keyof typeof closerOf;
    const inPair = before in closerOf && site.lineSuffix.trimStart().startsWith(closerOf[before]) && site.atCursor.inCode;
    return inPair ? "pair" : "midLine";
}

export interface ShapedLines {
    lines: string[];
    /** A rule ended the suggestion within the lines given: more generated text cannot change it. */
    stopped: boolean;
    /** The last line closes the pair the cursor is in, so it meets the text after the cursor. */
    closesPair: boolean;
}

type Verdict = { keep: string; stop: boolean; closesPair?: boolean } | { stop: true; dropAll?: boolean };

/** Lines made only of closers and separators, which legitimately repeat (`}` after `}`). */
function closersOnly(line: string): boolean {
    return /^[\s)\]}>;,]*$/.test(line);
}

/** Lines as compared for repetition: trimmed, and a closing line without its `;` or `,`. */
function normalized(line: string): string {
    const trimmed = line.trim();
    return closersOnly(trimmed) ? trimmed.replace(/[;,]+$/, "") : trimmed;
}

class LineWalk {
    private readonly scanner: BracketScanner;
    private readonly lineStartDepth: number;
    private readonly lineIndent: number;
    private readonly pairOpener: Opener | undefined;
    /** The first line opened a block: the suggestion ends when that block does (after code, or at the top level). */
    private blockOpened = false;
    private firstIndent = 0;
    /** Code was complete left of the cursor and the model went on to the next line: lines follow as in a block. */
    private nextLineOn = false;
    /** The suggestion closed a block the document leaves open: only more such closing lines may follow. */
    private closingTail = false;
    readonly kept: string[] = [];

    constructor(private readonly site: CompletionSite, private readonly mode: Mode) {
        this.scanner = site.atCursor.clone();
        this.lineStartDepth = site.atLineStart.stack.length;
        this.lineIndent = indentWidth(site.indentation);
        this.pairOpener = mode === "pair" ? site.atCursor.stack.at(-1) : undefined;
    }

    judge(line: string, index: number): Verdict {
        const repeated = index === 0 ? this.firstLineRepeats(line) : this.repeats(line);
        if (repeated) return { stop: true, dropAll: index === 0 };
        const depthBefore = this.scanner.stack.length;
        const closes: Array<{ opener: Opener; offset: number }> = [];
        const open = new Set(this.site.atCursor.stack);
        this.scanner.feed(index === 0 ? line : "\n" + line, { closed: (opener, offset) => open.has(opener) && closes.push({ opener, offset: offset - (index === 0 ? 0 : 1) }) });
        const depthAfter = this.scanner.stack.length;
        const closed = closes.length > 0 ? this.closing(line, closes[0].opener, closes[0].offset, depthAfter >= depthBefore) : undefined;
        if (index === 0) {
            // Inside a block, an empty line's suggestion runs to that block's end; at the top level, to its first block's.
            const topLevel = this.site.atLineStart.stack.length === 0 && this.site.blockIndent === 0;
            const opens = depthAfter > this.lineStartDepth || opensBlock(this.site.linePrefix + line, this.site.syntax);
            this.blockOpened = opens && (this.mode !== "block" || topLevel);
            this.firstIndent = indentWidth(this.site.linePrefix + line);
            this.nextLineOn = this.mode === "statement" && !this.blockOpened && line.trim() === "";
            return closed ?? { keep: line, stop: this.mode === "midLine" || (this.mode === "statement" && !this.blockOpened && !this.nextLineOn) };
        }
        if (closed) return closed;
        if (this.closingTail) return { stop: true };
        if (line.trim() === "") return { keep: line, stop: false };
        return this.byIndentation(line, depthBefore, depthAfter);
    }

    /** The line closes a bracket that was open at the cursor. */
    private closing(line: string, opener: Opener, offset: number, reopens: boolean): Verdict {
        if (opener === this.pairOpener) return { keep: line, stop: true, closesPair: true };
        // On the cursor's line the text after the cursor decides, when the line is merged with it.
        if (this.mode === "midLine") return { keep: line, stop: true };
        if (this.site.closedLater.has(opener)) {
            const before = line.slice(0, offset).trimEnd();
            return before.trim() === "" ? { stop: true } : { keep: before, stop: true };
        }
        if (this.closingTail && !closersOnly(line)) return { stop: true };
        this.closingTail = !reopens;
        const moreToClose = this.scanner.stack.some((open) => this.site.atCursor.stack.includes(open) && !this.site.closedLater.has(open));
        return { keep: line, stop: this.closingTail && !moreToClose };
    }

    private byIndentation(line: string, depthBefore: number, depthAfter: number): Verdict {
        const width = indentWidth(line);
        if (this.blockOpened) {
            if (width > this.firstIndent) return { keep: line, stop: false };
            const closesOwnBlock = depthAfter < depthBefore && /^\s*[)\]}]/.test(line);
            if (!closesOwnBlock) return { stop: true };
            return { keep: line, stop: depthAfter <= this.lineStartDepth };
        }
        if (this.mode !== "block" && !this.nextLineOn) return { stop: true };
        const blockIndent = this.nextLineOn ? this.lineIndent : this.site.blockIndent;
        return width < blockIndent ? { stop: true } : { keep: line, stop: false };
    }

    private firstLineRepeats(line: string): boolean {
        const whole = this.site.linePrefix + line;
        return this.mode !== "midLine" && whole.trim() !== "" && !closersOnly(whole) && normalized(whole) === this.site.nextLines[0];
    }

    private repeats(line: string): boolean {
        if (line.trim() === "" || closersOnly(line)) return false;
        if (normalized(line) === this.site.nextLines[0]) return true;
        const seen = this.kept.filter((kept) => kept.trim() !== "").map(normalized);
        if (seen.at(-1) === normalized(line)) return true;
        // Two lines over again: drop the second copy's first line too.
        if (seen.length >= 3 && seen.at(-2) === normalized(line) && seen.at(-1) === seen.at(-3)) {
            while (this.kept.length > 0 && this.kept.at(-1)!.trim() === "") this.kept.pop();
            this.kept.pop();
            return true;
        }
        return false;
    }
}

/** The lines of `lines` the suggestion keeps. Every line given must be whole. */
export function shapeLines(lines: readonly string[], site: CompletionSite, mode: Mode): ShapedLines {
    const walk = new LineWalk(site, mode);
    for (let i = 0; i < lines.length; i++) {
        if (i > 0 && walk.kept.length >= site.maxLines) return { lines: walk.kept, stopped: true, closesPair: false };
        const verdict = walk.judge(lines[i], i);
        if ("dropAll" in verdict && verdict.dropAll) return { lines: [], stopped: true, closesPair: false };
        if ("keep" in verdict) walk.kept.push(verdict.keep);
        if (verdict.stop) return { lines: walk.kept, stopped: true, closesPair: "closesPair" in verdict && verdict.closesPair === true };
    }
    return { lines: walk.kept, stopped: walk.kept.length >= site.maxLines, closesPair: false };
}
