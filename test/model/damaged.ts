// Damaged copies of a generated model, for the fault suite: every header field and metadata type mutated, values
// llama.cpp asserts on set out of range, and truncations. Metadata damage rewrites the file from the model's own
// description; byte damage patches a copy at offsets taken from the intact file's header.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readGgufHeader, type GgufEntry, type GgufHeader } from "../../engine/runtime/ggufHeader";
import { gguf, GgufType, writeGguf, type GgufValue } from "./gguf";
import { modelFile } from "./makeModel";
import { resolveOptions } from "./presets";

export interface DamagedModel {
    name: string;
    path: string;
}

type Metadata = Array<[string, GgufValue]>;
type MetadataDamage = (metadata: Metadata) => Metadata;
type ByteDamage = (bytes: Buffer, header: GgufHeader) => Buffer;

const u32Array = (items: number[]): GgufValue => ({ type: GgufType.ARRAY, itemType: GgufType.UINT32, items });
const i64 = (value: bigint): GgufValue => ({ type: GgufType.INT64, value });

/** Sets (or adds) `key`; a key ending in "*" is the architecture's, e.g. "*.block_count". */
function set(key: string, value: GgufValue): MetadataDamage {
    return (metadata) => {
        const name = key.replace("*", "qwen2");
        const found = metadata.some(([k]) => k === name);
        return found ? metadata.map(([k, v]) => [k, k === name ? value : v]) : [...metadata, [name, value]];
    };
}

function drop(key: string): MetadataDamage {
    return (metadata) => metadata.filter(([k]) => k !== key.replace("*", "qwen2"));
}

const metadataDamage: Array<[string, MetadataDamage]> = [
    ["block-count-huge", set("*.block_count", gguf.u32(0x00100000))],
    ["block-count-zero", set("*.block_count", gguf.u32(0))],
    ["block-count-513", set("*.block_count", gguf.u32(513))],
    ["block-count-more-than-tensors", set("*.block_count", gguf.u32(3))],
    ["block-count-string", set("*.block_count", gguf.str("2"))],
    ["block-count-float", set("*.block_count", gguf.f32(2))],
    ["block-count-uint64", set("*.block_count", gguf.u64(2))],
    ["block-count-missing", drop("*.block_count")],
    ["head-count-zero", set("*.attention.head_count", gguf.u32(0))],
    ["head-count-not-dividing", set("*.attention.head_count", gguf.u32(3))],
    ["head-count-huge", set("*.attention.head_count", gguf.u32(0x80000000))],
    ["head-count-array-zeros", set("*.attention.head_count", u32Array([0, 0]))],
    ["head-count-array-short", set("*.attention.head_count", u32Array([4]))],
    ["head-count-kv-zero", set("*.attention.head_count_kv", gguf.u32(0))],
    ["head-count-kv-not-dividing", set("*.attention.head_count_kv", gguf.u32(3))],
    ["head-count-kv-above-heads", set("*.attention.head_count_kv", gguf.u32(8))],
    ["embedding-length-zero", set("*.embedding_length", gguf.u32(0))],
    ["embedding-length-huge", set("*.embedding_length", gguf.u32(0x80000000))],
    ["context-length-zero", set("*.context_length", gguf.u32(0))],
    ["context-length-max", set("*.context_length", gguf.u32(0xffffffff))],
    ["feed-forward-zero", set("*.feed_forward_length", gguf.u32(0))],
    ["rope-base-nan", set("*.rope.freq_base", gguf.f32(NaN))],
    ["rope-base-negative", set("*.rope.freq_base", gguf.f32(-1))],
    ["rms-epsilon-zero", set("*.attention.layer_norm_rms_epsilon", gguf.f32(0))],
    ["rope-dimensions-zero", set("*.rope.dimension_count", gguf.u32(0))],
    ["rope-dimensions-huge", set("*.rope.dimension_count", gguf.u32(4096))],
    ["key-length-zero", set("*.attention.key_length", gguf.u32(0))],
    ["expert-count-huge", set("*.expert_count", gguf.u32(5000))],
    ["experts-used-without-experts", set("*.expert_used_count", gguf.u32(2))],
    ["architecture-missing", drop("general.architecture")],
    ["architecture-number", set("general.architecture", gguf.u32(2))],
    ["architecture-empty", set("general.architecture", gguf.str(""))],
    ["name-array", set("general.name", u32Array([1, 2, 3]))],
    ["file-type-unknown", set("general.file_type", gguf.u32(999))],
    ["file-type-string", set("general.file_type", gguf.str("Q8_0"))],
    ["alignment-zero", set("general.alignment", gguf.u32(0))],
    ["alignment-odd", set("general.alignment", gguf.u32(3))],
    ["alignment-int64", set("general.alignment", i64(32n))],
    ["tokenizer-model-missing", drop("tokenizer.ggml.model")],
    ["tokenizer-model-unknown", set("tokenizer.ggml.model", gguf.str("hearth-bpe"))],
    ["tokenizer-model-number", set("tokenizer.ggml.model", gguf.u32(1))],
    ["tokens-missing", drop("tokenizer.ggml.tokens")],
    ["tokens-numbers", set("tokenizer.ggml.tokens", gguf.i32s([1, 2, 3]))],
    ["tokens-empty", set("tokenizer.ggml.tokens", gguf.strings([]))],
    ["token-types-short", set("tokenizer.ggml.token_type", gguf.i32s([1, 1, 1]))],
    ["token-types-strings", set("tokenizer.ggml.token_type", gguf.strings(["a", "b"]))],
    ["merges-numbers", set("tokenizer.ggml.merges", gguf.i32s([1, 2]))],
    ["merges-without-space", set("tokenizer.ggml.merges", gguf.strings(["ab", "cd"]))],
    ["bos-out-of-vocabulary", set("tokenizer.ggml.bos_token_id", gguf.u32(0x7fffffff))],
    ["eos-out-of-vocabulary", set("tokenizer.ggml.eos_token_id", gguf.u32(0xffffffff))],
    ["bos-string", set("tokenizer.ggml.bos_token_id", gguf.str("<s>"))],
    ["chat-template-number", set("tokenizer.chat_template", gguf.u32(7))],
    ["add-bos-string", set("tokenizer.ggml.add_bos_token", gguf.str("yes"))]
];

