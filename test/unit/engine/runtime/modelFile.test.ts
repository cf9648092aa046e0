import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { checkModelFile } from "../../../../engine/runtime/modelFile";
import { EngineError } from "../../../../engine/server/engineError";
import { ensureModel } from "../../../model/cache";
import { damagedModels, type DamagedModel } from "../../../model/damaged";

/**
 * What the checks say about each damaged copy of the tiny model: a pattern of the refusal, or "llama.cpp" for damage
 * llama.cpp itself refuses cleanly (or loads), which the checks leave to it. Every copy llama.cpp would abort on
 * (GGML_ASSERT), or on which node-llama-cpp's parser would spin or exhaust V8's memory, must be refused here.
 */
const expected: Record<string, RegExp | "llama.cpp"> = {
    "add-bos-string": "llama.cpp",
    "alignment-int64": /general\.alignment is a int64, not a uint32/,
    "alignment-odd": /general\.alignment is 3, not a power of two/,
    "alignment-zero": /general\.alignment is 0, not a power of two/,
    "architecture-empty": /general\.architecture is not a name/,
    "architecture-length-huge": /the value of general\.architecture says it is 1099511627776 bytes long/,
    "architecture-length-long": /is damaged or incomplete/,
    "architecture-missing": /names no architecture/,
    "architecture-number": /general\.architecture is not a name/,
    "block-count-513": /qwen2\.block_count is 513, where llama\.cpp loads 1 to 512 layers/,
    "block-count-float": /qwen2\.block_count is a float32, where llama\.cpp reads a uint32/,
    "block-count-huge": /qwen2\.block_count is 1048576/,
    "block-count-missing": /qwen2\.block_count is missing/,
    "block-count-more-than-tensors": "llama.cpp",
    "block-count-string": /qwen2\.block_count is a string/,
    "block-count-uint64": /qwen2\.block_count is a uint64/,
    "block-count-zero": /qwen2\.block_count is 0/,
    "bos-out-of-vocabulary": "llama.cpp",
    "bos-string": "llama.cpp",
    "chat-template-number": "llama.cpp",
    "context-length-max": "llama.cpp",
    "context-length-zero": "llama.cpp",
    "embedding-length-huge": "llama.cpp",
    "embedding-length-zero": /qwen2\.embedding_length is 0/,
    empty: /is empty \(0 bytes\)/,
    "eos-out-of-vocabulary": "llama.cpp",
    "expert-count-huge": /qwen2\.expert_count is 5000, where llama\.cpp allows at most 1024/,
    "experts-used-without-experts": /qwen2\.expert_used_count is 2, more than its 0 experts/,
    "feed-forward-zero": /qwen2\.feed_forward_length is 0/,
    "file-type-string": "llama.cpp",
    "file-type-unknown": "llama.cpp",
    "first-key-length-huge": /the name of metadata entry 1 says it is 1099511627776 bytes long/,
    "first-key-length-plus-one": /has type 83886080, which GGUF does not have/,
    "first-key-length-zero": /metadata entry 1 has an empty name/,
    "head-count-array-short": /qwen2\.attention\.head_count has 1 values for 2 layers/,
    "head-count-array-zeros": /qwen2\.attention\.head_count is 0/,
    "head-count-huge": /qwen2\.attention\.head_count is 2147483648, more than the 64 values of an embedding/,
    "head-count-kv-above-heads": "llama.cpp",
    "head-count-kv-not-dividing": "llama.cpp",
    "head-count-kv-zero": /qwen2\.attention\.head_count_kv is 0/,
    "head-count-not-dividing": "llama.cpp",
    "head-count-zero": /qwen2\.attention\.head_count is 0/,
    "key-length-zero": /key_length or value_length is 0/,
    magic: /is not a GGUF model file \(it does not start with the GGUF signature\)/,
    "merges-array-of-arrays": /tokenizer\.ggml\.merges is an array of arrays/,
    "merges-numbers": "llama.cpp",
    "merges-without-space": "llama.cpp",
    "metadata-count-huge": /its header says 1099511627776 metadata entries, but only \d+ bytes follow it/,
    "metadata-count-plus-one": /is damaged or incomplete/,
    "metadata-count-zero": /is damaged or incomplete/,
    "name-array": "llama.cpp",
    "rms-epsilon-zero": "llama.cpp",
    "rope-base-nan": "llama.cpp",
    "rope-base-negative": "llama.cpp",
    "rope-dimensions-huge": /qwen2\.rope\.dimension_count is 4096, where a head has 16 values/,
    "rope-dimensions-zero": /qwen2\.rope\.dimension_count is 0/,
    "tensor-count-huge": /its header says 1099511627776 tensors/,
    "tensor-count-max": /its header says 18446744073709552000 tensors/,
    "tensor-count-plus-one": /the name of tensor 28 says it is \d+ bytes long/,
    "tensor-count-zero": "llama.cpp",
    "tensor-dim-huge": /the tensor token_embd\.weight has more elements than any file could hold/,
    "tensor-dim-max": /the tensor token_embd\.weight has more elements than any file could hold/,
    "tensor-dim-zero": /the tensor token_embd\.weight has a dimension of size 0/,
    "tensor-dims-five": /the tensor token_embd\.weight has 5 dimensions; ggml allows 1 to 4/,
    "tensor-dims-huge": /has 2147483648 dimensions/,
    "tensor-dims-zero": /has 0 dimensions/,
    "tensor-name-duplicate": /the tensor blk\.0\.attn_q\.weight appears twice/,
    "tensor-name-empty": /tensor 1 has an empty name/,
    "tensor-offset-huge": /starts at byte 1125899906842624 of the data, but the tensors before it end at byte \d+/,
    "tensor-offset-misaligned": /blk\.0\.attn_norm\.weight starts at byte \d+ of the data/,
    "tensor-type-q8_0": /blk\.0\.attn_q\.weight starts at byte \d+ of the data/,
    "tensor-type-removed": /has type 4, which ggml does not have/,
    "tensor-type-unknown": /has type 99, which ggml does not have/,
    "token-types-item-type-string": /item 0 of tokenizer\.ggml\.token_type says it is \d+ bytes long/,
    "token-types-short": /tokenizer\.ggml\.token_type has 3 values for \d+ tokens/,
    "token-types-strings": /tokenizer\.ggml\.token_type has 2 values for \d+ tokens/,
    "tokenizer-model-missing": "llama.cpp",
    "tokenizer-model-number": "llama.cpp",
    "tokenizer-model-unknown": "llama.cpp",
    "tokens-array-of-arrays": /tokenizer\.ggml\.tokens is an array of arrays, which GGUF does not allow/,
    "tokens-empty": /tokenizer\.ggml\.tokens is empty/,
    "tokens-item-type-13": /tokenizer\.ggml\.tokens is an array of type 13/,
    "tokens-item-type-uint32": /is damaged or incomplete/,
    "tokens-length-huge": /the length of tokenizer\.ggml\.tokens says 1099511627776 items/,
    "tokens-length-zero": /is damaged or incomplete/,
    "tokens-missing": "llama.cpp",
    "tokens-numbers": /tokenizer\.ggml\.tokens is not a list of strings/,
    "truncated-at-data": /it is truncated: its tensors need \d+ bytes but the file has \d+/,
    "truncated-counts": /its header says 27 tensors, but only 4 bytes follow it/,
    "truncated-half-data": /it is truncated/,
    "truncated-last-byte": /it is truncated: its tensors need (\d+) bytes but the file has \d+/,
    "truncated-metadata": /is damaged or incomplete/,
    "truncated-signature": /is not a GGUF model file/,
    "truncated-tensor-table": /the file ends \(at byte \d+\) inside the length of the name of tensor 27/,
    "truncated-tokens": /is damaged or incomplete/,
    "value-type-13": /the metadata key general\.name has type 13, which GGUF does not have/,
    "value-type-max": /has type 4294967295/,
    "version-0": /it says it is GGUF version 0, which does not exist/,
    "version-1": /it is GGUF version 1, which llama\.cpp no longer reads/,
    "version-4": /GGUF version 4/,
    "version-big-endian": /GGUF version 50331648, which does not exist \(a damaged or big-endian file\?\)/
};

