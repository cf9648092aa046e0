// The engine's status as the client shows it (starting, loading, ready, idle, noModel, error), and the requests
// waiting for it to settle. One owner: whoever loads the model sets it; everyone else reads or waits.
import type { EngineStatus } from "../protocol";

/** States a request waits through: the model may still become ready. */
function inFlux(status: EngineStatus): boolean {
    return status.state === "starting" || status.state === "loading" || status.state === "idle";
}

export class ModelStatus {
    private current: EngineStatus = { state: "starting" };
    private readonly waiters = new Set<() => void>();

    constructor(private readonly publish: (status: EngineStatus) => void) {}

    get value(): EngineStatus {
        return this.current;
    }

    set(status: EngineStatus): void {
        this.current = status;
        this.publish(status);
        if (!inFlux(status)) for (const wake of [...this.waiters]) wake();
    }

    /** Reports load progress in whole percents only: llama.cpp reports it per tensor. */
    progress(fraction: number): void {
        const status = this.current;
        if (status.state !== "loading") return;
        if (Math.floor(fraction * 100) > Math.floor((status.progress ?? 0) * 100)) this.set({ ...status, progress: fraction });
    }

    /** Resolves once the status leaves starting, loading or idle, or when `signal` aborts. */
    settled(signal?: AbortSignal): Promise<void> {
        return new Promise<void>((resolve) => {
            const done = () => {
                this.waiters.delete(done);
                signal?.removeEventListener("abort", done);
                resolve();
            };
            this.waiters.add(done);
            signal?.addEventListener("abort", done, { once: true });
        });
    }
}