function valueOffset(header: GgufHeader, key: string): number {
    const entry = header.metadata.get(key) as GgufEntry;
    return entry.offset + 8 + Buffer.byteLength(key) + 4;
}

function patch(write: (bytes: Buffer, header: GgufHeader) => void): ByteDamage {
    return (bytes, header) => {
        const copy = Buffer.from(bytes);
        write(copy, header);
        return copy;
    };
}

const u64At = (at: (h: GgufHeader) => number, value: bigint) => patch((b, h) => b.writeBigUInt64LE(value, at(h)));
const u32At = (at: (h: GgufHeader) => number, value: number) => patch((b, h) => b.writeUInt32LE(value >>> 0, at(h)));
const typeOf = (key: string) => (h: GgufHeader) => (h.metadata.get(key) as GgufEntry).offset + 8 + Buffer.byteLength(key);
const valueOf = (key: string) => (h: GgufHeader) => valueOffset(h, key);
const itemTypeOf = valueOf;
const lengthOf = (key: string) => (h: GgufHeader) => valueOffset(h, key) + 4;
/** A tensor's table entry: name length, name, dimension count, dimensions, type, offset. */
const tensorField = (index: number, field: "dimCount" | "dim0" | "type" | "offset") => (h: GgufHeader) => {
    const t = h.tensors[index];
    const dimCount = 8 + Buffer.byteLength(t.name);
    const dims = dimCount + 4;
    const offsets = { dimCount, dim0: dims, type: dims + 8 * t.dims.length, offset: dims + 8 * t.dims.length + 4 };
    return t.infoOffset + offsets[field];
};
const cut = (at: (h: GgufHeader) => number) => (bytes: Buffer, h: GgufHeader) => bytes.subarray(0, at(h));
const lastTensor = (h: GgufHeader) => h.tensors.length - 1;

