import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatBytes, formatLastUsed, progressMessage } from "../../../../src/models/format";

const now = Date.UTC(2025, 5, 1);
const day = 24 * 3600 * 1000;

describe("model formatting", () => {
    it("formats sizes, progress and last use", () => {
        assert.equal(formatBytes(1_650_000_000), "1.6 GB");
        assert.equal(formatBytes(531_000_000), "531 MB");
        assert.equal(progressMessage({ kind: "report", percentage: 42, phase: "downloading", downloadedBytes: 700e6, totalBytes: 1.65e9, bytesPerSecond: 12e6 }), "42% · 700 MB of 1.6 GB · 12 MB/s · 80 s left");
        assert.equal(progressMessage({ kind: "report", percentage: 0, phase: "connecting", downloadedBytes: 0, totalBytes: 0, bytesPerSecond: 0 }), "Connecting…");
        assert.equal(formatLastUsed(undefined, now), "never used");
        assert.equal(formatLastUsed(now - 1000, now), "used today");
        assert.equal(formatLastUsed(now - 20 * day, now), "used 2 weeks ago");
    });
});
