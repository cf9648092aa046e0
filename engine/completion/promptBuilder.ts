// Lays out the FIM prompt so that a keystroke changes only the end of it.
//
// The prefix is anchored at the start of a line; the text after the cursor is the suffix; everything typed
// since the anchor (across lines too) goes after the middle token, which FIM allows because the middle is
// all text between the prefix and the cursor. Typing at the cursor therefore only appends tokens, and the
// KV cache of the prefix and the suffix stays valid until the cursor leaves, the text around it changes,
// or the typed tail grows long. Context from other files comes first, where it is cached the longest.
import type { PromptPiece } from "../runtime/inference";
import { endOfLinesAfter, keepFirstChars, keepLastChars, startOfLinesBefore } from "./contextWindow";

export interface PromptBudget {
    prefixTokens: number;
    suffixTokens: number;
    extraTokens: number;
    middleTokens: number;
    prefixLines: number;
    suffixLines: number;
}

/** Budgets for a context of `contextSize` tokens that must leave room for `generate` new ones. */
export function budgetFor(contextSize: number, generate: number): PromptBudget {
    const room = Math.max(64, contextSize - generate - 16);
    return {
        prefixTokens: Math.min(1536, Math.floor(room * 0.4)),
        suffixTokens: Math.min(320, Math.floor(room * 0.15)),
        extraTokens: Math.min(512, Math.floor(room * 0.2)),
        middleTokens: Math.min(384, Math.floor(room * 0.15)),
        prefixLines: 256,
        suffixLines: 64
    };
}

export interface ExtraChunk {
    /** A short name for the chunk's file, shown to the model. */
    name: string;
    text: string;
}

interface Anchor {
    uri: string;
    windowStart: number;
    anchor: number;
    prefixText: string;
    suffixText: string;
    /** Context from other files, laid out once per anchor so that it stays cached. */
    lead: PromptPiece[];
}

export interface BuiltPrompt {
    pieces: PromptPiece[];
    /** True when the anchor moved, so the prefix end and the suffix had to be laid out again. */
    reanchored: boolean;
}

type CountTokens = (text: string) => number;

export class PromptBuilder {
    private anchor: Anchor | undefined;

    constructor(
        private readonly countTokens: CountTokens,
        private readonly fim: { fileSeparator: boolean },
        private readonly budget: PromptBudget
    ) {}

    /** Forgets the anchor, e.g. when the sequence was used for something else. */
    reset(): void {
        this.anchor = undefined;
    }

    build(uri: string, name: string, text: string, cursor: number, extra: () => ExtraChunk[]): BuiltPrompt {
        let anchor = this.anchor;
        let reanchored = false;
        let middle = anchor && this.stillValid(anchor, uri, text, cursor) ? text.slice(anchor.anchor, cursor) : undefined;
        if (!anchor || middle === undefined || this.countTokens(middle) > this.budget.middleTokens) {
            anchor = this.reanchor(uri, name, text, cursor, extra);
            middle = text.slice(anchor.anchor, cursor);
            reanchored = true;
        }
        return {
            pieces: [{ special: "bos" }, ...anchor.lead, { special: "fimPrefix" }, anchor.prefixText, { special: "fimSuffix" }, anchor.suffixText, { special: "fimMiddle" }, middle],
            reanchored
        };
    }

    private stillValid(anchor: Anchor, uri: string, text: string, cursor: number): boolean {
        return (
            anchor.uri === uri &&
            cursor >= anchor.anchor &&
            text.startsWith(anchor.suffixText, cursor) &&
            text.slice(anchor.windowStart, anchor.anchor) === anchor.prefixText
        );
    }

    private reanchor(uri: string, name: string, text: string, cursor: number, extra: () => ExtraChunk[]): Anchor {
        const previous = this.anchor?.uri === uri ? this.anchor : undefined;
        const anchorAt = text.lastIndexOf("\n", cursor - 1) + 1;
        const windowStart = this.windowStart(previous, text, anchorAt);
        const prefix = this.fitFromEnd(text.slice(windowStart, anchorAt), this.budget.prefixTokens);
        const suffix = this.fitFromStart(text.slice(cursor, endOfLinesAfter(text, cursor, this.budget.suffixLines)), this.budget.suffixTokens);
        const lead = previous ? previous.lead : this.layoutExtra(name, extra());
        this.anchor = {
            uri,
            windowStart: anchorAt - prefix.length,
            anchor: anchorAt,
            prefixText: prefix,
            suffixText: suffix,
            lead
        };
        return this.anchor;
    }

    /** Keeps the previous window start when it still holds, so the cached prefix tokens stay valid. */
    private windowStart(previous: Anchor | undefined, text: string, anchorAt: number): number {
        const fresh = startOfLinesBefore(text, anchorAt, this.budget.prefixLines);
        if (!previous || previous.windowStart > anchorAt) return fresh;
        const head = previous.prefixText.slice(0, 256);
        if (!text.startsWith(head, previous.windowStart)) return fresh;
        const lines = countLines(text, previous.windowStart, anchorAt);
        return lines <= this.budget.prefixLines * 1.5 ? previous.windowStart : fresh;
    }

    private layoutExtra(currentName: string, chunks: ExtraChunk[]): PromptPiece[] {
        const separator = this.fim.fileSeparator;
        // The most recent chunks win the budget and sit nearest the current file.
        const pieces: PromptPiece[][] = [];
        let size = 0;
        for (const chunk of [...chunks].reverse()) {
            const text = separator ? `${chunk.name}\n${chunk.text}\n` : `${chunk.text}\n`;
            const tokens = this.countTokens(text) + (separator ? 1 : 0);
            if (size + tokens > this.budget.extraTokens) continue;
            pieces.unshift(separator ? [{ special: "fileSeparator" }, text] : [text]);
            size += tokens;
        }
        const lead = pieces.flat();
        if (separator && lead.length > 0) lead.push({ special: "fileSeparator" }, `${currentName}\n`);
        return lead;
    }

    /** The longest end of `text`, in whole lines where it can, within `budget` tokens. */
    private fitFromEnd(text: string, budget: number): string {
        let tokens = this.countTokens(text);
        for (let attempt = 0; tokens > budget && attempt < 4; attempt++) {
            text = keepLastChars(text, Math.floor((text.length * budget) / tokens * 0.95));
            tokens = this.countTokens(text);
        }
        return tokens > budget ? "" : text;
    }

    /** The longest start of `text`, in whole lines where it can, within `budget` tokens. */
    private fitFromStart(text: string, budget: number): string {
        let tokens = this.countTokens(text);
        for (let attempt = 0; tokens > budget && attempt < 4; attempt++) {
            text = keepFirstChars(text, Math.floor((text.length * budget) / tokens * 0.95));
            tokens = this.countTokens(text);
        }
        return tokens > budget ? "" : text;
    }
}

function countLines(text: string, from: number, to: number): number {
    let count = 0;
    for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) count++;
    return count;
}
