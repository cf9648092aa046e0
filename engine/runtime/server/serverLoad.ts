// Whether a shared server is busy with other work than this editor's: it then generates markedly slower than the
// best this editor has seen of it, because other editors' requests share its batches (or its machine). Measured
// from the server's own token counts, like the speed that sizes prompts. The best figure fades slowly, so that a
// server that became slower for good (another model, a smaller GPU share) is not thought busy forever.

/** Generating at less than this share of the best speed seen means others are using the server. */
const busyShare = 0.6;
/** Weight of the newest sample in the current speed: a few answers follow a change of load. */
const newest = 0.4;
/** How much of the best speed remains after each sample that did not reach it. */
const bestFades = 0.98;
/** Fewer tokens than this say more about fixed costs than about speed. */
const minTokens = 4;

export class ServerLoad {
    private best = 0;
    private current = 0;

    /** Records an answer's `tokens` generated in `ms`. */
    note(tokens: number, ms: number): void {
        if (tokens < minTokens || ms <= 0) return;
        const speed = (tokens / ms) * 1000;
        this.current = this.current === 0 ? speed : this.current * (1 - newest) + speed * newest;
        this.best = Math.max(speed, this.best * bestFades);
    }

    busy(): boolean {
        return this.current > 0 && this.current < this.best * busyShare;
    }

    describe(): string {
        return `generating ${this.current.toFixed(0)} tokens/s, best seen ${this.best.toFixed(0)} tokens/s`;
    }
}
