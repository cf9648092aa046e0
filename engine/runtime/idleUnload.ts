// Unloads a model that has gone unused for `hearth.model.unloadAfterMinutes` (0 never unloads), to free its
// memory. A model busy with a job at that moment is not idle: the countdown starts again.

export interface IdleUnloadEvents {
    /** True while a job runs on the model. */
    busy(): boolean;
    unload(): void;
}

export class IdleUnload {
    private timer: NodeJS.Timeout | undefined;
    private minutes = 0;

    constructor(private readonly events: IdleUnloadEvents) {}

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
            if (this.events.busy()) this.touch();
            else this.events.unload();
        }, this.minutes * 60_000);
        // An idle countdown must never keep the engine process alive.
        this.timer.unref?.();
    }

    stop(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
    }
}
