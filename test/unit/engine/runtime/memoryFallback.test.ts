import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeFallback, isOutOfMemory, memoryFallbacks } from "../../../../engine/runtime/memoryFallback";

describe("memory fallbacks", () => {
    it("on a GPU: let llama.cpp fit the layers, halve the context down to 2048, then the CPU alone", () => {
        assert.deepEqual(memoryFallbacks({ gpuLayers: "max", contextSize: 8192 }, true), [
            { gpuLayers: "auto", contextSize: 8192 },
            { gpuLayers: "auto", contextSize: 4096 },
            { gpuLayers: "auto", contextSize: 2048 },
            { gpuLayers: 0, contextSize: 2048 }
        ]);
    });

    it("on the CPU: only the context shrinks", () => {
        assert.deepEqual(memoryFallbacks({ gpuLayers: "auto", contextSize: 6000 }, false), [
            { gpuLayers: "auto", contextSize: 3000 },
            { gpuLayers: "auto", contextSize: 2048 }
        ]);
        assert.deepEqual(memoryFallbacks({ gpuLayers: 0, contextSize: 2048 }, true), []);
    });

    it("recognises llama.cpp's and node-llama-cpp's ways of running out of memory", () => {
        assert.ok(isOutOfMemory(Object.assign(new Error("A context size of 8192 is too large for the available VRAM"), { name: "InsufficientMemoryError" })));
        assert.ok(isOutOfMemory(new Error("Failed to create context"), ["ggml_backend_cuda_buffer_type_alloc_buffer: allocating 2048.00 MiB on device 0: cudaMalloc failed: out of memory"]));
        assert.ok(!isOutOfMemory(new Error("unknown model architecture: 'hearthnet'")));
    });

    it("tells the user what was changed, and nothing when nothing was", () => {
        assert.equal(
            describeFallback("m.gguf", { gpuLayers: "max", contextSize: 8192 }, { gpuLayers: 20, contextSize: 4096, totalLayers: 28 }),
            "There was not enough memory for m.gguf as configured, so Hearth loaded it with 20 of 28 layers on the GPU and a context of 4096 tokens instead of 8192. A smaller model (Hearth: Select Model) would run faster."
        );
        assert.match(describeFallback("m.gguf", { gpuLayers: "auto", contextSize: 8192 }, { gpuLayers: 0, contextSize: 2048, totalLayers: 28 })!, /loaded it with the CPU only and a context of 2048 tokens/);
        assert.equal(describeFallback("m.gguf", { gpuLayers: "auto", contextSize: 8192 }, { gpuLayers: 28, contextSize: 8192, totalLayers: 28 }), undefined);
    });
});
