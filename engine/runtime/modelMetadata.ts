// The metadata values llama.cpp trusts, checked before a native load: where llama.cpp finds one of these out of
// range it does not fail the load but aborts the whole process (GGML_ASSERT in load_hparams, a tensor shape of
// zero in the loader, a head size mismatch in the graph). Values it rejects cleanly are left to it.
import { GgufType, ggufTypeName, type GgufArrayValue, type GgufEntry, type GgufHeader } from "./ggufHeader";

type Metadata = ReadonlyMap<string, GgufEntry>;

/** llama.cpp's LLAMA_MAX_LAYERS and LLAMA_MAX_EXPERTS. */
const maxLayers = 512;
const maxExperts = 1024;
/** Architectures without attention heads or feed-forward sizes (their converters write 0 for them). */
const attentionFree = new Set(["mamba", "mamba2", "rwkv6", "rwkv6qwen2", "rwkv7", "arwkv7"]);
/** The code model families Hearth is made for, whose llama.cpp graphs require the rotary size to be the head size. */
const fullRotary = new Set(["llama", "qwen2", "qwen3", "starcoder2"]);
const ropeScalings = new Set(["none", "linear", "yarn", "longrope"]);

/** A problem with a metadata value, as a phrase ("qwen2.block_count is 0, …"). */
class MetadataProblem extends Error {}

function u32(metadata: Metadata, key: string): number | undefined {
    const entry = metadata.get(key);
    if (!entry) return undefined;
    if (entry.type !== GgufType.Uint32) throw new MetadataProblem(`${key} is a ${ggufTypeName(entry.type)}, where llama.cpp reads a uint32`);
    return entry.value as number;
}

/** A per-layer value: one uint32 for every layer, or an array of one per layer. */
function perLayer(metadata: Metadata, key: string, layers: number): number[] | undefined {
    const entry = metadata.get(key);
    if (entry?.type !== GgufType.Array) {
        const value = u32(metadata, key);
        return value === undefined ? undefined : [value];
    }
    const array = entry.value as GgufArrayValue;
    if (array.itemType !== GgufType.Uint32 && array.itemType !== GgufType.Int32) throw new MetadataProblem(`${key} is an array of ${ggufTypeName(array.itemType)}, where llama.cpp reads integers`);
    if (array.length !== layers || !array.items) throw new MetadataProblem(`${key} has ${array.length} values for ${layers} layers`);
    return array.items as number[];
}

function check(condition: boolean, problem: () => string): void {
    if (!condition) throw new MetadataProblem(problem());
}

/** What is wrong with the metadata, as a phrase, or undefined when llama.cpp can be trusted with it. */
export function metadataProblem(header: Pick<GgufHeader, "metadata">): string | undefined {
    try {
        const architecture = header.metadata.get("general.architecture");
        if (!architecture) return "it names no architecture (general.architecture)";
        if (architecture.type !== GgufType.String || architecture.value === "") return "its general.architecture is not a name";
        const arch = architecture.value as string;
        const layers = checkLayers(header.metadata, arch);
        checkShapes(header.metadata, arch, layers);
        checkExperts(header.metadata, arch, layers);
        checkVocabulary(header.metadata);
        return undefined;
    } catch (error) {
        if (error instanceof MetadataProblem) return error.message;
        throw error;
    }
}

function checkLayers(metadata: Metadata, arch: string): number {
    const layers = u32(metadata, `${arch}.block_count`);
    if (layers === undefined) throw new MetadataProblem(`${arch}.block_count is missing`);
    check(layers >= 1 && layers <= maxLayers, () => `${arch}.block_count is ${layers}, where llama.cpp loads 1 to ${maxLayers} layers`);
    const nextn = u32(metadata, `${arch}.nextn_predict_layers`) ?? 0;
    check(nextn <= layers, () => `${arch}.nextn_predict_layers is ${nextn}, more than its ${layers} layers`);
    const scaling = metadata.get(`${arch}.rope.scaling.type`);
    check(!scaling || (scaling.type === GgufType.String && ropeScalings.has(scaling.value as string)), () => `${arch}.rope.scaling.type is not one of ${[...ropeScalings].join(", ")}`);
    return layers;
}

