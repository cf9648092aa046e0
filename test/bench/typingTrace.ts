// A human typing a function into the middle of a real source file: one keystroke per character (Enter
// brings the next line's indentation, as the editor's auto-indent does), with cadence and pauses.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Step, Trace } from "./trace";

const marker = "//TYPE-HERE//\n";

/** A seeded generator, so every run replays the same trace. */
export function random(seed: number): () => number {
    let state = seed >>> 0 || 1;
    return () => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 2 ** 32;
    };
}

export function fixture(name: string): string {
    return readFileSync(join(__dirname, "fixtures", name), "utf8");
}

/** Keystrokes typing `typed` at about 70 words a minute, with the jitter of real typing and pauses at line ends and openings. */
export function typingSteps(typed: string, next: () => number, pauseAtLineEnd = 0.6): Step[] {
    const steps: Step[] = [];
    let previousPause = false;
    for (let i = 0; i < typed.length; ) {
        let text = typed[i];
        if (text === "\n") text += /^[ \t]*/.exec(typed.slice(i + 1))![0];
        i += text.length;
        const delayMs = previousPause ? 400 + next() * 400 : 80 + next() * 140;
        const atLineEnd = text.startsWith("\n") && text.length > 1;
        const atToken = /[({=,]/.test(text) && typed[i] === " " ? false : /[({=:]$/.test(text);
        const pause = i >= typed.length || (atLineEnd && next() < pauseAtLineEnd) || (atToken && next() < 0.2);
        steps.push({ kind: "edit", deleteBefore: 0, text, delayMs, pause });
        previousPause = pause;
    }
    return steps;
}

/** The in-place trace: open a file, go to where a function is missing, and type it. */
export function typingTrace(seed = 7): Trace {
    const file = fixture("rateLimiter.ts.txt");
    const uri = "file:///bench/rateLimiter.ts";
    const cursor = file.indexOf(marker);
    return {
        name: "typing",
        steps: [
            { kind: "open", uri, text: file.replace(marker, "") },
            { kind: "jump", uri, offset: cursor, delayMs: 0 },
            ...typingSteps(fixture("typed.ts.txt"), random(seed)).map((step, i) => (i === 0 ? { ...step, delayMs: 1500 } : step))
        ]
    };
}
