import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GgufType, type GgufEntry } from "../../../../engine/runtime/ggufHeader";
import { metadataProblem } from "../../../../engine/runtime/modelMetadata";

type Value = number | string | number[];

/** A header's metadata from plain values: numbers are uint32, arrays are int32 arrays. */
function header(values: Record<string, Value>): { metadata: Map<string, GgufEntry> } {
    const entry = (value: Value): GgufEntry => {
        if (typeof value === "string") return { type: GgufType.String, value, offset: 0 };
        if (Array.isArray(value)) return { type: GgufType.Array, value: { itemType: GgufType.Int32, length: value.length, items: value }, offset: 0 };
        return { type: GgufType.Uint32, value, offset: 0 };
    };
    return { metadata: new Map(Object.entries(values).map(([key, value]) => [key, entry(value)])) };
}

const qwen2 = { "general.architecture": "qwen2", "qwen2.block_count": 2, "qwen2.embedding_length": 64, "qwen2.attention.head_count": 4, "qwen2.attention.head_count_kv": 2, "qwen2.feed_forward_length": 128 };

describe("model metadata checks", () => {
    const cases: Array<[string, Record<string, Value>, RegExp | undefined]> = [
        ["a sound transformer", qwen2, undefined],
        ["a Mamba model, which has no attention heads or feed-forward size", { "general.architecture": "mamba", "mamba.block_count": 64, "mamba.embedding_length": 2560, "mamba.attention.head_count": 0, "mamba.feed_forward_length": 0 }, undefined],
        ["a hybrid whose recurrent layers have no key/value heads", { ...qwen2, "general.architecture": "jamba", "jamba.block_count": 2, "jamba.embedding_length": 64, "jamba.attention.head_count": 4, "jamba.attention.head_count_kv": [0, 2] }, undefined],
        ["a partial rotary size in a family that allows it", { ...qwen2, "general.architecture": "phi2", "phi2.block_count": 2, "phi2.embedding_length": 64, "phi2.attention.head_count": 4, "phi2.rope.dimension_count": 8 }, undefined],
        ["a partial rotary size in a family whose graph forbids it", { ...qwen2, "qwen2.rope.dimension_count": 8 }, /qwen2 needs equal head and rotary sizes, but they are 16, 16 and 8/],
        ["a rope scaling llama.cpp does not know", { ...qwen2, "qwen2.rope.scaling.type": "quadratic" }, /qwen2\.rope\.scaling\.type is not one of none, linear, yarn, longrope/],
        ["more next-token layers than layers", { ...qwen2, "qwen2.nextn_predict_layers": 3 }, /nextn_predict_layers is 3, more than its 2 layers/],
        ["experts without any used", { ...qwen2, "qwen2.expert_count": 8, "qwen2.expert_used_count": 0 }, /expert_used_count is 0 with 8 experts/],
        ["expert groups that do not divide the experts", { ...qwen2, "qwen2.expert_count": 8, "qwen2.expert_used_count": 2, "qwen2.expert_group_count": 3, "qwen2.expert_group_used_count": 1 }, /expert groups \(3, 1 used\) do not divide its 8 experts/],
        ["expert groups without experts", { ...qwen2, "qwen2.expert_group_count": 2 }, /expert_group_count is 2 without experts/]
    ];
    for (const [name, values, problem] of cases) {
        it(problem ? `refuse ${name}` : `accept ${name}`, () => {
            const found = metadataProblem(header(values));
            if (problem) assert.match(found ?? "", problem);
            else assert.equal(found, undefined);
        });
    }
});
