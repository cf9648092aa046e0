// Which part of a growing generated text may be shown. Nothing from a stop text on is ever shown; the end that
// could still become a stop text, and a character whose bytes have not all arrived (U+FFFD), wait for more.

export interface ScannedText {
    /** The text that may be shown now: it only ever grows. */
    visible: string;
    /** True once a stop text appeared; `visible` ends where it starts. */
    stopped: boolean;
}

export class StopTextScanner {
    private readonly stopTexts: readonly string[];
    private shown = "";
    private stopped = false;

    constructor(stopTexts: readonly string[]) {
        this.stopTexts = stopTexts.filter((stop) => stop !== "");
    }

    /** Takes the whole generated text so far. */
    scan(text: string): ScannedText {
        if (this.stopped) return { visible: this.shown, stopped: true };
        const stop = this.firstStop(text);
        if (stop !== undefined) {
            this.stopped = true;
            return { visible: this.show(text.slice(0, stop)), stopped: true };
        }
        return { visible: this.show(text.slice(0, text.length - this.pending(text))), stopped: false };
    }

    /** Takes the final generated text: what was held back is released, up to a stop text. */
    finish(text: string): string {
        return this.scan(text).stopped ? this.shown : this.show(text);
    }

    private show(visible: string): string {
        if (visible.length > this.shown.length && visible.startsWith(this.shown)) this.shown = visible;
        return this.shown;
    }

    private firstStop(text: string): number | undefined {
        let first: number | undefined;
        for (const stop of this.stopTexts) {
            const at = text.indexOf(stop);
            if (at >= 0 && (first === undefined || at < first)) first = at;
        }
        return first;
    }

    /** How many characters at the end must wait: an incomplete character, or the start of a stop text. */
    private pending(text: string): number {
        let incomplete = 0;
        while (incomplete < text.length && text[text.length - 1 - incomplete] === "\uFFFD") incomplete++;
        let partialStop = 0;
        for (const stop of this.stopTexts) {
            for (let length = Math.min(stop.length - 1, text.length); length > partialStop; length--) {
                if (text.endsWith(stop.slice(0, length))) {
                    partialStop = length;
                    break;
                }
            }
        }
        return Math.max(incomplete, partialStop);
    }
}
