// Completion work done while the user reads or thinks: the next suggestion after accepting this one, and the
// wider prompt for the place they are at. One job at a time, after each other; everything stops the moment a
// request or an edit arrives, and a job keeps what it evaluated before it stopped.
import type { Logger } from "../server/log";

export type BackgroundJob = (signal: AbortSignal) => Promise<unknown>;

export class BackgroundWork {
    private current: AbortController | undefined;

    constructor(private readonly log: Logger) {}

    /** Runs `jobs` one after another in place of whatever ran before. */
    start(jobs: readonly BackgroundJob[]): void {
        this.stop();
        const controller = new AbortController();
        this.current = controller;
        void this.run(jobs, controller.signal);
    }

    /** Stops all of it at once: a request is coming. */
    stop(): void {
        this.current?.abort();
        this.current = undefined;
    }

    private async run(jobs: readonly BackgroundJob[], signal: AbortSignal): Promise<void> {
        for (const job of jobs) {
            if (signal.aborted) return;
            try {
                await job(signal);
            } catch (error) {
                if (signal.aborted) return;
                this.log.warn(`background completion work failed: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
    }
}
