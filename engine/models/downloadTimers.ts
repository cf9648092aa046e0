// Time-related helpers of a download: the stall watchdog, throttled progress, and not waiting for abandoned work.
import type { ModelDownloadProgress } from "../protocol";

/** Calls `onStall` when `touch` has not been called for `ms`. */
export class StallWatchdog {
    private timer: NodeJS.Timeout | undefined;

    constructor(private readonly ms: number, private readonly onStall: () => void) {
        this.touch();
    }

    touch(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(this.onStall, this.ms);
    }

    stop(): void {
        clearTimeout(this.timer);
    }
}

/** Sends progress at most every `ms`, and always the latest once things go quiet. */
export class ProgressThrottle {
    private last = 0;
    private pending: ModelDownloadProgress | undefined;
    private timer: NodeJS.Timeout | undefined;

    constructor(private readonly ms: number, private readonly send: (progress: ModelDownloadProgress) => void) {}

    report(progress: ModelDownloadProgress, force = false): void {
        const wait = this.last + this.ms - performance.now();
        if (force || wait <= 0) {
            this.flush(progress);
            return;
        }
        this.pending = progress;
        this.timer ??= setTimeout(() => this.flush(this.pending!), wait);
    }

    stop(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.pending = undefined;
    }

    private flush(progress: ModelDownloadProgress): void {
        this.stop();
        this.last = performance.now();
        this.send(progress);
    }
}

/** Settles with `promise`, or rejects as soon as `signal` aborts; `onAbandoned` receives a value that arrives too late. */
export function abandonable<T>(promise: Promise<T>, signal: AbortSignal, onAbandoned: (value: T) => void): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
            reject(signal.reason);
            void promise.then(onAbandoned, () => undefined);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
}
