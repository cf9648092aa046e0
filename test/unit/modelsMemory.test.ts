import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { IdleTimer } from "../../engine/models/idleTimer";
import { describeFallback, isOutOfMemory, memoryFallbacks } from "../../engine/models/memoryFallback";

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

describe("idle timer", () => {
    it("fires once the model has gone unused for the configured minutes, and never at 0", (t) => {
        t.mock.timers.enable({ apis: ["setTimeout"] });
        const fired = mock.fn();
        const timer = new IdleTimer(fired);
        timer.setMinutes(0);
        t.mock.timers.tick(24 * 3600_000);
        assert.equal(fired.mock.callCount(), 0);
        timer.setMinutes(5);
        t.mock.timers.tick(4 * 60_000);
        timer.touch();
        t.mock.timers.tick(4 * 60_000);
        assert.equal(fired.mock.callCount(), 0, "use restarts the countdown");
        t.mock.timers.tick(60_000);
        assert.equal(fired.mock.callCount(), 1);
        timer.stop();
    });
});
