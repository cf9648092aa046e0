import { loadLlamaModule, type Llama } from "../runtime/llama";
import type { Requirement } from "./fit";

/** What a downloaded model needs, from llama.cpp's own estimates for its file (GgufInsights), all layers offloaded. */
export async function measureRequirement(path: string, contextTokens: number, llama: Llama): Promise<Requirement> {
    const { readGgufFileInfo, GgufInsights } = await loadLlamaModule();
    const insights = await GgufInsights.from(await readGgufFileInfo(path, { logWarnings: false }), llama);
    const layers = insights.totalLayers;
    const contextSize = Math.min(contextTokens, insights.trainContextSize ?? contextTokens);
    // The calculated estimates: the simulated ones would load each candidate inside llama.cpp.
    const weights = insights.estimateModelResourceRequirements({ gpuLayers: layers });
    const context = insights.estimateContextResourceRequirements({ contextSize, modelGpuLayers: layers, sequences: 1 });
    return { weightsBytes: weights.gpuVram + weights.cpuRam, contextBytes: context.gpuVram + context.cpuRam, layers };
}
