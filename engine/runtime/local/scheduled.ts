// Runs a generation when the scheduler gives it the model, timing the wait, so that an abort while it waits
// fails the same way as one while it generates.
import type { ModelScheduler, PriorityValue, Slot } from "../../generation/scheduler";
import { GenerationAbortedError, type GenerationResult } from "../inference";

export async function runScheduled(
    scheduler: ModelScheduler,
    priority: PriorityValue,
    signal: AbortSignal,
    job: (slot: Slot, queueMs: number) => Promise<GenerationResult>
): Promise<GenerationResult> {
    const queued = performance.now();
    let granted = false;
    try {
        return await scheduler.run(priority, signal, (slot) => {
            granted = true;
            return job(slot, performance.now() - queued);
        });
    } catch (error) {
        if (granted || !signal.aborted) throw error;
        throw new GenerationAbortedError(signal.reason, nothingGenerated(performance.now() - queued));
    }
}

/** The result of a generation that never ran. */
export function nothingGenerated(queueMs: number): GenerationResult {
    return { text: "", stop: "end", promptTokens: 0, evaluatedTokens: 0, reusedTokens: 0, generatedTokens: 0, queueMs, promptMs: 0, generateMs: 0, pausedMs: 0 };
}
