// How many CPU threads llama.cpp may use for the next job. Its worker threads spin while they wait for each
// other, so when another process keeps a core busy, a thread that loses its core stalls all the others: on two
// cores, two threads then generate slower than one. Before each job the governor looks at how much CPU the other
// processes left free over the last moments and uses no more threads than that.
import { cpus, loadavg } from "node:os";

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

/** Runs a job on the model with the threads the machine can give it. */
export type WithThreads = <T>(work: () => Promise<T>) => Promise<T>;

/** Cores busy on average over the last minute, for the first job, before there is a window to measure. */
export type LoadAverage = () => number;

export class ThreadGovernor {
    private samples: CpuSample[] = [];
    private readonly timer: NodeJS.Timeout;

    /** Starts watching the machine at once, so that the first job after a model loads already knows how busy it is. */
    constructor(private readonly sample: () => CpuSample = sampleCpu, private readonly loadAverage: LoadAverage = () => loadavg()[0]) {
        this.note();
        this.timer = setInterval(() => this.note(), windowMs / 2);
        this.timer.unref();
    }

    /** The threads the free cores allow now, at most `most`: the idle ones, plus those this process itself kept busy. */
    threads(most: number): number {
        const now = this.sample();
        const from = this.samples.find((s) => now.at - s.at <= 2 * windowMs && now.at - s.at >= windowMs / 2);
        const free = from ? (now.idleMs - from.idleMs + now.ownMs - from.ownMs) / (now.at - from.at) : cpus().length - this.loadAverage();
        return Math.max(1, Math.min(most, Math.floor(free + 0.3)));
    }

    /** Runs jobs with llama.cpp's `limit` lowered to what the machine can give, `wanted` threads at most. */
    runner(limit: ThreadLimit, wanted: number): WithThreads {
        return async (work) => {
            const original = limit.maxThreads;
            const threads = this.threads(Math.min(wanted, original || wanted));
            if (threads >= original && original !== 0) return work();
            limit.maxThreads = threads;
            try {
                return await work();
            } finally {
                // Contexts made later take their thread count from this limit: it goes back at once.
                limit.maxThreads = original;
            }
        };
    }

    dispose(): void {
        clearInterval(this.timer);
    }

    private note(): void {
        this.samples.push(this.sample());
        if (this.samples.length > 6) this.samples.shift();
    }
}
