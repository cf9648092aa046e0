import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { recommend } from "../../../../engine/models/recommend";
import { hardwareProfile } from "../../../fixtures/hardware";

/** Completion context plus chat context, as the engine asks with default settings. */
const contextTokens = 8192 + 4096;

describe("recommendation by hardware", () => {
    it("CPU only, 8 GB: the largest model up to 1.5B, at Q8_0", () => {
        const result = recommend({ hardware: hardwareProfile("cpu-only-8gb"), contextTokens });
        assert.equal(result.recommendedId, "qwen2.5-coder-1.5b-q8_0");
        assert.match(result.reason, /No GPU found/);
        const byId = new Map(result.candidates.map((c) => [c.id, c]));
        assert.equal(byId.get("qwen2.5-coder-1.5b-q8_0")!.fitLabel, "runs on the CPU");
        assert.equal(byId.get("qwen2.5-coder-3b-q4_k_m")!.fitLabel, "CPU only, slow");
        assert.equal(byId.get("qwen2.5-coder-7b-q8_0")!.fit, "tooLarge");
        assert.ok(result.candidates.every((c) => c.gpuLayers === 0));
    });

    it("8 GB of VRAM: 7B at Q4_K_M wholly on the GPU, 7B Q8_0 only split with the CPU", () => {
        const result = recommend({ hardware: hardwareProfile("nvidia-8gb-vram"), contextTokens });
        assert.equal(result.recommendedId, "qwen2.5-coder-7b-q4_k_m");
        const byId = new Map(result.candidates.map((c) => [c.id, c]));
        assert.equal(byId.get("qwen2.5-coder-7b-q4_k_m")!.fitLabel, "fits in VRAM");
        const q8 = byId.get("qwen2.5-coder-7b-q8_0")!;
        assert.equal(q8.fit, "partial");
        assert.ok(q8.gpuLayers > 10 && q8.gpuLayers < 28, `${q8.gpuLayers} layers`);
        assert.match(q8.fitLabel, /partly on the GPU \(\d+ of 28 layers\)/);
    });

    it("24 GB of VRAM: 7B at Q8_0", () => {
        const result = recommend({ hardware: hardwareProfile("nvidia-24gb-vram"), contextTokens });
        assert.equal(result.recommendedId, "qwen2.5-coder-7b-q8_0");
        assert.ok(result.candidates.every((c) => c.fit === "gpu"));
        assert.match(result.reason, /fits in VRAM/);
    });

    it("Apple 16 GB unified memory: 7B at Q4_K_M, leaving memory to the editor", () => {
        const result = recommend({ hardware: hardwareProfile("apple-16gb-unified"), contextTokens });
        assert.equal(result.recommendedId, "qwen2.5-coder-7b-q4_k_m");
        const byId = new Map(result.candidates.map((c) => [c.id, c]));
        assert.equal(byId.get("qwen2.5-coder-7b-q4_k_m")!.fitLabel, "fits in unified memory");
        // Never "partial" or "cpu" on unified memory: the GPU and the CPU share one pool.
        assert.ok(result.candidates.every((c) => c.fit === "gpu" || c.fit === "tight" || c.fit === "tooLarge"));
    });

    it("lists every candidate largest first, with exactly one recommended", () => {
        const result = recommend({ hardware: hardwareProfile("nvidia-8gb-vram"), contextTokens });
        assert.deepEqual(result.candidates.map((c) => c.parameters), [...result.candidates.map((c) => c.parameters)].sort((a, b) => b - a));
        assert.equal(result.candidates.filter((c) => c.recommended).length, 1);
    });

    it("a larger context pushes a model out of VRAM", () => {
        const hardware = hardwareProfile("nvidia-8gb-vram");
        assert.equal(recommend({ hardware, contextTokens: 131072 }).candidates.find((c) => c.id === "qwen2.5-coder-7b-q4_k_m")!.fit, "partial");
    });

    it("with little free memory, recommends the smallest model that fits once memory is freed", () => {
        const hardware = { ...hardwareProfile("cpu-only-8gb"), ramFree: 400e6 };
        const result = recommend({ hardware, contextTokens });
        assert.equal(result.recommendedId, "qwen2.5-coder-0.5b-q4_k_m");
        assert.match(result.reason, /close other programs/);
    });

    it("recommends nothing, and says why, when even the smallest model cannot fit", () => {
        const hardware = { ...hardwareProfile("cpu-only-8gb"), ramTotal: 0.8e9, ramFree: 2e8 };
        const result = recommend({ hardware, contextTokens });
        assert.equal(result.recommendedId, undefined);
        assert.match(result.reason, /even the smallest model needs/);
    });

    it("uses a downloaded file's measured requirement instead of the catalog's estimate", () => {
        const hardware = hardwareProfile("nvidia-8gb-vram");
        const downloaded = new Map([["qwen2.5-coder-7b-q4_k_m", { path: "/m/7b.gguf", requirement: { weightsBytes: 7.5e9, contextBytes: 0.5e9, layers: 28 } }]]);
        const result = recommend({ hardware, contextTokens, downloaded });
        const measured = result.candidates.find((c) => c.id === "qwen2.5-coder-7b-q4_k_m")!;
        assert.equal(measured.estimatedFrom, "gguf");
        assert.equal(measured.downloadedPath, "/m/7b.gguf");
        assert.equal(measured.fit, "partial");
        assert.equal(result.recommendedId, "qwen2.5-coder-3b-q8_0");
    });
});