describe("model file checks", () => {
    let directory: string;
    let corpus: DamagedModel[];
    let intact: string;

    before(async () => {
        directory = await mkdtemp(join(tmpdir(), "hearth-damaged-"));
        intact = await ensureModel("tiny");
        corpus = await damagedModels(directory, intact);
    });
    after(() => rm(directory, { recursive: true, force: true }));

    it("pass the intact model, with its parameter count", async () => {
        const { header, parameters } = await checkModelFile(intact);
        assert.ok(header.dataEnd > header.dataOffset && header.dataEnd <= header.fileBytes);
        assert.ok(parameters > 10_000);
    });

    it("have a verdict for every damaged copy", () => {
        assert.deepEqual(corpus.map((m) => m.name).sort(), Object.keys(expected).sort());
    });

    it("refuse each damaged copy with a sentence that names the file, what is wrong and what to do", async () => {
        for (const { name, path } of corpus) {
            const verdict = expected[name];
            const error = await checkModelFile(path).then(() => undefined, (e: unknown) => e);
            if (verdict === "llama.cpp") {
                assert.equal(error, undefined, `${name} is left to llama.cpp`);
                continue;
            }
            assert.ok(error instanceof EngineError, `${name} is refused`);
            assert.match(error.message, verdict, name);
            assert.ok(error.message.includes(`${name}.gguf`), `${name}: the message names the file`);
            assert.match(error.message, /Download it again|Choose a \.gguf model file|choose another model/, `${name}: the message says what to do`);
        }
    });

    const refused: Array<[string, (dir: string) => Promise<string>, RegExp]> = [
        ["a relative path", async () => "evil.gguf", /"evil\.gguf" is relative; Hearth loads models only from an absolute path/],
        ["a missing file", async (dir) => join(dir, "missing.gguf"), /does not exist/],
        ["a directory", async (dir) => {
            await mkdir(join(dir, "folder.gguf"), { recursive: true });
            return join(dir, "folder.gguf");
        }, /is not a file/]
    ];
    for (const [what, make, message] of refused) {
        it(`refuse ${what}`, async () => {
            await assert.rejects(checkModelFile(await make(directory)), (e: Error) => e instanceof EngineError && message.test(e.message));
        });
    }
});
