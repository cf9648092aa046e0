import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { requiredPartBytes } from "../../../../engine/models/verifyDownload";

describe("download verification", () => {
    it("computes the bytes each part needs from its tensors", () => {
        const needed = requiredPartBytes([
            { filePart: 1, fileOffset: 1000, dimensions: [64, 64], ggmlType: 1 },
            { filePart: 1, fileOffset: 9192, dimensions: [64, 32], ggmlType: 8 },
            { filePart: 2, fileOffset: 500n, dimensions: [256, 2], ggmlType: 12 }
        ]);
        assert.equal(needed.get(1), 9192 + (64 * 32 / 32) * 34);
        assert.equal(needed.get(2), 500 + 2 * 144);
    });
});
