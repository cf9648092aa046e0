// llama.cpp has one native log callback per process. It goes to this fan-out, and every part of the engine that
// wants the lines subscribes: the engine log always, a model load while it runs (to tell why it failed).

export type LlamaLogLevel = "error" | "warn" | "info";
export type LlamaLogSink = (level: LlamaLogLevel, message: string) => void;

export class LlamaLogFanOut {
    private readonly sinks = new Set<{ sink: LlamaLogSink }>();

    /** Adds a subscriber; the function returned removes exactly this subscription. */
    subscribe(sink: LlamaLogSink): () => void {
        const entry = { sink };
        this.sinks.add(entry);
        return () => void this.sinks.delete(entry);
    }

    emit(level: LlamaLogLevel, message: string): void {
        for (const { sink } of [...this.sinks]) {
            try {
                sink(level, message);
            } catch {
                // A subscriber's failure must not silence the others, nor reach llama.cpp's native callback.
            }
        }
    }
}

export interface LogCapture {
    /** The latest warnings and errors, oldest first. */
    readonly lines: readonly string[];
    stop(): void;
}

/** Keeps the last `max` warnings and errors logged while it runs: llama.cpp's reasons for a failure. */
export function captureProblems(log: LlamaLogFanOut, max = 20): LogCapture {
    const lines: string[] = [];
    const stop = log.subscribe((level, message) => {
        if (level === "info") return;
        lines.push(message);
        if (lines.length > max) lines.shift();
    });
    return { lines, stop };
}
