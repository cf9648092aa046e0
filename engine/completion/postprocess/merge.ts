// Where the suggestion meets the text right of the cursor: which of that text it rewrites (an auto-closed
// bracket, a quote, a `;`), so that the line after Tab is what the model meant, never with a closer doubled.
import type { BracketScanner } from "./scanner";
import type { CompletionSite } from "./site";

export interface Suggestion {
    text: string;
    /** How many characters right of the cursor, on its line, the text replaces. */
    replace: number;
}

interface Candidate {
    insert: string;
    replace: number;
}

/**
 * Places `lines` (all kept, the last meeting the text after the cursor) against that text: the candidate that
 * leaves the line with the fewest unbalanced brackets and strings, never more than the line had.
 * `ownLineCloser`: the suggestion runs over several lines without closing the pair the cursor is in; its closer
 * then goes on a line of its own.
 */
export function mergeWithLineSuffix(lines: readonly string[], site: CompletionSite, ownLineCloser: boolean): Suggestion | undefined {
    const head = lines.slice(0, -1);
    const last = lines.at(-1) ?? "";
    const atLast = site.atCursor.clone();
    if (head.length > 0) atLast.feed(head.join("\n") + "\n");
    const suffix = site.lineSuffix;
    const candidates = ownLineCloser ? [{ insert: `${last.trimEnd()}\n${site.indentation}`, replace: 0 }] : candidatesFor(last, suffix, atLast);
    const baseline = lineErrors(site.atCursor, "", suffix);
    let best: { candidate: Candidate; errors: number } | undefined;
    for (const raw of candidates) {
        const candidate = joined(raw, suffix);
        const whole = [...head, candidate.insert].join("\n");
        if (whole.trim() === "" || !isSubsequence(suffix.slice(0, candidate.replace), candidate.insert)) continue;
        if (whole === suffix.slice(0, candidate.replace)) continue;
        const errors = lineErrors(atLast, candidate.insert, suffix.slice(candidate.replace));
        if (!best || errors < best.errors) best = { candidate: { ...candidate, insert: whole }, errors };
    }
    if (!best || best.errors > baseline) return undefined;
    const after = site.linePrefix + best.candidate.insert + suffix.slice(best.candidate.replace);
    if (!after.includes("\n") && after.trim() === site.nextLines[0]) return undefined;
    return { text: best.candidate.insert, replace: best.candidate.replace };
}

/** In order of preference, for ties. */
function candidatesFor(last: string, suffix: string, at: BracketScanner): Candidate[] {
    const typed = typeOver(last, suffix, at);
    const list: Candidate[] = [typed];
    const rest = suffix.trim();
    if (rest !== "" && last.trimEnd().endsWith(rest)) list.push({ insert: last, replace: suffix.length });
    if (typed.tailFrom < last.length && suffix.slice(typed.replace).trim() !== "") list.push({ insert: last.slice(0, typed.tailFrom), replace: typed.replace });
    list.push({ insert: last, replace: 0 });
    // The model wrote its own version of the rest of the line around the same punctuation.
    if (rest !== "" && isSubsequence(rest, last)) list.push({ insert: last, replace: suffix.length });
    return list;
}

/**
 * The suggestion typed as a user would with auto-closing on: a character that closes what was open before it
 * (a bracket, the string the cursor is in, a final `;`) types over the same character right of the cursor.
 * `tailFrom`: where the text after the last character typed over starts.
 */
function typeOver(last: string, suffix: string, at: BracketScanner): Candidate & { tailFrom: number } {
    const points: number[] = [];
    const open = new Set(at.stack);
    // In a string that began before the suggestion: the cursor's own, or a template literal it returns to.
    let inOuterString = at.inString;
    const reader = at.clone();
    reader.feed(last, {
        closed: (opener, offset) => {
            if (!open.has(opener)) return;
            points.push(offset);
            if (opener.interpolation) inOuterString = true;
        },
        stringClosed: (rule, offset) => {
            if (inOuterString && rule.close.length === 1) points.push(offset);
            inOuterString = false;
        }
    });
    const end = last.trimEnd().length - 1;
    if (last[end] === ";" && reader.inCode && reader.stack.length <= at.stack.length && !points.includes(end)) points.push(end);
    points.sort((a, b) => a - b);
    let replace = 0;
    let tailFrom = 0;
    for (const offset of points) {
        const space = /^[ \t]*/.exec(suffix.slice(replace))![0];
        if (suffix[replace + space.length] !== last[offset]) break;
        if (space !== "" && last.slice(offset - space.length, offset) !== space) break;
        replace += space.length + 1;
        tailFrom = offset + 1;
    }
    // What the suggestion writes after that, if the line already goes on with it (`">` before `">;`), is typed over too.
    const tail = last.slice(tailFrom);
    if (replace > 0 && tail.trim() !== "" && suffix.startsWith(tail, replace)) return { insert: last, replace: replace + tail.length, tailFrom: last.length };
    return { insert: last, replace, tailFrom };
}

/** Never two runs of whitespace where the suggestion meets the text after it. */
function joined(candidate: Candidate, suffix: string): Candidate {
    const rest = suffix.slice(candidate.replace);
    if (rest === "" || /^\s/.test(rest)) return { ...candidate, insert: candidate.insert.replace(/[ \t]+$/, "") };
    return candidate;
}

/**
 * What is wrong with the cursor's line once `insert` and then `rest` follow the state `at`: closers that close
 * nothing, strings left open, brackets the insert opens that the line goes on past, brackets the line closed
 * that it now leaves open (their closer taken by the insert), a `;` doubled or before a closer, a call or a
 * member, the rest of the line written twice.
 */
function lineErrors(at: BracketScanner, insert: string, rest: string): number {
    const reader = at.clone();
    const errors = reader.errors;
    reader.feed(insert);
    const opened = reader.stack.slice(commonDepth(at.stack, reader.stack));
    reader.feed(rest);
    const leftOpen = rest.trim() === "" ? 0 : opened.filter((opener) => reader.stack.includes(opener)).length;
    const alone = at.clone();
    alone.feed(rest);
    const unclosed = at.stack.filter((opener) => !alone.stack.includes(opener) && reader.stack.includes(opener)).length;
    const line = insert + rest;
    const separators = (/;[ \t]*[)\].(]/.test(line) ? 1 : 0) + (/([;,])[ \t]*\1/.test(line) ? 1 : 0);
    const restTwice = /[^\s)\]};,]/.test(rest) && insert.trimEnd().endsWith(rest.trim()) ? 1 : 0;
    reader.feed("\n");
    return reader.errors - errors + leftOpen + unclosed + separators + restTwice;
}

function commonDepth(a: readonly unknown[], b: readonly unknown[]): number {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
}

/** Whether `part` can be found in `whole` in order, so that the editor shows the rest of `whole` as ghost text. */
function isSubsequence(part: string, whole: string): boolean {
    let at = 0;
    for (const ch of part) {
        at = whole.indexOf(ch, at);
        if (at < 0) return false;
        at++;
    }
    return true;
}
