import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ServerPromptCache } from "../../../../../engine/runtime/server/serverPromptCache";

describe("what a server's prompt cache probably holds", () => {
    it("holds nothing before the server evaluated a prompt", () => {
        assert.equal(new ServerPromptCache().cachedChars("<prefix>abc"), 0);
    });

    it("holds the longest start a recent prompt shares with the new one", () => {
        const cache = new ServerPromptCache();
        cache.evaluated("<prefix>file a<suffix>tail a<middle>");
        cache.evaluated("<prefix>file b<suffix>tail b<middle>");
        assert.equal(cache.cachedChars("<prefix>file a<suffix>tail a<middle>typed"), "<prefix>file a<suffix>tail a<middle>".length);
        assert.equal(cache.cachedChars("<prefix>file c"), "<prefix>file ".length);
    });

    it("keeps one prompt per place: a longer prompt at the same place replaces the shorter", () => {
        const cache = new ServerPromptCache();
        for (const place of ["a", "b", "c", "d"]) cache.evaluated(`<prefix>${place}`);
        cache.evaluated("<prefix>a and more");
        cache.evaluated("<prefix>e");
        assert.equal(cache.cachedChars("<prefix>a and more"), "<prefix>a and more".length, "place a was refreshed, so b went first");
        assert.equal(cache.cachedChars("<prefix>b"), "<prefix>".length);
    });
});
