import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { GgufFormatError, GgufType, readGgufHeader } from "../../../../engine/runtime/ggufHeader";
import { gguf, writeGguf, type GgufValue } from "../../../model/gguf";

describe("GGUF header", () => {
    let directory: string;

    before(async () => (directory = await mkdtemp(join(tmpdir(), "hearth-gguf-"))));
    after(() => rm(directory, { recursive: true, force: true }));

    async function file(name: string, metadata: Array<[string, GgufValue]>): Promise<string> {
        const path = join(directory, name);
        const tensors = [{ name: "token_embd.weight", dims: [32, 4], type: "f32" as const, init: { kind: "constant" as const, value: 0 } }];
        await writeGguf(path, { metadata, tensors, seed: 1 });
        return path;
    }

    it("reads metadata of every kind, keeps small numeric arrays and only counts string arrays", async () => {
        const path = await file("kinds.gguf", [
            ["general.architecture", gguf.str("llama")],
            ["a.u32", gguf.u32(7)],
            ["a.f32", gguf.f32(0.5)],
            ["a.u64", gguf.u64(1n << 40n)],
            ["a.bool", gguf.bool(true)],
            ["a.layers", gguf.i32s([4, 0, 4])],
            ["a.words", gguf.strings(["x", "yy", "zzz"])]
        ]);
        const header = await readGgufHeader(path);
        const value = (key: string) => header.metadata.get(key)?.value;
        assert.equal(header.version, 3);
        assert.equal(value("general.architecture"), "llama");
        assert.equal(value("a.u32"), 7);
        assert.equal(value("a.f32"), 0.5);
        assert.equal(value("a.u64"), 1n << 40n);
        assert.equal(value("a.bool"), true);
        assert.deepEqual(value("a.layers"), { itemType: GgufType.Int32, length: 3, items: [4, 0, 4] });
        assert.deepEqual(value("a.words"), { itemType: GgufType.String, length: 3 });
        assert.deepEqual(header.tensors.map((t) => [t.name, t.dims, t.bytes]), [["token_embd.weight", [32, 4], 512]]);
        assert.equal(header.dataEnd, header.dataOffset + 512);
    });

    it("reads a header larger than its first read", async () => {
        const path = await file("large.gguf", [["tokenizer.chat_template", gguf.str("x".repeat(3 * 1024 * 1024))], ["general.name", gguf.str("after the long one")]]);
        assert.equal((await readGgufHeader(path)).metadata.get("general.name")?.value, "after the long one");
    });

    it("refuses a key that appears twice", async () => {
        const path = await file("twice.gguf", [["general.name", gguf.str("a")], ["general.name", gguf.str("b")]]);
        await assert.rejects(readGgufHeader(path), (e: Error) => e instanceof GgufFormatError && /general\.name appears twice/.test(e.message));
    });
});
