// A human typing a function into the middle of a real source file: one keystroke per character (Enter
// brings the next line's indentation, as the editor's auto-indent does), with cadence and pauses.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface Keystroke {
    /** Text inserted at the cursor. */
    text: string;
    /** Milliseconds the typist waits before this keystroke. */
    delayMs: number;
    /** The typist stops after this keystroke and waits for a suggestion. */
    pause: boolean;
}

export interface TypingTrace {
    /** The document when the user starts typing. */
    initialText: string;
    /** Offset where typing starts. */
    cursor: number;
    keystrokes: Keystroke[];
}

const marker = "//TYPE-HERE//\n";

function random(seed: number): () => number {
    let state = seed >>> 0 || 1;
    return () => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 2 ** 32;
    };
}

export function loadTrace(seed = 7): TypingTrace {
    const fixtures = join(__dirname, "fixtures");
    const file = readFileSync(join(fixtures, "rateLimiter.ts.txt"), "utf8");
    const typed = readFileSync(join(fixtures, "typed.ts.txt"), "utf8");
    const cursor = file.indexOf(marker);
    const initialText = file.replace(marker, "");
    const next = random(seed);
    const keystrokes: Keystroke[] = [];
    for (let i = 0; i < typed.length; ) {
        let text = typed[i];
        if (text === "\n") {
            const indentation = /^[ \t]*/.exec(typed.slice(i + 1))![0];
            text += indentation;
        }
        i += text.length;
        const previous = keystrokes.at(-1);
        // About 70 words a minute, with the jitter of real typing.
        const delayMs = previous?.pause ? 400 + next() * 400 : 80 + next() * 140;
        const atLineEnd = text.startsWith("\n") && text.length > 1;
        const atToken = /[({=,]/.test(text) && typed[i] === " " ? false : /[({=:]$/.test(text);
        const pause = i >= typed.length || (atLineEnd && next() < 0.6) || (atToken && next() < 0.2);
        keystrokes.push({ text, delayMs, pause });
    }
    return { initialText, cursor, keystrokes };
}
