// Turns "the whole answer so far", re-read after every token, into the pieces the client may show:
// a piece that could still become a stop text, or a character whose bytes have not all arrived, waits.

export class AnswerStream {
    private shown = "";
    private stoppedAt: number | undefined;

    constructor(private readonly stopTexts: readonly string[]) {}

    /** Everything sent so far: the answer exactly as the client has it. */
    get text(): string {
        return this.shown;
    }

    /** True once a stop text appeared; nothing after it is ever shown. */
    get stopped(): boolean {
        return this.stoppedAt !== undefined;
    }

    /** Takes the whole generated text so far; returns the new part that may be shown now. */
    next(generated: string): string {
        if (this.stopped) return "";
        const stop = this.firstStop(generated);
        if (stop !== undefined) {
            this.stoppedAt = stop;
            return this.show(generated.slice(0, stop));
        }
        return this.show(generated.slice(0, generated.length - this.pending(generated)));
    }

    /** Takes the final generated text; returns the rest that was held back. */
    finish(generated: string): string {
        if (this.stopped) return "";
        const stop = this.firstStop(generated);
        if (stop !== undefined) this.stoppedAt = stop;
        return this.show(stop === undefined ? generated : generated.slice(0, stop));
    }

    private show(visible: string): string {
        if (visible.length <= this.shown.length || !visible.startsWith(this.shown)) return "";
        const piece = visible.slice(this.shown.length);
        this.shown = visible;
        return piece;
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
