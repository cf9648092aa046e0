// Turns raw model output into the suggestion a user expects to see.
import type { CursorContext } from "./contextWindow";

export interface SuggestionContext extends CursorContext {
    /** The document text after the cursor's line (used to avoid repeating what follows). */
    followingText: string;
    maxLines: number;
}

function indentWidth(line: string): number {
    let width = 0;
    for (const ch of line) {
        if (ch === " ") width += 1;
        else if (ch === "\t") width += 4;
        else break;
    }
    return width;
}

/** The next non-blank lines after the cursor's line, trimmed, for repeat detection. */
function nextLines(followingText: string, count: number): string[] {
    const lines: string[] = [];
    for (const line of followingText.split("\n")) {
        const trimmed = line.trim();
        if (trimmed !== "") lines.push(trimmed);
        if (lines.length >= count) break;
    }
    return lines;
}

/** True once generation has produced everything a suggestion can use, so the model can stop early. */
export function suggestionComplete(text: string, context: SuggestionContext): boolean {
    if (context.lineSuffix.trim() !== "") return text.includes("\n");
    const lines = text.split("\n");
    if (lines.length > context.maxLines) return true;
    // A finished line that closes the block the cursor is in.
    const finished = lines.slice(1, -1);
    const base = indentWidth(context.indentation);
    return finished.some((line) => line.trim() !== "" && indentWidth(line) < base);
}

/** Cuts the raw output down to the suggestion; an empty string means "no suggestion". */
export function finishSuggestion(raw: string, context: SuggestionContext): string {
    let text = raw.replace(/\r\n/g, "\n");
    const hasTextRight = context.lineSuffix.trim() !== "";
    if (hasTextRight) {
        text = text.split("\n")[0];
        const suffix = context.lineSuffix.trimEnd();
        if (suffix !== "" && text.trimEnd().endsWith(suffix)) text = text.trimEnd().slice(0, -suffix.length);
        if (context.lineSuffix.startsWith(text)) return "";
        return text.trim() === "" ? "" : text;
    }

    const lines = text.split("\n");
    const base = indentWidth(context.indentation);
    const following = nextLines(context.followingText, 1)[0];
    const kept: string[] = [];
    for (let i = 0; i < lines.length && kept.length < context.maxLines; i++) {
        const line = lines[i];
        const isLastPartial = i === lines.length - 1 && i > 0;
        if (i > 0) {
            const trimmed = line.trim();
            if (trimmed !== "" && indentWidth(line) < base) break;
            if (following !== undefined && trimmed === following && trimmed.length > 2) break;
            if (isLastPartial && trimmed === "") break;
        } else if (following !== undefined && (context.linePrefix + line).trim() === following && following.length > 2) {
            return "";
        }
        kept.push(line.replace(/[ \t]+$/, ""));
    }
    while (kept.length > 1 && kept[kept.length - 1].trim() === "") kept.pop();
    const result = kept.join("\n");
    return result.trim() === "" ? "" : result;
}
