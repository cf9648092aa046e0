import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ProgressType, RequestType, type WorkDoneProgressBegin, type WorkDoneProgressEnd } from "vscode-languageserver-protocol";
import { progressFor, withWorkDone } from "../../../../engine/server/requestProgress";
import { connectionPair, type ConnectionPair } from "../../../support/connectionPair";

interface Params {
    partialResultToken?: unknown;
    values: string[];
}

/** A request that streams its `values` back as partial results and answers "done". */
const Echo = {
    method: "test/echo",
    type: new RequestType<Params, string, void>("test/echo"),
    progress: new ProgressType<string>(),
    progressToken: "partialResultToken"
} as const;

describe("progressFor: a request's progress on its own token", () => {
    let pair: ConnectionPair;
    let unhandled: unknown[];

    beforeEach(() => {
        pair = connectionPair();
        unhandled = [];
        pair.client.onUnhandledProgress((params) => unhandled.push(params));
        pair.server.onRequest(Echo.type, (params) => {
            const send = progressFor(pair.server, Echo, params);
            for (const value of params.values) send(value);
            return "done";
        });
    });
    afterEach(() => pair.dispose());

    it("sends each value on the token the params carry, before the response", async () => {
        const received: string[] = [];
        pair.client.onProgress(Echo.progress, "t1", (value) => void received.push(value));
        const result = await pair.client.sendRequest(Echo.type, { partialResultToken: "t1", values: ["a", "b", "c"] });
        assert.equal(result, "done");
        assert.deepEqual(received, ["a", "b", "c"]);
        assert.deepEqual(unhandled, []);
    });

    const noStream: Array<[string, unknown]> = [
        ["no token", undefined],
        ["a token that is an object", { id: 1 }],
        ["a token that is a fraction", 1.5]
    ];
    for (const [name, token] of noStream) {
        it(`sends nothing for ${name}`, async () => {
            const result = await pair.client.sendRequest(Echo.type, { partialResultToken: token, values: ["a"] });
            assert.equal(result, "done");
            assert.deepEqual(unhandled, [], "the response comes after anything sent before it");
        });
    }

    it("accepts an integer token", async () => {
        const received: string[] = [];
        pair.client.onProgress(Echo.progress, 7, (value) => void received.push(value));
        await pair.client.sendRequest(Echo.type, { partialResultToken: 7, values: ["x"] });
        assert.deepEqual(received, ["x"]);
    });

    it("does not throw once the connection is gone", () => {
        pair.server.dispose();
        const send = progressFor(pair.server, Echo, { partialResultToken: "t2" });
        assert.doesNotThrow(() => send("late"));
    });
});

describe("withWorkDone: LSP work-done progress around a piece of work", () => {
    type Sent = WorkDoneProgressBegin | { kind: "report"; n: number } | WorkDoneProgressEnd;
    const begin = { title: "Working", cancellable: true };

    it("begins before the first report and ends after the last", async () => {
        const sent: Sent[] = [];
        const result = await withWorkDone<string, Sent>((v) => sent.push(v), begin, async (report) => {
            report({ kind: "report", n: 1 });
            report({ kind: "report", n: 2 });
            return "ok";
        });
        assert.equal(result, "ok");
        assert.deepEqual(sent, [{ kind: "begin", ...begin }, { kind: "report", n: 1 }, { kind: "report", n: 2 }, { kind: "end" }]);
    });

    it("ends when the work fails after it began, and passes the failure on", async () => {
        const sent: Sent[] = [];
        const work = withWorkDone<string, Sent>((v) => sent.push(v), begin, async (report) => {
            report({ kind: "report", n: 1 });
            throw new Error("broken");
        });
        await assert.rejects(work, /broken/);
        assert.deepEqual(sent.map((v) => v.kind), ["begin", "report", "end"]);
    });

    it("sends nothing for work that fails before its first report", async () => {
        const sent: Sent[] = [];
        await assert.rejects(withWorkDone<string, Sent>((v) => sent.push(v), begin, async () => Promise.reject(new TypeError("bad params"))), TypeError);
        assert.deepEqual(sent, []);
    });
});
