// Where "Apply to file" puts a code block: over the selection the question was about if that code is still
// in the file, else over the editor's selection, else over the whole file. One replaced range, so the
// change is one edit and one undo step.

export interface ApplyTarget {
    start: number;
    end: number;
    what: "attached selection" | "selection" | "file";
}

export interface AttachedSelection {
    text: string;
    startLine?: number;
}

function lineOffset(text: string, line: number): number {
    let offset = 0;
    for (let i = 0; i < line; i++) {
        const next = text.indexOf("\n", offset);
        if (next < 0) return text.length;
        offset = next + 1;
    }
    return offset;
}

/** The occurrence of `needle` nearest to `near`. */
function nearestOccurrence(haystack: string, needle: string, near: number): number {
    let best = -1;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
        if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
        if (at > near) break;
    }
    return best;
}

export function applyTarget(document: string, selection: { start: number; end: number } | undefined, attached: AttachedSelection | undefined): ApplyTarget {
    if (attached && attached.text.trim() !== "") {
        const near = attached.startLine === undefined ? 0 : lineOffset(document, attached.startLine);
        const at = nearestOccurrence(document, attached.text, near);
        if (at >= 0) return { start: at, end: at + attached.text.length, what: "attached selection" };
    }
    if (selection && selection.end > selection.start) return { ...selection, what: "selection" };
    return { start: 0, end: document.length, what: "file" };
}

/** The code to write over the target: it keeps the line break that ended the replaced text. */
export function replacementFor(document: string, target: ApplyTarget, code: string): string {
    const replaced = document.slice(target.start, target.end);
    return replaced.endsWith("\n") && !code.endsWith("\n") ? `${code}\n` : code;
}

export function proposedDocument(document: string, target: ApplyTarget, code: string): string {
    return document.slice(0, target.start) + replacementFor(document, target, code) + document.slice(target.end);
}
