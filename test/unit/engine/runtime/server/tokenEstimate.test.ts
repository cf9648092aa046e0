import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TokenEstimate } from "../../../../../engine/runtime/server/tokenEstimate";

describe("token estimate", () => {
    it("counts generously before the server said anything", () => {
        assert.equal(new TokenEstimate().count("x".repeat(100)), 40);
    });

    it("follows the densest prompt the server reported, with a margin, and ignores tiny ones", () => {
        const estimate = new TokenEstimate();
        estimate.observe(400, 100);
        assert.equal(estimate.count("x".repeat(360)), 100, "4 characters per token, counted as 3.6");
        estimate.observe(300, 100);
        assert.equal(estimate.forChars(270), 100, "the denser prompt wins: 3 per token, counted as 2.7");
        estimate.observe(10, 5);
        assert.equal(estimate.forChars(270), 100, "a prompt of 5 tokens says nothing");
    });

    it("forgets old prompts", () => {
        const estimate = new TokenEstimate();
        estimate.observe(200, 100);
        for (let i = 0; i < 16; i++) estimate.observe(400, 100);
        assert.equal(estimate.forChars(360), 100);
    });
});
