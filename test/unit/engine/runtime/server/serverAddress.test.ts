import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { serverAddress } from "../../../../../engine/runtime/server/serverAddress";

const setting = "hearth.chat.server.url";

describe("server addresses", () => {
    const allowed: Array<[string, boolean, { origin: string; base: string }]> = [
        ["https://llm.example.com", false, { origin: "https://llm.example.com", base: "https://llm.example.com" }],
        ["https://llm.example.com:8443/team-a/", false, { origin: "https://llm.example.com:8443", base: "https://llm.example.com:8443/team-a" }],
        ["http://localhost:8080", false, { origin: "http://localhost:8080", base: "http://localhost:8080" }],
        ["http://127.0.0.1:11434/", false, { origin: "http://127.0.0.1:11434", base: "http://127.0.0.1:11434" }],
        ["http://[::1]:8000/v1", false, { origin: "http://[::1]:8000", base: "http://[::1]:8000/v1" }],
        ["http://gpu-box.internal:8000", true, { origin: "http://gpu-box.internal:8000", base: "http://gpu-box.internal:8000" }]
    ];
    for (const [url, insecure, address] of allowed) {
        it(`uses ${url}${insecure ? " when plain http is allowed" : ""}`, () => assert.deepEqual(serverAddress(url, setting, insecure), address));
    }

    const refused: Array<[string, RegExp]> = [
        ["", /hearth\.chat\.server\.url is empty/],
        ["gpu-box:8080", /must start with https:\/\//],
        ["not a url", /is not a URL/],
        ["ftp://files.example.com", /must start with https:\/\//],
        ["http://gpu-box.internal:8000", /plain http only to a server on this machine, not to gpu-box\.internal:8000/],
        ["http://10.0.0.5", /not to 10\.0\.0\.5/],
        ["https://user:secret@llm.example.com", /must not carry a user name or password/]
    ];
    for (const [url, message] of refused) {
        it(`refuses ${JSON.stringify(url)}`, () => assert.throws(() => serverAddress(url, setting, false), (error: Error & { code?: number }) => error.code === -32922 && message.test(error.message)));
    }
});
