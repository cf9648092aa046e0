// How close a completed document is to the original: exact, the cursor's line right, and the edit similarity of
// what was written where the span was; summed up per kind of span.
import type { Span, SpanKind } from "./spans";

export interface SpanScore {
    kind: SpanKind;
    exact: boolean;
    firstLine: boolean;
    /** 1 - Levenshtein distance / the longer length, between what was written and the span. */
    similarity: number;
    parses: boolean;
}

export function levenshtein(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
    }
    return previous[b.length];
}

export function similarity(a: string, b: string): number {
    const longer = Math.max(a.length, b.length);
    return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}

/** What the completion wrote over the span: `result` with what it shares with `original` on either side removed. */
export function writtenPart(original: string, result: string, cursor: number): { written: string; truth: string } {
    let tail = 0;
    const room = Math.min(original.length, result.length) - cursor;
    while (tail < room && original[original.length - 1 - tail] === result[result.length - 1 - tail]) tail++;
    return { written: result.slice(cursor, result.length - tail), truth: original.slice(cursor, original.length - tail) };
}

function lineAt(text: string, offset: number): string {
    const start = text.lastIndexOf("\n", offset - 1) + 1;
    const end = text.indexOf("\n", offset);
    return text.slice(start, end < 0 ? text.length : end);
}

export function scoreSpan(span: Span, original: string, result: string, parses: boolean): SpanScore {
    const { written, truth } = writtenPart(original, result, span.start);
    return { kind: span.kind, exact: result === original, firstLine: lineAt(result, span.start) === lineAt(original, span.start), similarity: similarity(written, truth), parses };
}

export interface KindSummary {
    kind: SpanKind | "all";
    spans: number;
    exact: number;
    firstLine: number;
    similarity: number;
    parses: number;
}

/** Per kind and over all: the share of exact, first-line-right and parsing results, and the mean similarity. */
export function summarise(scores: readonly SpanScore[]): KindSummary[] {
    const kinds = [...new Set(scores.map((s) => s.kind))];
    const of = (kind: SpanKind | "all", list: readonly SpanScore[]): KindSummary => {
        const share = (fits: (s: SpanScore) => boolean) => (list.length === 0 ? 0 : list.filter(fits).length / list.length);
        const mean = list.length === 0 ? 0 : list.reduce((sum, s) => sum + s.similarity, 0) / list.length;
        return { kind, spans: list.length, exact: share((s) => s.exact), firstLine: share((s) => s.firstLine), similarity: mean, parses: share((s) => s.parses) };
    };
    return [...kinds.map((kind) => of(kind, scores.filter((s) => s.kind === kind))), of("all", scores)];
}

export function formatSummary(client: string, rows: readonly KindSummary[]): string {
    const percent = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
    const lines = rows.map((r) => `  ${r.kind.padEnd(8)} ${String(r.spans).padStart(5)}  exact ${percent(r.exact)}  first line ${percent(r.firstLine)}  similarity ${r.similarity.toFixed(3)}  parses ${percent(r.parses)}`);
    return [`${client}:`, ...lines].join("\n");
}
