import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { connectionCause, httpFailure, serverMessage } from "../../../../../engine/runtime/server/serverErrors";

describe("server errors", () => {
    const bodies: Array<[string, string]> = [
        ['{"error":{"message":"Invalid API Key","type":"authentication_error"}}', "Invalid API Key"],
        ['{"error":"model \\"qwen:7b\\" not found, try pulling it first"}', 'model "qwen:7b" not found, try pulling it first'],
        ['{"object":"error","message":"The model `x` does not exist.","code":404}', "The model `x` does not exist."],
        ['{"detail":"Not Found"}', "Not Found"],
        ['{"detail":[{"loc":["body","prompt"],"msg":"field required"}]}', '[{"loc":["body","prompt"],"msg":"field required"}]'],
        ["<html><body><h1>502 Bad Gateway</h1>\n</body></html>", "502 Bad Gateway"],
        ["", ""]
    ];
    for (const [body, message] of bodies) {
        it(`reads the server's own words from ${JSON.stringify(body.slice(0, 30))}`, () => assert.equal(serverMessage(body), message));
    }

    it("names the server, the status and what to do", () => {
        const o = "https://llm.example.com";
        assert.equal(httpFailure(o, "/v1/completions", 503, "", "hearth.completion").message, "https://llm.example.com failed (503).");
        assert.match(httpFailure(o, "/v1/models", 403, "", "hearth.chat").message, /refused Hearth \(403\)\. Set its API key/);
        assert.match(httpFailure(o, "/v1/completions", 400, '{"error":{"message":"suffix is not currently supported"}}', "hearth.completion").message, /rejected Hearth's request to \/v1\/completions \(400\): suffix is not currently supported\./);
        assert.equal(httpFailure(o, "/x", 500, "", "hearth.chat").code, -32921);
    });

    it("finds the system error Node's fetch hides in its cause", () => {
        const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8080"), { code: "ECONNREFUSED" }) });
        assert.equal(connectionCause(refused), "connect ECONNREFUSED 127.0.0.1:8080");
        const dns = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("getaddrinfo failed"), { code: "ENOTFOUND" }) });
        assert.equal(connectionCause(dns), "getaddrinfo failed (ENOTFOUND)");
        assert.equal(connectionCause("weird"), "weird");
    });
});
