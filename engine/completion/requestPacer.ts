// On a backend that serves other editors too (a team's server), a completion the next keystroke replaces before
// it answers is work done for nobody that slows every other answer: the server finishes a little of it, and it
// takes its turn in the server's batches. While the user types faster than the backend answers,
// each request is held for about as long as the next keystroke usually takes to come: during a burst of typing
// nothing is sent, and at a pause the request goes out a moment later. A backend that answers within the user's
// typing interval is never waited for.

/** A gap between keystrokes longer than this is a pause, not typing. */
const pauseMs = 1000;
/** Intervals kept: enough for a steady figure, few enough to follow a change of pace. */
const recentIntervals = 16;
/** Fewer intervals than this say nothing about the user's pace yet. */
const minIntervals = 4;
/** The hold covers most keystrokes of a burst: typing intervals vary around their mean. */
const holdFactor = 1.5;
/** Never hold longer than this, however slowly the user types. */
const maxHoldMs = 400;
/** Weight of the newest answer time: a few answers follow a server getting busier or quieter. */
const newest = 0.3;

export class RequestPacer {
    private lastKeystroke = -Infinity;
    private readonly intervals: number[] = [];
    private answerMs: number | undefined;

    /** A completion request arrived at `now` (milliseconds): the user typed. */
    keystroke(now: number): void {
        const gap = now - this.lastKeystroke;
        this.lastKeystroke = now;
        if (gap >= pauseMs) return;
        this.intervals.push(gap);
        if (this.intervals.length > recentIntervals) this.intervals.shift();
    }

    /** A request was sent and answered `ms` later, before any keystroke replaced it. */
    answered(ms: number): void {
        this.answerMs = this.answerMs === undefined ? ms : this.answerMs * (1 - newest) + ms * newest;
    }

    /** The backend changed: how long answers take is unknown again; the user's pace is still theirs. */
    forgetAnswers(): void {
        this.answerMs = undefined;
    }

    /** Whether the backend answers slower than the user types, as far as both are known. */
    slowerThanTyping(): boolean {
        const typing = this.typingMs();
        return this.answerMs !== undefined && typing !== undefined && this.answerMs > typing;
    }

    /** How long to hold the request that just arrived before sending it: 0 unless the backend is slower than the typing. */
    holdMs(): number {
        return this.slowerThanTyping() ? Math.min(this.typingMs()! * holdFactor, maxHoldMs) : 0;
    }

    /** What the hold is based on, for the log. */
    describe(): string {
        return `answers take ~${this.answerMs?.toFixed(0) ?? "?"} ms, keystrokes come every ~${this.typingMs()?.toFixed(0) ?? "?"} ms`;
    }

    /** The mean gap between keystrokes while typing; undefined until there are enough of them. */
    private typingMs(): number | undefined {
        if (this.intervals.length < minIntervals) return undefined;
        return this.intervals.reduce((sum, gap) => sum + gap, 0) / this.intervals.length;
    }
}
