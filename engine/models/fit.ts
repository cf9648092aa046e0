// Whether a model fits this machine, estimated from sizes alone: weights + KV cache + working buffers, against
// free VRAM and RAM with headroom. Pure, so it can be checked against recorded hardware profiles.
import type { HardwareInfo, ModelFit } from "../protocol";
import type { CatalogModel } from "./catalog";

export interface Requirement {
    /** Model weights as loaded (about the file size). */
    weightsBytes: number;
    /** KV cache and compute buffers for the contexts Hearth creates. */
    contextBytes: number;
    layers: number;
}

export interface FitEstimate {
    fit: ModelFit;
    neededBytes: number;
    /** Layers that would run on the GPU. */
    gpuLayers: number;
}

const MiB = 1024 * 1024;
/** A GPU is filled to at most 1/1.15 of its free memory: drivers, the desktop and fragmentation want the rest. */
export const gpuHeadroom = 1.15;
/** The editor, the language servers and the OS need RAM too. */
export const ramHeadroom = 1.25;
/** The share of total memory a model may take when the machine could fit it but has too little free right now. */
const tightShare = 0.8;
/** With unified memory, the GPU's working set is most of the machine's memory, which the editor and the OS share. */
const unifiedShare = 0.75;

/** KV cache at f16 (2 bytes per element) for keys and values, per token, across all layers. */
export function kvBytesPerToken(model: Pick<CatalogModel, "layers" | "kvHeads" | "headDim">): number {
    return model.layers * 2 * model.kvHeads * model.headDim * 2;
}

/** The catalog's estimate: weights are the file; llama.cpp's compute buffers grow with the model. */
export function catalogRequirement(model: CatalogModel, contextTokens: number): Requirement {
    const tokens = Math.min(contextTokens, model.trainContext);
    const computeBytes = 192 * MiB + 0.05 * model.fileBytes;
    return { weightsBytes: model.fileBytes, contextBytes: kvBytesPerToken(model) * tokens + computeBytes, layers: model.layers };
}

/** Decides where the model would run, preferring the GPU, then a GPU/CPU split, then the CPU. */
export function estimateFit(requirement: Requirement, hardware: HardwareInfo): FitEstimate {
    const needed = requirement.weightsBytes + requirement.contextBytes;
    const layers = requirement.layers;
    const hasGpu = hardware.backend !== "CPU" && hardware.vramTotal > 0;
    const gpuFree = hardware.unifiedMemory ? Math.min(hardware.vramFree, hardware.vramTotal * unifiedShare) : hardware.vramFree;
    if (hasGpu && needed * gpuHeadroom <= gpuFree) return { fit: "gpu", neededBytes: needed, gpuLayers: layers };
    if (hasGpu && !hardware.unifiedMemory) {
        const gpuLayers = layersThatFit(requirement, hardware.vramFree / gpuHeadroom);
        const onCpu = needed * (1 - gpuLayers / layers);
        if (gpuLayers > 0 && onCpu * ramHeadroom <= hardware.ramFree) return { fit: "partial", neededBytes: needed, gpuLayers };
    }
    // With unified memory the GPU's share is the machine's memory: running on the CPU instead gains nothing.
    const pool = hardware.unifiedMemory ? { free: hardware.vramFree, total: hardware.vramTotal } : { free: hardware.ramFree, total: hardware.ramTotal };
    if (!hardware.unifiedMemory && needed * ramHeadroom <= pool.free) return { fit: "cpu", neededBytes: needed, gpuLayers: 0 };
    if (needed <= pool.total * tightShare) return { fit: "tight", neededBytes: needed, gpuLayers: hardware.unifiedMemory ? layers : 0 };
    return { fit: "tooLarge", neededBytes: needed, gpuLayers: 0 };
}

/** Layers whose share of weights and context fits in `budget`; the working buffers stay whole on the GPU. */
function layersThatFit(requirement: Requirement, budget: number): number {
    const fixed = 192 * MiB;
    const perLayer = (requirement.weightsBytes + requirement.contextBytes - fixed) / requirement.layers;
    if (perLayer <= 0) return requirement.layers;
    return Math.max(0, Math.min(requirement.layers, Math.floor((budget - fixed) / perLayer)));
}