const byteDamage: Array<[string, ByteDamage]> = [
    ["magic", patch((b) => b.write("GGUX", 0, "latin1"))],
    ["version-0", u32At(() => 4, 0)],
    ["version-1", u32At(() => 4, 1)],
    ["version-4", u32At(() => 4, 4)],
    ["version-big-endian", u32At(() => 4, 0x03000000)],
    ["tensor-count-zero", u64At(() => 8, 0n)],
    ["tensor-count-plus-one", patch((b, h) => b.writeBigUInt64LE(BigInt(h.tensors.length + 1), 8))],
    ["tensor-count-huge", u64At(() => 8, 1n << 40n)],
    ["tensor-count-max", u64At(() => 8, 0xffffffffffffffffn)],
    ["metadata-count-zero", u64At(() => 16, 0n)],
    ["metadata-count-plus-one", patch((b, h) => b.writeBigUInt64LE(BigInt(h.metadata.size + 1), 16))],
    ["metadata-count-huge", u64At(() => 16, 1n << 40n)],
    ["first-key-length-huge", u64At(() => 24, 1n << 40n)],
    ["first-key-length-zero", u64At(() => 24, 0n)],
    ["first-key-length-plus-one", patch((b) => b.writeBigUInt64LE(b.readBigUInt64LE(24) + 1n, 24))],
    ["value-type-13", u32At(typeOf("general.name"), 13)],
    ["value-type-max", u32At(typeOf("general.name"), 0xffffffff)],
    ["architecture-length-huge", u64At(valueOf("general.architecture"), 1n << 40n)],
    ["architecture-length-long", u64At(valueOf("general.architecture"), 5000n)],
    ["tokens-array-of-arrays", u32At(itemTypeOf("tokenizer.ggml.tokens"), GgufType.ARRAY)],
    ["tokens-item-type-13", u32At(itemTypeOf("tokenizer.ggml.tokens"), 13)],
    ["tokens-item-type-uint32", u32At(itemTypeOf("tokenizer.ggml.tokens"), GgufType.UINT32)],
    ["tokens-length-huge", u64At(lengthOf("tokenizer.ggml.tokens"), 1n << 40n)],
    ["tokens-length-zero", u64At(lengthOf("tokenizer.ggml.tokens"), 0n)],
    ["merges-array-of-arrays", u32At(itemTypeOf("tokenizer.ggml.merges"), GgufType.ARRAY)],
    ["token-types-item-type-string", u32At(itemTypeOf("tokenizer.ggml.token_type"), GgufType.STRING)],
    ["tensor-dims-zero", u32At(tensorField(0, "dimCount"), 0)],
    ["tensor-dims-five", u32At(tensorField(0, "dimCount"), 5)],
    ["tensor-dims-huge", u32At(tensorField(0, "dimCount"), 0x80000000)],
    ["tensor-dim-zero", u64At(tensorField(0, "dim0"), 0n)],
    ["tensor-dim-huge", u64At(tensorField(0, "dim0"), 1n << 40n)],
    ["tensor-dim-max", u64At(tensorField(0, "dim0"), 0x7fffffffffffffffn)],
    ["tensor-type-removed", u32At(tensorField(0, "type"), 4)],
    ["tensor-type-unknown", u32At(tensorField(0, "type"), 99)],
    ["tensor-type-q8_0", u32At(tensorField(1, "type"), 8)],
    ["tensor-offset-misaligned", patch((b, h) => b.writeBigUInt64LE(BigInt(h.tensors[1].offset + 1), tensorField(1, "offset")(h)))],
    ["tensor-offset-huge", u64At(tensorField(1, "offset"), 1n << 50n)],
    ["tensor-name-empty", u64At((h) => h.tensors[0].infoOffset, 0n)],
    ["tensor-name-duplicate", patch((b, h) => b.write("blk.0.attn_q.weight", h.tensors.find((t) => t.name === "blk.0.attn_k.weight")!.infoOffset + 8, "utf8"))],
    ["empty", cut(() => 0)],
    ["truncated-signature", cut(() => 3)],
    ["truncated-counts", cut(() => 20)],
    ["truncated-metadata", cut(valueOf("general.name"))],
    ["truncated-tokens", cut((h) => valueOffset(h, "tokenizer.ggml.tokens") + 200)],
    ["truncated-tensor-table", cut((h) => h.tensors[lastTensor(h)].infoOffset + 4)],
    ["truncated-at-data", cut((h) => h.dataOffset)],
    ["truncated-half-data", cut((h) => h.dataOffset + Math.floor((h.dataEnd - h.dataOffset) / 2))],
    ["truncated-last-byte", cut((h) => h.dataEnd - 1)]
];

/** Writes every damaged copy of the tiny model into `directory`, named after its damage. */
export async function damagedModels(directory: string, intactPath: string): Promise<DamagedModel[]> {
    const spec = modelFile(resolveOptions("tiny"));
    const intact = await readFile(intactPath);
    const header = await readGgufHeader(intactPath);
    const models: DamagedModel[] = [];
    for (const [name, damage] of metadataDamage) {
        const path = join(directory, `${name}.gguf`);
        await writeGguf(path, { ...spec, metadata: damage(spec.metadata) });
        models.push({ name, path });
    }
    for (const [name, damage] of byteDamage) {
        const path = join(directory, `${name}.gguf`);
        await writeFile(path, damage(intact, header));
        models.push({ name, path });
    }
    return models;
}
