import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseServerKeys } from "../../../../../engine/runtime/server/serverKeys";

describe("server keys from the editor", () => {
    it("keys them by origin and drops empty ones", () => {
        assert.deepEqual(parseServerKeys({ apiKeys: { "https://llm.example.com/": " sk-1 ", "http://localhost:8080": "", "HTTPS://GPU.example.com:443": "sk-2" } }), {
            "https://llm.example.com": "sk-1",
            "https://gpu.example.com": "sk-2"
        });
    });

    it("refuses malformed messages without quoting a key", () => {
        for (const raw of [null, {}, { apiKeys: [] }, { apiKeys: { "https://a.example": 42 } }, { apiKeys: { "no origin": "sk-secret-1" } }]) {
            assert.throws(() => parseServerKeys(raw), (error: Error) => error instanceof TypeError && !error.message.includes("sk-secret-1"));
        }
    });
});
