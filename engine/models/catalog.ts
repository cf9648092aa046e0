// The models Hearth offers to download: code models that serve both chat and fill-in-the-middle, as data.
// Sizes are as published on Hugging Face (approximate); a download checks the file against the server's own size.

export interface CatalogModel {
    id: string;
    label: string;
    /** node-llama-cpp model URI; the tag picks the quantisation from the repository's manifest (split files included). */
    uri: string;
    quantization: "Q8_0" | "Q4_K_M";
    /** Total parameters. */
    parameters: number;
    fileBytes: number;
    layers: number;
    /** Key/value heads and their size, which set the KV cache's bytes per token. */
    kvHeads: number;
    headDim: number;
    trainContext: number;
}

interface Family {
    size: string;
    repo: string;
    parameters: number;
    layers: number;
    kvHeads: number;
    headDim: number;
    bytes: Record<CatalogModel["quantization"], number>;
}

const GB = 1e9;

// Shapes from each model's config.json (num_hidden_layers, num_key_value_heads, hidden_size / num_attention_heads).
const families: Family[] = [
    { size: "0.5B", repo: "Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF", parameters: 0.49e9, layers: 24, kvHeads: 2, headDim: 64, bytes: { Q8_0: 0.531 * GB, Q4_K_M: 0.398 * GB } },
    { size: "1.5B", repo: "Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF", parameters: 1.54e9, layers: 28, kvHeads: 2, headDim: 128, bytes: { Q8_0: 1.65 * GB, Q4_K_M: 0.986 * GB } },
    { size: "3B", repo: "Qwen/Qwen2.5-Coder-3B-Instruct-GGUF", parameters: 3.09e9, layers: 36, kvHeads: 2, headDim: 128, bytes: { Q8_0: 3.29 * GB, Q4_K_M: 1.93 * GB } },
    { size: "7B", repo: "Qwen/Qwen2.5-Coder-7B-Instruct-GGUF", parameters: 7.62e9, layers: 28, kvHeads: 4, headDim: 128, bytes: { Q8_0: 8.1 * GB, Q4_K_M: 4.68 * GB } }
];

const quantizations: CatalogModel["quantization"][] = ["Q8_0", "Q4_K_M"];

export const catalog: readonly CatalogModel[] = families.flatMap((family) =>
    quantizations.map((quantization) => ({
        id: `qwen2.5-coder-${family.size.toLowerCase()}-${quantization.toLowerCase()}`,
        label: `Qwen2.5-Coder ${family.size} Instruct ${quantization}`,
        uri: `hf:${family.repo}:${quantization}`,
        quantization,
        parameters: family.parameters,
        fileBytes: Math.round(family.bytes[quantization]),
        layers: family.layers,
        kvHeads: family.kvHeads,
        headDim: family.headDim,
        trainContext: 32768
    }))
);

export function catalogModel(id: string): CatalogModel | undefined {
    return catalog.find((model) => model.id === id);
}

export function catalogModelByUri(uri: string): CatalogModel | undefined {
    const normal = uri.trim().toLowerCase();
    return catalog.find((model) => model.uri.toLowerCase() === normal);
}

/** Higher is better quality at the same parameter count. */
export function quantizationRank(quantization: string): number {
    const order = ["Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_0", "Q4_K_S", "Q4_K_M", "Q5_0", "Q5_K_S", "Q5_K_M", "Q6_K", "Q8_0", "F16", "BF16", "F32"];
    const index = order.indexOf(quantization.toUpperCase());
    return index < 0 ? 0 : index + 1;
}
