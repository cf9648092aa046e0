import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ResultCache } from "../../../../engine/completion/resultCache";

describe("completion result cache", () => {
    it("serves the rest of a suggestion while it is typed, still replacing the same text after the cursor", () => {
        const cache = new ResultCache();
        cache.set("file:///a.ts", "f(", ")", { text: "a, b)", replace: 1 });
        assert.deepEqual(cache.get("file:///a.ts", "f(", ")"), { text: "a, b)", replace: 1 });
        assert.deepEqual(cache.get("file:///a.ts", "f(a, ", ")"), { text: "b)", replace: 1 });
        assert.equal(cache.get("file:///b.ts", "f(", ")"), undefined);
    });

    it("stores nothing for no suggestion", () => {
        const cache = new ResultCache();
        cache.set("file:///a.ts", "x", "", undefined);
        cache.set("file:///a.ts", "y", "", { text: "  ", replace: 0 });
        assert.equal(cache.get("file:///a.ts", "x", ""), undefined);
        assert.equal(cache.get("file:///a.ts", "y", ""), undefined);
    });
});
