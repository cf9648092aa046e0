// One evaluation at a time on the model: the CPU (or GPU) is the bottleneck, and two interleaved
// evaluations only make both slow. Higher priorities go first; long jobs yield between tokens. Background work
// (warming the cache for where the user is likely to type next) comes last of all.

export const Priority = { background: 0, speculative: 1, chat: 2, completion: 3 } as const;
export type PriorityValue = (typeof Priority)[keyof typeof Priority];

interface Waiter {
    priority: PriorityValue;
    order: number;
    grant: () => void;
}

export interface Slot {
    /** Lets any waiting job of higher priority run first, then takes the model back. */
    yieldToHigher(): Promise<void>;
    /** True while a job of higher priority is waiting. */
    readonly preempted: boolean;
}

export class ModelScheduler {
    private holder: PriorityValue | undefined;
    private waiters: Waiter[] = [];
    private counter = 0;

    get busy(): boolean {
        return this.holder !== undefined;
    }

    /** Runs `job` when the model is free; rejects with the signal's reason if aborted while waiting. */
    async run<T>(priority: PriorityValue, signal: AbortSignal | undefined, job: (slot: Slot) => Promise<T>): Promise<T> {
        await this.acquire(priority, signal, this.counter++);
        // eslint-disable-next-line @typescript-eslint/no-this-alias -- the slot's getter and method have their own this
        const scheduler = this;
        const slot: Slot = {
            get preempted() {
                return scheduler.waiters.some((w) => w.priority > priority);
            },
            async yieldToHigher() {
                if (!this.preempted) return;
                scheduler.release();
                // Order -1 puts this job ahead of later jobs of its own priority.
                await scheduler.acquire(priority, undefined, -1);
            }
        };
        try {
            return await job(slot);
        } finally {
            this.release();
        }
    }

    private acquire(priority: PriorityValue, signal: AbortSignal | undefined, order: number): Promise<void> {
        if (signal?.aborted) return Promise.reject(signal.reason);
        if (this.holder === undefined && !this.waiters.some((w) => w.priority >= priority)) {
            this.holder = priority;
            return Promise.resolve();
        }
        return new Promise<void>((resolve, reject) => {
            const waiter: Waiter = {
                priority,
                order,
                grant: () => {
                    signal?.removeEventListener("abort", onAbort);
                    this.holder = priority;
                    resolve();
                }
            };
            const onAbort = () => {
                this.waiters = this.waiters.filter((w) => w !== waiter);
                reject(signal!.reason);
            };
            signal?.addEventListener("abort", onAbort, { once: true });
            this.waiters.push(waiter);
            this.waiters.sort((a, b) => b.priority - a.priority || a.order - b.order);
        });
    }

    private release(): void {
        this.holder = undefined;
        const next = this.waiters.shift();
        next?.grant();
    }
}
