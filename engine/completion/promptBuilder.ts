// Lays out the FIM prompt so that a keystroke changes only the end of it.
//
// The prefix is anchored at the start of a line; the text after the cursor is the suffix; everything typed
// since the anchor (across lines too) goes after the middle token, which FIM allows because the middle is
// all text between the prefix and the cursor. Typing at the cursor therefore only appends tokens, and the
// KV cache of the prefix and the suffix stays valid until the cursor leaves, the text around it changes,
// or the typed tail grows long. Context from other files comes first, where it is cached the longest.
//
// Each anchor has two layouts: a quick one (a small window around the cursor, cheap to evaluate from nothing)
// and a wide one (more code, context from other files), which the background evaluates. The builder offers
// the layouts of every anchor that still holds, the most wanted first; the caller takes the first its cache
// makes cheap enough. Recent anchors are kept, so jumping back to a place finds its layouts unchanged.
import type { PromptPiece } from "../runtime/inference";
import { endOfLinesAfter, lineStartBefore, startOfLinesBefore, type DocumentWindow } from "./contextWindow";
import { nameTokens, type PromptBudget, type PromptBudgets } from "./promptBudget";
import { TokenFit } from "./tokenFit";

export interface ExtraChunk {
    /** A short name for the chunk's file, shown to the model. */
    name: string;
    text: string;
}

export interface PromptCandidate {
    pieces: PromptPiece[];
    layout: "wide" | "quick";
    /** True when the anchor was laid out for this request: the cursor left the previous one, or the text around it changed. */
    fresh: boolean;
}

interface Layout {
    /** Document offset where `prefixText` starts. */
    windowStart: number;
    prefixText: string;
    suffixText: string;
    /** Context from other files, laid out once per anchor so that it stays cached. */
    lead: PromptPiece[];
}

interface Anchor {
    uri: string;
    /** Document offset where the prefix ends and the typed text begins. */
    at: number;
    wide: Layout;
    /** Absent where the wide layout is itself quick enough. */
    quick: Layout | undefined;
}

/** Places remembered: a few files, a few functions in each. */
const keptAnchors = 8;
/** Past this many characters of line left of the cursor, the anchor is the cursor itself, not the line start. */
const maxLineLeftChars = 512;

export class PromptBuilder {
    private anchors: Anchor[] = [];
    private readonly fit: TokenFit;

    constructor(private readonly countTokens: (text: string) => number, private readonly fim: { fileSeparator: boolean }, private readonly budgets: () => PromptBudgets) {
        this.fit = new TokenFit(countTokens);
    }

    /** Forgets every anchor, e.g. when the sequences were used for something else. */
    reset(): void {
        this.anchors = [];
    }

    /** The layouts a request at the window's cursor may use, the most wanted first; never empty. */
    candidates(uri: string, name: string, window: DocumentWindow, extra: () => ExtraChunk[]): PromptCandidate[] {
        const budgets = this.budgets();
        const holding = this.anchors.filter(
            (anchor) => anchor.uri === uri && [anchor.wide, anchor.quick].some((layout) => this.holds(layout, anchor, window)) && this.middleOf(anchor, window, budgets.middleTokens) !== undefined
        );
        const newest = holding[0];
        const point = anchorPoint(window);
        const wideHolds = holding.some((anchor) => this.holds(anchor.wide, anchor, window));
        const longMiddle = newest && newest.at !== point && !this.fit.within(this.middleOf(newest, window, budgets.middleTokens)!, budgets.middleTokens / 2);
        let fresh: Anchor | undefined;
        if (!wideHolds || longMiddle) {
            fresh = this.anchorAt(uri, name, window, point, budgets, extra);
            holding.unshift(fresh);
        }
        const candidates: PromptCandidate[] = [];
        for (const layout of ["wide", "quick"] as const) {
            for (const anchor of holding) {
                const chosen = anchor[layout];
                if (this.holds(chosen, anchor, window)) {
                    const middle = this.middleOf(anchor, window, budgets.middleTokens)!;
                    candidates.push({ pieces: this.pieces(chosen, middle), layout, fresh: anchor === fresh });
                }
            }
        }
        return candidates;
    }

    private pieces(layout: Layout, middle: string): PromptPiece[] {
        return [{ special: "bos" }, ...layout.lead, { special: "fimPrefix" }, layout.prefixText, { special: "fimSuffix" }, layout.suffixText, { special: "fimMiddle" }, middle];
    }

