// Turns the model's raw output into the suggestion a user expects to see: its lines (lines.ts), and where it
// meets the text after the cursor (merge.ts).
import { modeOf, shapeLines, type Mode } from "./lines";
import { mergeWithLineSuffix, type Suggestion } from "./merge";
import { opensBlock, type CompletionSite } from "./site";

export type { Suggestion } from "./merge";

function normalized(raw: string, site: CompletionSite): string {
    const text = raw.replace(/\r\n/g, "\n");
    // `return ` followed by ` this;` would make `return  this;`.
    return /[ \t]$/.test(site.linePrefix) ? text.replace(/^[ \t]+/, "") : text;
}

/** The suggestion for `raw`, or undefined for none. */
export function finishSuggestion(raw: string, site: CompletionSite): Suggestion | undefined {
    const mode = modeOf(site);
    const rawLines = normalized(raw, site).split("\n");
    const shaped = shapeLines(rawLines, site, mode);
    const lines = shaped.lines.map((line, i) => (i < shaped.lines.length - 1 ? line.replace(/[ \t]+$/, "") : line));
    while (lines.length > 1 && lines.at(-1)!.trim() === "") lines.pop();
    if (lines.join("").trim() === "") return undefined;
    if (mode === "statement" || mode === "block") return { text: lines.join("\n").replace(/[ \t]+$/, ""), replace: 0 };
    const merged = mergeWithLineSuffix(lines, site, mode === "pair" && lines.length > 1 && !shaped.closesPair);
    const next = merged && continuation(merged, lines.length, rawLines, site, mode);
    if (!merged || !next) return merged;
    const body = finishSuggestion(["", ...rawLines.slice(1)].join("\n"), next);
    return body ? { text: merged.text + body.text, replace: merged.replace } : merged;
}

/** True once `text`, the output so far, holds everything the suggestion can use: generation may stop. */
export function suggestionComplete(text: string, site: CompletionSite): boolean {
    const mode = modeOf(site);
    const lines = normalized(text, site).split("\n");
    const whole = lines.slice(0, -1);
    const shaped = shapeLines(whole, site, mode);
    if (mode === "statement" || mode === "block" || whole.length === 0) return shaped.stopped;
    if (!shaped.stopped || shaped.lines.length !== 1) return shaped.stopped;
    const merged = mergeWithLineSuffix(shaped.lines, site, false);
    const next = merged && continuation(merged, 1, lines, site, mode);
    return next ? suggestionComplete(["", ...lines.slice(1)].join("\n"), next) : true;
}

/**
 * When the suggestion rewrote the rest of the cursor's line and that line now opens a block (`printHello(█)`
 * becoming `printHello() {`), the model's next lines are that block's body: the site at the new line's end.
 */
function continuation(merged: Suggestion, keptLines: number, rawLines: readonly string[], site: CompletionSite, mode: Mode): CompletionSite | undefined {
    if (keptLines !== 1 || rawLines.length < 2 || merged.text.includes("\n")) return undefined;
    if (mode !== "midLine" && mode !== "pair") return undefined;
    if (site.lineSuffix.slice(merged.replace).trim() !== "") return undefined;
    const next = site.relocate(merged.text, merged.replace);
    const opens = next.atCursor.stack.length > next.atLineStart.stack.length || opensBlock(next.linePrefix, next.syntax);
    return opens ? next : undefined;
}
