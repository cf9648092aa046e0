import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LogOutputChannel } from "vscode";
import { redactedTrace } from "../../../../src/servers/redactedTrace";

describe("the message trace", () => {
    it("hides every server key, as written and as JSON quotes it, and passes the rest through", () => {
        const written: unknown[] = [];
        const channel = { logLevel: 1, name: "Hearth", trace: (m: unknown) => written.push(m), error: (m: unknown) => written.push(m), show: () => "shown" };
        const keys = ['sk-"quoted"\\key', "sk-plain-123"];
        const trace = redactedTrace(channel as unknown as LogOutputChannel, () => keys);
        const params = JSON.stringify({ apiKeys: { "https://a": keys[0], "https://b": keys[1] } }, null, 4);
        trace.trace(`Sending request 'hearth/serverKeys/set - (3)'.\nParams: ${params}`);
        trace.error(new Error(`failed with sk-plain-123`));
        assert.equal(written[0], `Sending request 'hearth/serverKeys/set - (3)'.\nParams: ${JSON.stringify({ apiKeys: { "https://a": "••••", "https://b": "••••" } }, null, 4)}`);
        assert.equal((written[1] as Error).message, "failed with ••••");
        assert.equal(trace.logLevel, 1);
        assert.equal(trace.show(), "shown");
    });
});
