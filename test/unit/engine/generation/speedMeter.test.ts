import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SpeedMeter } from "../../../../engine/generation/speedMeter";

describe("speed meter", () => {
    it("follows a machine that gets slower within a few requests, ignoring samples too small to say", () => {
        const meter = new SpeedMeter();
        meter.reset({ promptTokensPerSecond: 200, generatedTokensPerSecond: 20 });
        meter.notePrompt(3, 1000);
        meter.noteGeneration(1, 1000);
        assert.deepEqual(meter.speed, { promptTokensPerSecond: 200, generatedTokensPerSecond: 20 });
        for (let i = 0; i < 6; i++) meter.notePrompt(100, 2000);
        assert.ok(meter.speed.promptTokensPerSecond < 70, `${meter.speed.promptTokensPerSecond}`);
        for (let i = 0; i < 6; i++) meter.noteGeneration(16, 4000);
        assert.ok(meter.speed.generatedTokensPerSecond < 6, `${meter.speed.generatedTokensPerSecond}`);
    });

    it("takes its first measurement instead of the starting guess, then blends", () => {
        const meter = new SpeedMeter({ promptTokensPerSecond: 100, generatedTokensPerSecond: 10 });
        meter.notePrompt(4000, 1000);
        meter.noteGeneration(300, 1000);
        assert.deepEqual(meter.speed, { promptTokensPerSecond: 4000, generatedTokensPerSecond: 300 }, "a fast server is not taken for a slow CPU");
        meter.notePrompt(2000, 1000);
        assert.equal(meter.speed.promptTokensPerSecond, 4000 * 0.7 + 2000 * 0.3);
    });
});