    /** The text typed since the anchor, when the cursor is still past it and it is not too long. */
    private middleOf(anchor: Anchor, window: DocumentWindow, budget: number): string | undefined {
        const at = anchor.at - window.offset;
        if (at < 0 || at > window.cursor) return undefined;
        const middle = window.text.slice(at, window.cursor);
        return this.fit.within(middle, budget) ? middle : undefined;
    }

    /** True while the text the layout shows around the anchor and the cursor is still there. */
    private holds(layout: Layout | undefined, anchor: Anchor, window: DocumentWindow): layout is Layout {
        if (!layout) return false;
        const start = layout.windowStart - window.offset;
        return start >= 0 && anchor.at - window.offset <= window.cursor && window.text.startsWith(layout.suffixText, window.cursor) && window.text.slice(start, anchor.at - window.offset) === layout.prefixText;
    }

    private anchorAt(uri: string, name: string, window: DocumentWindow, point: number, budgets: PromptBudgets, extra: () => ExtraChunk[]): Anchor {
        const previous = this.anchors.find((anchor) => anchor.uri === uri);
        const lead = previous ? previous.wide.lead : this.layoutExtra(name, extra(), budgets.wide.extraTokens);
        const wide = this.layout(window, point, budgets.wide, lead, previous?.wide);
        const wideTokens = budgets.wide.prefixTokens + budgets.wide.suffixTokens + budgets.wide.extraTokens;
        const quick = wideTokens <= budgets.foregroundTokens ? undefined : this.layout(window, point, budgets.quick, [], undefined);
        const anchor: Anchor = { uri, at: window.offset + point, wide, quick };
        this.anchors = [anchor, ...this.anchors.filter((a) => !(a.uri === uri && a.at === anchor.at))].slice(0, keptAnchors);
        return anchor;
    }

    private layout(window: DocumentWindow, point: number, budget: PromptBudget, lead: PromptPiece[], previous: Layout | undefined): Layout {
        const { text, cursor } = window;
        const start = this.prefixStart(window, point, budget, previous);
        const prefixText = this.fit.end(text.slice(start, point), budget.prefixTokens);
        const suffixText = this.fit.start(text.slice(cursor, endOfLinesAfter(text, cursor, budget.suffixLines)), budget.suffixTokens);
        return { windowStart: window.offset + point - prefixText.length, prefixText, suffixText, lead };
    }

    /** Keeps the previous layout's start when it still holds, so the cached prefix tokens stay valid. */
    private prefixStart(window: DocumentWindow, point: number, budget: PromptBudget, previous: Layout | undefined): number {
        const fresh = startOfLinesBefore(window.text, point, budget.prefixLines);
        const start = previous ? previous.windowStart - window.offset : -1;
        if (start < 0 || start > point || !window.text.startsWith(previous!.prefixText.slice(0, 256), start)) return fresh;
        return countLines(window.text, start, point) <= budget.prefixLines * 1.5 ? start : fresh;
    }

    private layoutExtra(currentName: string, chunks: ExtraChunk[], budget: number): PromptPiece[] {
        const separator = this.fim.fileSeparator;
        // The most recent chunks win the budget and sit nearest the current file.
        const pieces: PromptPiece[][] = [];
        let size = 0;
        for (const chunk of [...chunks].reverse()) {
            const text = separator ? `${this.fileName(chunk.name)}\n${chunk.text}\n` : `${chunk.text}\n`;
            const tokens = this.countTokens(text) + (separator ? 1 : 0);
            if (size + tokens > budget) continue;
            pieces.unshift(separator ? [{ special: "fileSeparator" }, text] : [text]);
            size += tokens;
        }
        const lead = pieces.flat();
        if (separator && lead.length > 0) lead.push({ special: "fileSeparator" }, `${this.fileName(currentName)}\n`);
        return lead;
    }

    /** A file name within its budget: the end, which says the most (the extension, the base name). */
    private fileName(name: string): string {
        return this.fit.end(name, nameTokens);
    }
}

/** Where a new anchor goes: the start of the cursor's line, or the cursor on a line too long for that. */
function anchorPoint(window: DocumentWindow): number {
    const lineStart = lineStartBefore(window.text, window.cursor, maxLineLeftChars);
    return lineStart >= 0 ? lineStart : window.cursor;
}

function countLines(text: string, from: number, to: number): number {
    let count = 0;
    for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) count++;
    return count;
}
