// Shapes of Hearth's synthetic test models: named presets plus per-field overrides.
import type { TensorType } from "./gguf";
import { FIM_STYLES, type FimStyle } from "./tokenizer";

export type Architecture = "qwen2" | "llama";

export interface ModelOptions {
    /** Tensor layout and hyper-parameter keys to write. */
    arch: Architecture;
    /** Written as `general.architecture` (and key prefix) instead of `arch`; for "unknown architecture" files. */
    archName?: string;
    /** `general.name`. */
    name: string;
    layers: number;
    hidden: number;
    heads: number;
    kvHeads: number;
    ffn: number;
    context: number;
    /** Pad the vocabulary to this many tokens; unset keeps only the real tokens. */
    vocabSize?: number;
    /** Type of the 2-D weight matrices; norms and biases are always f32. */
    type: TensorType;
    fim: FimStyle;
    seed: number;
    ropeFreqBase: number;
    rmsEps: number;
    /** Share the token embedding with the output layer (no `output.weight`). */
    tiedEmbeddings: boolean;
    /**
     * A scripted model: whatever the prompt, it generates exactly these pieces
     * (each becomes one token) and then the end-of-generation token. Real
     * inference, deterministic text: for tests that need a known answer.
     */
    script?: string[];
}

export const PRESET_NAMES = ["tiny", "tiny-llama", "qwen2.5-coder-0.5b"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const tiny: ModelOptions = {
    arch: "qwen2",
    name: "Hearth Tiny Qwen2",
    layers: 2,
    hidden: 64,
    heads: 4,
    kvHeads: 2,
    ffn: 128,
    context: 4096,
    type: "f16",
    fim: "qwen",
    seed: 1,
    ropeFreqBase: 1_000_000,
    rmsEps: 1e-6,
    tiedEmbeddings: true
};

export const PRESETS: Record<PresetName, ModelOptions> = {
    tiny,
    "tiny-llama": { ...tiny, arch: "llama", name: "Hearth Tiny Llama", ropeFreqBase: 500_000, rmsEps: 1e-5 },
    // Same tensor shapes and types as Qwen2.5-Coder-0.5B at Q8_0.
    "qwen2.5-coder-0.5b": {
        ...tiny,
        name: "Hearth Random Qwen2.5 Coder 0.5B",
        layers: 24,
        hidden: 896,
        heads: 14,
        kvHeads: 2,
        ffn: 4864,
        context: 32768,
        vocabSize: 151936,
        type: "q8_0"
    }
};

export type ModelRequest = PresetName | (Partial<ModelOptions> & { preset?: PresetName });

/** Preset (default `tiny`) with the given fields overriding it, validated. */
export function resolveOptions(request: ModelRequest): ModelOptions {
    const { preset = "tiny", ...overrides } = typeof request === "string" ? { preset: request } : request;
    const base = PRESETS[preset];
    if (!base) throw new Error(`unknown preset "${preset}" (known: ${PRESET_NAMES.join(", ")})`);
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    const options: ModelOptions = { ...base, ...defined };
    validate(options);
    return options;
}

function validate(o: ModelOptions): void {
    const positive = ["layers", "hidden", "heads", "kvHeads", "ffn", "context"] as const;
    for (const key of positive) {
        if (!Number.isInteger(o[key]) || o[key] <= 0) throw new Error(`${key} must be a positive integer, got ${o[key]}`);
    }
    if (o.hidden % o.heads !== 0) throw new Error(`hidden (${o.hidden}) must be divisible by heads (${o.heads})`);
    if (o.heads % o.kvHeads !== 0) throw new Error(`heads (${o.heads}) must be divisible by kvHeads (${o.kvHeads})`);
    if (!["qwen2", "llama"].includes(o.arch)) throw new Error(`unknown arch "${o.arch}"`);
    if (!["f32", "f16", "q8_0"].includes(o.type)) throw new Error(`unknown type "${o.type}"`);
    if (!FIM_STYLES.includes(o.fim)) throw new Error(`unknown fim style "${o.fim}"`);
    if (!Number.isInteger(o.seed)) throw new Error(`seed must be an integer, got ${o.seed}`);
    if (o.script !== undefined) {
        if (o.script.length === 0 || o.script.some((piece) => typeof piece !== "string" || piece.length === 0)) {
            throw new Error("script must be a list of non-empty strings");
        }
        if (new Set(o.script).size !== o.script.length) throw new Error("script pieces must be distinct");
        if (o.arch !== "qwen2") throw new Error("a scripted model must use the qwen2 arch");
        if (o.hidden <= o.script.length) throw new Error(`a script of ${o.script.length} pieces needs hidden > ${o.script.length}`);
    }
}
