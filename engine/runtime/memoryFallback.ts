// When a model does not fit in memory, Hearth loads it again with fewer GPU layers or a smaller context instead of
// failing, and tells the user what it changed. Pure: the host runs the attempts.
import type { HearthSettings } from "../protocol";

export interface LoadAttempt {
    gpuLayers: HearthSettings["model"]["gpuLayers"];
    contextSize: number;
}

/** The smallest context a fallback goes down to: below it inline completions see too little code. */
export const minFallbackContext = 2048;

export function isOutOfMemory(error: unknown, nativeLog: readonly string[] = []): boolean {
    if (error instanceof Error && error.name === "InsufficientMemoryError") return true;
    const text = [error instanceof Error ? error.message : String(error), ...nativeLog].join("\n");
    return /out of memory|failed to allocate|insufficient memory|not enough memory|too large for the available|not enough vram|ErrorOutOfDeviceMemory|cudaMalloc failed|unable to allocate/i.test(text);
}

/** What to try after `requested` ran out of memory, in order: let llama.cpp fit the layers, halve the context, then the CPU alone. */
export function memoryFallbacks(requested: LoadAttempt, hasGpu: boolean): LoadAttempt[] {
    const attempts: LoadAttempt[] = [];
    const push = (attempt: LoadAttempt) => {
        const last = attempts.at(-1) ?? requested;
        if (last.gpuLayers !== attempt.gpuLayers || last.contextSize !== attempt.contextSize) attempts.push(attempt);
    };
    const onGpu = hasGpu && requested.gpuLayers !== 0;
    const layers = onGpu ? "auto" : requested.gpuLayers;
    push({ gpuLayers: layers, contextSize: requested.contextSize });
    for (let size = requested.contextSize; size > minFallbackContext; ) {
        size = Math.max(minFallbackContext, Math.floor(size / 2));
        push({ gpuLayers: layers, contextSize: size });
    }
    if (onGpu) push({ gpuLayers: 0, contextSize: Math.min(requested.contextSize, minFallbackContext) });
    return attempts;
}

/** One sentence for the user about what was changed; undefined when nothing was. */
export function describeFallback(name: string, requested: LoadAttempt, used: { gpuLayers: number; contextSize: number; totalLayers: number }): string | undefined {
    const changes: string[] = [];
    const requestedLayers = requested.gpuLayers === "max" ? used.totalLayers : requested.gpuLayers;
    if (requestedLayers !== "auto" && used.gpuLayers < requestedLayers) changes.push(`${used.gpuLayers} of ${used.totalLayers} layers on the GPU`);
    if (used.contextSize < requested.contextSize) changes.push(`a context of ${used.contextSize} tokens instead of ${requested.contextSize}`);
    if (requested.gpuLayers === "auto" && used.gpuLayers === 0 && changes.length > 0) changes.unshift("the CPU only");
    if (changes.length === 0) return undefined;
    return `There was not enough memory for ${name} as configured, so Hearth loaded it with ${changes.join(" and ")}. A smaller model (Hearth: Select Model) would run faster.`;
}
