/** Fires `onIdle` once the model has gone unused for the configured minutes; 0 minutes never fires. */
export class IdleTimer {
    private timer: NodeJS.Timeout | undefined;
    private minutes = 0;

    constructor(private readonly onIdle: () => void) {}

    get unloadAfterMinutes(): number {
        return this.minutes;
    }

    /** Applies `hearth.model.unloadAfterMinutes`; the countdown restarts from now. */
    setMinutes(minutes: number): void {
        this.minutes = Math.max(0, minutes);
        this.touch();
    }

    /** The model was just used. */
    touch(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        if (this.minutes === 0) return;
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.onIdle();
        }, this.minutes * 60_000);
        // An idle countdown must never keep the engine process alive.
        this.timer.unref?.();
    }

    stop(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
    }
}
