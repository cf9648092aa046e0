// Deterministic masked spans of a source file, of three kinds a user meets: the rest of a line, the inside of
// a bracket pair on one line (the text after the cursor holds the closer), and 2–6 whole lines of a block.
import { BracketScanner } from "../../../engine/completion/postprocess/scanner";
import { syntaxFor } from "../../../engine/completion/postprocess/syntax";
import { random } from "../../support/random";

export const spanKinds = ["lineEnd", "midLine", "lines"] as const;
export type SpanKind = (typeof spanKinds)[number];

export interface Span {
    file: string;
    kind: SpanKind;
    /** The masked text is `text.slice(start, end)`; the cursor is at `start`. */
    start: number;
    end: number;
}

interface Line {
    start: number;
    text: string;
    indent: number;
    /** The line starts in code, not inside a string or a comment. */
    code: boolean;
    /** The scanner at the line's start. */
    scanner: BracketScanner;
}

function seedOf(text: string): number {
    let hash = 2166136261;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
    return hash >>> 0;
}

function linesOf(text: string, language: string): Line[] {
    const scanner = new BracketScanner(syntaxFor(language));
    const lines: Line[] = [];
    let start = 0;
    for (const line of text.split("\n")) {
        lines.push({ start, text: line, indent: /^[ \t]*/.exec(line)![0].length, code: scanner.inCode && !/^\s*(#|\/\/|\/?\*)/.test(line), scanner: scanner.clone() });
        scanner.feed(`${line}\n`);
        start += line.length + 1;
    }
    return lines;
}

function lineEndSpans(lines: Line[]): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    for (const line of lines.filter((l) => l.code && l.text.trim().length >= 10)) {
        const body = line.text.slice(line.indent);
        for (let i = 1; i < body.length - 3; i++) {
            if (/[ (.=,[]/.test(body[i - 1]) && /\S/.test(body[i]) && body.slice(i).trim().length >= 3) found.push([line.start + line.indent + i, line.start + line.text.length]);
        }
    }
    return found;
}

function midLineSpans(lines: Line[]): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    for (const line of lines.filter((l) => l.code)) {
        for (let i = 0; i < line.text.length; i++) {
            if (!"([{".includes(line.text[i])) continue;
            const scanner = line.scanner.clone();
            scanner.feed(line.text.slice(0, i));
            if (!scanner.inCode) continue;
            const depth = scanner.stack.length;
            let closedAt = -1;
            scanner.feed(line.text.slice(i), { closed: (_, offset) => closedAt < 0 && scanner.stack.length === depth && (closedAt = offset) });
            if (closedAt >= 3) found.push([line.start + i + 1, line.start + i + closedAt]);
        }
    }
    return found;
}

function blockSpans(lines: Line[], pick: () => number): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    for (let s = 1; s < lines.length; s++) {
        const first = lines[s];
        if (!first.code || first.text.trim() === "") continue;
        let room = 1;
        while (room < 6 && s + room < lines.length && lines[s + room].text.trim() !== "" && lines[s + room].indent >= first.indent) room++;
        if (room < 2) continue;
        const last = lines[s + 1 + Math.floor(pick() * (room - 1))];
        found.push([first.start + first.indent, last.start + last.text.length]);
    }
    return found;
}

/** Up to `perKind` spans of each kind, the same for the same file every time. */
export function maskSpans(file: string, text: string, language: string, perKind: number): Span[] {
    const lines = linesOf(text, language);
    const spans: Span[] = [];
    for (const kind of spanKinds) {
        const pick = random(seedOf(`${file}:${kind}`));
        const candidates = kind === "lineEnd" ? lineEndSpans(lines) : kind === "midLine" ? midLineSpans(lines) : blockSpans(lines, pick);
        for (let i = candidates.length - 1; i > 0; i--) {
            const j = Math.floor(pick() * (i + 1));
            [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
        }
        for (const [start, end] of candidates.slice(0, perKind)) spans.push({ file, kind, start, end });
    }
    return spans;
}
