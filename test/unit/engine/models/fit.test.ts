import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogModel } from "../../../../engine/models/catalog";
import { catalogRequirement, estimateFit, kvBytesPerToken } from "../../../../engine/models/fit";
import { hardwareProfile } from "../../../fixtures/hardware";

describe("memory fit", () => {
    it("computes the KV cache from the model's shape", () => {
        // Qwen2.5-Coder-1.5B: 28 layers, 2 KV heads of 128: 28 KiB per token at f16.
        assert.equal(kvBytesPerToken(catalogModel("qwen2.5-coder-1.5b-q8_0")!), 28 * 1024);
        const small = catalogRequirement(catalogModel("qwen2.5-coder-7b-q4_k_m")!, 2048);
        const large = catalogRequirement(catalogModel("qwen2.5-coder-7b-q4_k_m")!, 32768);
        assert.ok(large.contextBytes - small.contextBytes > 1.5e9);
    });

    it("fit prefers the GPU, then a split, then the CPU", () => {
        const hardware = hardwareProfile("nvidia-8gb-vram");
        const layers = 10;
        assert.equal(estimateFit({ weightsBytes: 1e9, contextBytes: 1e8, layers }, hardware).fit, "gpu");
        assert.equal(estimateFit({ weightsBytes: 12e9, contextBytes: 1e8, layers }, hardware).fit, "partial");
        assert.equal(estimateFit({ weightsBytes: 1e9, contextBytes: 1e8, layers }, { ...hardware, vramFree: 1e8 }).fit, "cpu");
    });
});
