import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { CancellationTokenSource, LSPErrorCodes, type CancellationToken, ProgressType, RequestType, ResponseError } from "vscode-languageserver-protocol";
import { sendStreamingRequest } from "../../../src/streamingRequest";
import { connectionPair, type ConnectionPair } from "../../support/connectionPair";

interface Params {
    values: string[];
    fail?: boolean;
    /** Wait for $/cancelRequest after streaming the values. */
    hold?: boolean;
}

type TokenField = "partialResultToken" | "workDoneToken";

function echoRequest(progressToken: TokenField) {
    return { method: "test/echo", type: new RequestType<Params, string[], void>("test/echo"), progress: new ProgressType<string>(), progressToken } as const;
}

/** Streams `values` on whatever token the request carries in `field`, then answers with the tokens seen so far. */
function serveEcho(pair: ConnectionPair, field: TokenField): string[] {
    const tokens: string[] = [];
    pair.server.onRequest("test/echo", async (params: Params & Record<string, unknown>, cancel: CancellationToken) => {
        const token = params[field] as string;
        tokens.push(token);
        for (const value of params.values) void pair.server.sendProgress(new ProgressType<string>(), token, value);
        if (params.fail) throw new ResponseError(-32000, "it failed");
        if (params.hold) await new Promise<void>((resolve) => cancel.onCancellationRequested(() => resolve()));
        if (cancel.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "cancelled");
        return [...tokens];
    });
    // Sends a value on a token after its request has been answered.
    pair.server.onRequest("test/late", (token: string) => void pair.server.sendProgress(new ProgressType<string>(), token, "late"));
    return tokens;
}

describe("sendStreamingRequest: a request and its progress, for as long as it runs", () => {
    let pair: ConnectionPair;
    let unhandled: unknown[];

    beforeEach(() => {
        pair = connectionPair();
        unhandled = [];
        pair.client.onUnhandledProgress((params) => unhandled.push(params));
    });
    afterEach(() => pair.dispose());

    for (const field of ["partialResultToken", "workDoneToken"] as const) {
        it(`puts a fresh token in ${field} and hands on what arrives on it, in order`, async () => {
            serveEcho(pair, field);
            const request = echoRequest(field);
            const first: string[] = [];
            const second: string[] = [];
            const [tokens1, tokens2] = await Promise.all([
                sendStreamingRequest(pair.client, request, { values: ["a", "b", "c"] }, (v) => first.push(v)),
                sendStreamingRequest(pair.client, request, { values: ["x", "y"] }, (v) => second.push(v))
            ]);
            assert.deepEqual(first, ["a", "b", "c"]);
            assert.deepEqual(second, ["x", "y"]);
            assert.equal(typeof tokens1[0], "string");
            assert.notEqual(tokens2[1], tokens2[0], "each request has its own token");
            assert.deepEqual(unhandled, []);
        });
    }

    it("stops listening once the response has arrived", async () => {
        serveEcho(pair, "partialResultToken");
        const received: string[] = [];
        const [token] = await sendStreamingRequest(pair.client, echoRequest("partialResultToken"), { values: ["a"] }, (v) => received.push(v));
        await pair.client.sendRequest("test/late", token);
        assert.deepEqual(received, ["a"]);
        assert.deepEqual(unhandled, [{ token, value: "late" }]);
    });

    it("stops listening when the request fails", async () => {
        const tokens = serveEcho(pair, "partialResultToken");
        const received: string[] = [];
        await assert.rejects(sendStreamingRequest(pair.client, echoRequest("partialResultToken"), { values: ["a"], fail: true }, (v) => received.push(v)), /it failed/);
        await pair.client.sendRequest("test/late", tokens[0]);
        assert.deepEqual(received, ["a"]);
        assert.equal(unhandled.length, 1);
    });

    it("passes the cancellation token on", async () => {
        serveEcho(pair, "partialResultToken");
        const cancel = new CancellationTokenSource();
        const received: string[] = [];
        const pending = sendStreamingRequest(pair.client, echoRequest("partialResultToken"), { values: ["a"], hold: true }, (v) => {
            received.push(v);
            cancel.cancel();
        }, cancel.token);
        await assert.rejects(pending, (error: ResponseError<void>) => error.code === LSPErrorCodes.RequestCancelled);
        assert.deepEqual(received, ["a"]);
    });
});
