// Picks the model to recommend: the largest that fits with headroom, preferring one that runs wholly on the GPU.
// Without such a GPU fit, generation runs on the CPU, where speed matters more than size: those picks stop at 1.5B.
import type { HardwareInfo, ModelCandidate, ModelRecommendation } from "../protocol";
import { catalog, quantizationRank, type CatalogModel } from "./catalog";
import { catalogRequirement, estimateFit, type FitEstimate, type Requirement } from "./fit";
import { formatBytes } from "./units";

/** The largest model recommended for the CPU: larger ones answer too slowly for inline completion. */
export const cpuParameterCap = 1.6e9;

export interface DownloadedCandidate {
    path: string;
    /** Measured from the file itself (GgufInsights), when it could be read. */
    requirement?: Requirement;
}

export interface RecommendInput {
    hardware: HardwareInfo;
    /** Context tokens Hearth creates on the model (completion plus chat). */
    contextTokens: number;
    /** Downloaded catalog models, by catalog id. */
    downloaded?: ReadonlyMap<string, DownloadedCandidate>;
    models?: readonly CatalogModel[];
}

export function recommend(input: RecommendInput): ModelRecommendation {
    const { hardware, contextTokens } = input;
    const models = [...(input.models ?? catalog)].sort((a, b) => b.parameters - a.parameters || quantizationRank(b.quantization) - quantizationRank(a.quantization));
    const estimated = models.map((model) => {
        const local = input.downloaded?.get(model.id);
        const requirement = local?.requirement ?? catalogRequirement(model, contextTokens);
        return { model, local, estimate: estimateFit(requirement, hardware), measured: local?.requirement !== undefined };
    });
    const pick = choose(estimated, hardware);
    const candidates: ModelCandidate[] = estimated.map(({ model, local, estimate, measured }) => ({
        id: model.id,
        label: model.label,
        uri: model.uri,
        quantization: model.quantization,
        parameters: model.parameters,
        fileBytes: model.fileBytes,
        license: model.license,
        neededBytes: Math.round(estimate.neededBytes),
        fit: estimate.fit,
        fitLabel: fitLabel(model, estimate, hardware),
        gpuLayers: estimate.gpuLayers,
        totalLayers: model.layers,
        recommended: pick?.model.id === model.id,
        ...(local ? { downloadedPath: local.path } : {}),
        estimatedFrom: measured ? "gguf" : "catalog"
    }));
    return { hardware, contextSize: contextTokens, candidates, ...(pick ? { recommendedId: pick.model.id } : {}), reason: reasonFor(pick, estimated, hardware) };
}

interface Estimated {
    model: CatalogModel;
    estimate: FitEstimate;
}

function choose(estimated: readonly Estimated[], hardware: HardwareInfo): Estimated | undefined {
    const onGpu = estimated.find((e) => e.estimate.fit === "gpu");
    if (onGpu) return onGpu;
    const onCpu = estimated.find((e) => e.model.parameters <= cpuParameterCap && (e.estimate.fit === "cpu" || e.estimate.fit === "partial"));
    if (onCpu) return onCpu;
    // Nothing fits in what is free now: the smallest model that the machine could hold once memory is freed.
    return [...estimated].reverse().find((e) => e.estimate.fit === "tight" && (hardware.unifiedMemory || e.model.parameters <= cpuParameterCap));
}

function freeMemory(hardware: HardwareInfo): number {
    return hardware.unifiedMemory ? hardware.vramFree : hardware.ramFree;
}

export function fitLabel(model: Pick<CatalogModel, "parameters" | "layers">, estimate: FitEstimate, hardware: HardwareInfo): string {
    switch (estimate.fit) {
        case "gpu":
            return hardware.unifiedMemory ? "fits in unified memory" : "fits in VRAM";
        case "partial":
            return `partly on the GPU (${estimate.gpuLayers} of ${model.layers} layers), slower`;
        case "cpu":
            return hardware.backend === "CPU" && model.parameters <= cpuParameterCap ? "runs on the CPU" : "CPU only, slow";
        case "tight":
            return `needs ${formatBytes(estimate.neededBytes)}, ${formatBytes(freeMemory(hardware))} free now`;
        case "tooLarge":
            return `too large for this machine (needs ${formatBytes(estimate.neededBytes)})`;
    }
}

function reasonFor(pick: Estimated | undefined, all: readonly Estimated[], hardware: HardwareInfo): string {
    if (!pick) {
        const smallest = all.at(-1);
        const total = hardware.unifiedMemory ? hardware.vramTotal : hardware.ramTotal;
        return `This machine has ${formatBytes(total)} of memory; even the smallest model needs ${formatBytes(smallest?.estimate.neededBytes ?? 0)}.`;
    }
    const { model, estimate } = pick;
    const needs = formatBytes(estimate.neededBytes);
    switch (estimate.fit) {
        case "gpu":
            return `${model.label} is the largest model that fits in ${hardware.unifiedMemory ? "unified memory" : "VRAM"} (needs ${needs}, ${formatBytes(hardware.vramFree)} free).`;
        case "partial":
            return `${model.label} runs ${estimate.gpuLayers} of its ${model.layers} layers on the GPU; no model fits wholly in its ${formatBytes(hardware.vramFree)} of free VRAM.`;
        case "cpu":
            return hardware.backend === "CPU"
                ? `No GPU found: ${model.label} is the largest model that answers quickly on ${hardware.cpuCores} CPU cores (needs ${needs}).`
                : `No model fits in the GPU's ${formatBytes(hardware.vramFree)} of free VRAM: ${model.label} runs on ${hardware.cpuCores} CPU cores (needs ${needs}).`;
        default:
            return `Only ${formatBytes(freeMemory(hardware))} of memory is free and ${model.label} needs ${needs}: close other programs before loading it.`;
    }
}
