// How many CPU threads llama.cpp may use for the next job. Its worker threads spin while they wait for each
// other, so when another process keeps a core busy, a thread that loses its core stalls all the others: on two
// cores, two threads then generate slower than one. Before each job the governor looks at how much CPU the other
// processes left free over the last moments and uses no more threads than that.
import { cpus } from "node:os";

export interface CpuSample {
    at: number;
    /** Idle time of all cores together, in ms. */
    idleMs: number;
    /** CPU time this process used (all its threads), in ms. */
    ownMs: number;
}

export function sampleCpu(): CpuSample {
    const idleMs = cpus().reduce((sum, cpu) => sum + cpu.times.idle, 0);
    const { user, system } = process.cpuUsage();
    return { at: performance.now(), idleMs, ownMs: (user + system) / 1000 };
}

/** Windows shorter than this say too little; longer ones average over a load that may be gone. */
const windowMs = 1000;

/** llama.cpp's process-wide thread limit (node-llama-cpp's `Llama.maxThreads`). */
export interface ThreadLimit {
    maxThreads: number;
}

export class ThreadGovernor {
    private samples: CpuSample[] = [];
    private readonly timer: NodeJS.Timeout;

    /** `wanted` is the most threads a job should use: the user's setting, or the physical cores. */
    constructor(private readonly limit: ThreadLimit, private readonly wanted: number, private readonly sample: () => CpuSample = sampleCpu) {
        this.note();
        this.timer = setInterval(() => this.note(), windowMs / 2);
        this.timer.unref();
    }

    /** The threads the free cores allow now: those idle, plus those this process itself kept busy. */
    threads(): number {
        const most = Math.max(1, Math.min(this.wanted, this.limit.maxThreads || this.wanted));
        const now = this.sample();
        const from = this.samples.find((s) => now.at - s.at <= 2 * windowMs && now.at - s.at >= windowMs / 2);
        if (!from) return most;
        const free = (now.idleMs - from.idleMs + now.ownMs - from.ownMs) / (now.at - from.at);
        return Math.max(1, Math.min(most, Math.floor(free + 0.3)));
    }

    /** Runs `work` with no more threads than the machine can give it now. */
    async during<T>(work: () => Promise<T>): Promise<T> {
        const original = this.limit.maxThreads;
        const threads = this.threads();
        if (threads >= original && original !== 0) return work();
        this.limit.maxThreads = threads;
        try {
            return await work();
        } finally {
            // Contexts made later take their thread count from this limit: it goes back at once.
            this.limit.maxThreads = original;
        }
    }

    dispose(): void {
        clearInterval(this.timer);
    }

    private note(): void {
        this.samples.push(this.sample());
        if (this.samples.length > 6) this.samples.shift();
    }
}
