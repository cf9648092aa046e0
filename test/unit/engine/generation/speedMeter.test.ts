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
});
