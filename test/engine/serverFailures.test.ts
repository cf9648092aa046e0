// A role's server going wrong, played by a tiny local HTTP server: every failure reaches the user as one clear
// sentence (in the request's error and in the role's status), completions answer nothing instead of failing on
// every keystroke, a dropped connection is retried, and no answer waits forever.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { freePort } from "../support/llamaServer";
import { until } from "../support/until";
import { FakeInferenceServer, type Behaviour } from "./fakeInferenceServer";
import { startEngine } from "./fixtures";
import type { LspClient, RpcResponseError } from "./lspClient";
import { itemsOf, TypedDocument } from "./typedDocument";

interface RoleStatus { backend: string; server?: string; problem?: string }
interface Status { state: string; roles?: { completion: RoleStatus; chat: RoleStatus } }

const origin = /http:\/\/127\.0\.0\.1:\d+/.source;

function onServer(url: string, extra: object = {}) {
    return { completion: { backend: "llama-server", server: { url } }, chat: { backend: "llama-server", server: { url } }, ...extra };
}

const ask = (client: LspClient) => client.stream<{ text: string }, { text: string }>("hearth/chat/send", { messages: [{ role: "user", text: "Hello?" }], maxTokens: 8 });

async function rejects(client: LspClient, code: number, message: RegExp): Promise<void> {
    await assert.rejects(ask(client).result, (error: RpcResponseError) => {
        assert.equal(error.code, code, error.message);
        assert.match(error.message, message);
        return true;
    });
}

describe("a role's server going wrong", () => {
    let fake: FakeInferenceServer;
    let client: LspClient;

    before(async () => {
        fake = await FakeInferenceServer.start();
        client = await startEngine(onServer(fake.url), { serverTimeoutMs: 300 });
    });
    after(async () => {
        await client?.stop();
        await fake?.stop();
    });

    const failures: Array<[string, Behaviour, number, RegExp]> = [
        ["fails", { kind: "status", status: 500, body: '{"error":{"code":500,"message":"CUDA error: out of memory","type":"server_error"}}' }, -32921, new RegExp(`^${origin} failed \\(500\\): CUDA error: out of memory\\.$`)],
        ["refuses the API key", { kind: "status", status: 401, body: '{"error":{"message":"Invalid API Key","type":"authentication_error"}}' }, -32921, new RegExp(`^${origin} refused Hearth \\(401\\): Invalid API Key\\. Set its API key with "Hearth: Set Server API Key…"\\.$`)],
        ["has no such endpoint or model", { kind: "status", status: 404, body: '{"detail":"Not Found"}' }, -32921, /has no \/v1\/chat\/completions or no such model \(404\): Not Found\. Check hearth\.chat\.backend .* and hearth\.chat\.server\.model\./],
        ["is too busy", { kind: "status", status: 429, body: "Too Many Requests" }, -32921, /is too busy and turned Hearth away \(429\): Too Many Requests\. Try again in a moment\./],
        ["never answers", { kind: "silent" }, -32920, new RegExp(`^Hearth cannot reach ${origin}: no answer within 300 ms$`)],
        ["breaks off mid-answer", { kind: "breakOff", pieces: ["Hello", " there"] }, -32920, new RegExp(`^The connection to ${origin} broke off mid-answer: `)]
    ];
    for (const [name, behaviour, code, message] of failures) {
        it(`says so in one sentence when the server ${name}, in the error and in the chat role's status`, async () => {
            fake.behaviour = behaviour;
            const chat = ask(client);
            await assert.rejects(chat.result, (error: RpcResponseError) => {
                assert.equal(error.code, code, error.message);
                assert.match(error.message, message);
                return true;
            });
            const status = await client.call<Status>("hearth/status/get");
            assert.match(status.roles!.chat.problem ?? "", message);
            if (behaviour.kind === "breakOff") assert.equal(chat.progress().map((d) => d.text).join(""), "Hello there", "what arrived was shown");
        });
    }

    it("retries a connection dropped before any answer, with backoff, and answers", async () => {
        fake.behaviour = { kind: "flaky", drops: 2, pieces: ["Back", " again"] };
        const before = fake.requests.length;
        const answer = await ask(client).result;
        assert.equal(answer.text, "Back again");
        assert.equal(fake.requests.length - before, 3, "two dropped, the third answered");
        const status = await until("the chat role's problem to clear", async () => {
            const now = await client.call<Status>("hearth/status/get");
            return now.roles!.chat.problem === undefined ? now : undefined;
        });
        assert.equal(status.state, "ready");
    });

    it("answers no completion while the server fails, instead of an error on every keystroke, and says why in the status", async () => {
        fake.behaviour = { kind: "status", status: 503, body: '{"error":{"message":"Loading model"}}' };
        const doc = new TypedDocument(client, "file:///work/failing.ts", "const a = \n", 10);
        assert.deepEqual(itemsOf(await doc.request().result), []);
        const status = await client.call<Status>("hearth/status/get");
        assert.match(status.roles!.completion.problem ?? "", new RegExp(`^${origin} failed \\(503\\): Loading model\\.$`));
    });

    it("closes a superseded completion's connection at once", async () => {
        fake.behaviour = { kind: "endless" };
        const doc = new TypedDocument(client, "file:///work/superseded.ts", "const a = \n", 10);
        const closedBefore = fake.closedEarly;
        const requestsBefore = fake.requests.length;
        const first = doc.request();
        await until("the first request to reach the server", () => (fake.requests.length > requestsBefore ? true : undefined));
        doc.type("1");
        const second = doc.request();
        assert.deepEqual(itemsOf(await first.result), []);
        await until("the server to see the first connection closed", () => (fake.closedEarly > closedBefore ? true : undefined));
        client.cancel(second.id);
        await second.result.catch(() => undefined);
    });

    it("says who cannot be reached when the server is down", async () => {
        const closed = `http://127.0.0.1:${await freePort()}`;
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: onServer(closed) } });
        await rejects(client, -32920, /^Hearth cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    });

    it("sends code over plain http only to this machine, unless the user allows it", async () => {
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: onServer("http://10.1.2.3:8080") } });
        await rejects(client, -32922, /^Hearth sends code over plain http only to a server on this machine, not to 10\.1\.2\.3:8080\. Use https:\/\/, or turn on hearth\.server\.allowInsecureHttp/);
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: onServer("") } });
        await rejects(client, -32922, /^hearth\.chat\.server\.url is empty: set it to the server's URL/);
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: onServer(fake.url) } });
    });

    it("sends the API key it was given to its server only, and never logs it", async () => {
        fake.behaviour = { kind: "flaky", drops: 0, pieces: ["ok"] };
        const key = "sk-team-0123456789abcdef";
        await client.call("hearth/serverKeys/set", { apiKeys: { [fake.url]: key, "https://elsewhere.example.com": "sk-other" } });
        await ask(client).result;
        assert.equal(fake.requests.at(-1)!.authorization, `Bearer ${key}`);
        await assert.rejects(client.call("hearth/serverKeys/set", { apiKeys: { "not a url": key } }), (error: RpcResponseError) => {
            assert.equal(error.code, -32602);
            assert.ok(!error.message.includes(key));
            return true;
        });
        await client.call("hearth/serverKeys/set", { apiKeys: {} });
        await ask(client).result;
        assert.equal(fake.requests.at(-1)!.authorization, undefined);
        assert.ok(!client.logMessages.some((m) => m.message.includes(key)) && !client.stderr.includes(key), "the key is in no log");
    });
});
