// Facts about a loaded model for the status bar: its quantisation and the memory it and its context take.
import { loadLlamaModule, type LlamaModel } from "../runtime/llama";

/** "Q8_0" for GGUF file type 7 (MOSTLY_Q8_0). */
export async function quantizationName(fileType: number | undefined): Promise<string | undefined> {
    if (fileType === undefined) return undefined;
    const { GgufFileType } = await loadLlamaModule();
    return (GgufFileType as Record<number, string>)[fileType]?.replace(/^MOSTLY_/, "");
}

/**
 * What the weights and one context of `contextSize` take in VRAM and RAM, from GgufInsights' estimate. The
 * calculated estimates are used, not the simulated ones, which load the model once more inside llama.cpp.
 */
export function memoryUse(model: LlamaModel, contextSize: number): { vramBytes: number; ramBytes: number } | undefined {
    try {
        const insights = model.fileInsights;
        const weights = insights.estimateModelResourceRequirements({ gpuLayers: model.gpuLayers });
        const context = insights.estimateContextResourceRequirements({ contextSize, modelGpuLayers: model.gpuLayers, sequences: 1 });
        return { vramBytes: weights.gpuVram + context.gpuVram, ramBytes: weights.cpuRam + context.cpuRam };
    } catch {
        // A tensor type the estimate does not know: the status simply shows no memory figure.
        return undefined;
    }
}
