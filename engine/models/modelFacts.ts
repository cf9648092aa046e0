// Facts about a loaded model for the status bar: its quantisation and the memory it and its context take.
import { loadLlamaModule, type LlamaModel } from "../llamaRuntime";

/** "Q8_0" for GGUF file type 7 (MOSTLY_Q8_0). */
export async function quantizationName(fileType: number | undefined): Promise<string | undefined> {
    if (fileType === undefined) return undefined;
    const { GgufFileType } = await loadLlamaModule();
    return (GgufFileType as Record<number, string>)[fileType]?.replace(/^MOSTLY_/, "");
}

/** llama.cpp's own estimate of what the weights and one context of `contextSize` take in VRAM and RAM. */
export async function memoryUse(model: LlamaModel, contextSize: number): Promise<{ vramBytes: number; ramBytes: number }> {
    const insights = model.fileInsights;
    const [weights, context] = await Promise.all([
        insights.estimateModelResourceRequirementsV2({ gpuLayers: model.gpuLayers }),
        insights.estimateContextResourceRequirementsV2({ contextSize, modelGpuLayers: model.gpuLayers, sequences: 1 })
    ]);
    return { vramBytes: weights.gpuVram + context.gpuVram, ramBytes: weights.cpuRam + context.cpuRam };
}
