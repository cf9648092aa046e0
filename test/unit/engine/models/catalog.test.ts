import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalog, catalogModelByUri } from "../../../../engine/models/catalog";

describe("model catalog", () => {
    it("offers Qwen2.5-Coder 0.5B to 7B in Q8_0 and Q4_K_M, each with a Hugging Face URI", () => {
        assert.equal(catalog.length, 8);
        for (const model of catalog) {
            assert.match(model.uri, /^hf:Qwen\/Qwen2\.5-Coder-[0-9.]+B-Instruct-GGUF:(Q8_0|Q4_K_M)$/);
            assert.ok(model.fileBytes > 3e8 && model.fileBytes < 9e9, model.id);
        }
        assert.equal(new Set(catalog.map((m) => m.id)).size, 8);
        assert.equal(catalogModelByUri("hf:qwen/qwen2.5-coder-1.5b-instruct-gguf:q8_0")?.id, "qwen2.5-coder-1.5b-q8_0");
    });
});