/** The sizes llama.cpp makes tensor shapes from: a zero makes a tensor of size 0, which it asserts against. */
function checkShapes(metadata: Metadata, arch: string, layers: number): void {
    const embedding = u32(metadata, `${arch}.embedding_length`);
    if (embedding === undefined) throw new MetadataProblem(`${arch}.embedding_length is missing`);
    check(embedding >= 1, () => `${arch}.embedding_length is 0`);
    if (attentionFree.has(arch)) return;
    const heads = perLayer(metadata, `${arch}.attention.head_count`, layers) ?? [];
    const kvHeads = perLayer(metadata, `${arch}.attention.head_count_kv`, layers) ?? heads;
    const feedForward = perLayer(metadata, `${arch}.feed_forward_length`, layers) ?? [];
    for (const [key, values] of [["attention.head_count", heads], ["attention.head_count_kv", kvHeads], ["feed_forward_length", feedForward]] as const) {
        check(values.length === 0 || values.some((value) => value > 0), () => `${arch}.${key} is 0`);
    }
    const mostHeads = Math.max(0, ...heads);
    check(mostHeads <= embedding, () => `${arch}.attention.head_count is ${mostHeads}, more than the ${embedding} values of an embedding`);
    const headSize = mostHeads > 0 ? Math.floor(embedding / mostHeads) : 0;
    const keySize = u32(metadata, `${arch}.attention.key_length`) ?? headSize;
    const valueSize = u32(metadata, `${arch}.attention.value_length`) ?? headSize;
    check(keySize >= 1 && valueSize >= 1, () => `${arch}.attention.key_length or value_length is 0`);
    const rotary = u32(metadata, `${arch}.rope.dimension_count`);
    if (rotary === undefined) return;
    check(rotary >= 1 && rotary <= keySize, () => `${arch}.rope.dimension_count is ${rotary}, where a head has ${keySize} values`);
    if (fullRotary.has(arch)) {
        check(rotary === keySize && keySize === valueSize, () => `${arch} needs equal head and rotary sizes, but they are ${keySize}, ${valueSize} and ${rotary}`);
    }
}

/** load_hparams' assertions on mixture-of-experts sizes, as llama.cpp states them. */
function checkExperts(metadata: Metadata, arch: string, layers: number): void {
    const experts = u32(metadata, `${arch}.expert_count`) ?? 0;
    const used = Math.max(0, ...(perLayer(metadata, `${arch}.expert_used_count`, layers) ?? []));
    const groups = u32(metadata, `${arch}.expert_group_count`) ?? 0;
    const groupsUsed = u32(metadata, `${arch}.expert_group_used_count`) ?? 0;
    check(experts <= maxExperts, () => `${arch}.expert_count is ${experts}, where llama.cpp allows at most ${maxExperts}`);
    check(used <= experts, () => `${arch}.expert_used_count is ${used}, more than its ${experts} experts`);
    if (experts === 0) {
        check(groups === 0, () => `${arch}.expert_group_count is ${groups} without experts`);
        return;
    }
    check(used > 0, () => `${arch}.expert_used_count is 0 with ${experts} experts`);
    check(groups < experts, () => `${arch}.expert_group_count is ${groups}, not fewer than its ${experts} experts`);
    if (groups > 1) {
        check(experts % groups === 0 && groupsUsed > 0 && groupsUsed < groups, () => `${arch}'s expert groups (${groups}, ${groupsUsed} used) do not divide its ${experts} experts`);
    }
}

function checkVocabulary(metadata: Metadata): void {
    const tokens = metadata.get("tokenizer.ggml.tokens");
    if (!tokens) return;
    const list = tokens.value as GgufArrayValue;
    check(tokens.type === GgufType.Array && list.itemType === GgufType.String, () => "tokenizer.ggml.tokens is not a list of strings");
    check(list.length > 0, () => "tokenizer.ggml.tokens is empty");
    for (const key of ["tokenizer.ggml.scores", "tokenizer.ggml.token_type"]) {
        const entry = metadata.get(key);
        const length = entry?.type === GgufType.Array ? (entry.value as GgufArrayValue).length : undefined;
        check(!entry || length === list.length, () => `${key} has ${length ?? "no list of"} values for ${list.length} tokens`);
    }
}
