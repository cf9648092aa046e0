// The fuzz suite: hostile protocol messages from a fixed seed, each followed by a good request. A death is the
// engine exiting; a hang is the good request unanswered for 10 s. Broken framing and the lifecycle run on engines
// of their own: there the engine must answer as LSP says, or end with its reason on stderr.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { settingsFor, startEngine, tinyModel } from "./fixtures";
import { framed, hostileMessages, type Family } from "./fuzzMessages";
import { debugEnv, LspClient, RpcResponseError } from "./lspClient";

const hangMs = 10_000;
const seed = 20261201;

/** Resolves "answered", "died" or "hung". */
async function probe(client: LspClient): Promise<"answered" | "died" | "hung"> {
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), hangMs)));
    const answered = client.call("hearth/status/get").then(() => "answered" as const, () => (client.process.exitCode === null ? ("answered" as const) : ("died" as const)));
    const outcome = await Promise.race([answered, hung, client.exitCode.then(() => "died" as const)]);
    clearTimeout(timer);
    return outcome;
}

describe("hostile protocol messages", () => {
    let client: LspClient;
    before(async () => {
        client = await startEngine(settingsFor(await tinyModel(), { chat: { maxTokens: 4 } }), { completionFixedTokens: 1, refactorIgnoresEndOfText: false });
        client.open("file:///work/fuzz.ts", "let a = 1;\nlet b = 2;\n");
    });
    after(async () => client?.stop());

    it("1,050 messages over seven families: no death, no hang", async () => {
        const messages = hostileMessages(seed, 1050, 1_000_000);
        const tally = new Map<Family, number>();
        for (const [i, { family, body }] of messages.entries()) {
            client.process.stdin!.write(framed(body));
            const outcome = await probe(client);
            assert.equal(outcome, "answered", `message ${i} (${family}): the engine ${outcome}: ${body.subarray(0, 300).toString()}\n${client.logTail()}`);
            // Whatever the hostile request started is cancelled, so work does not pile up.
            client.cancel(1_000_000 + i);
            tally.set(family, (tally.get(family) ?? 0) + 1);
        }
        assert.equal([...tally.values()].reduce((a, b) => a + b), 1050);
        assert.equal(tally.size, 7);
    });
});

const framing: Array<[string, string]> = [
    ["a Content-Length one byte too large", 'Content-Length: 41\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"x"}'],
    ["no Content-Length", 'Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"x"}'],
    ["a non-numeric Content-Length", "Content-Length: many\r\n\r\n{}"],
    ["LF-only headers", 'Content-Length: 38\n\n{"jsonrpc":"2.0","id":1,"method":"x"}'],
    ["NUL bytes in the header", "Content-Length:\u0000 12\r\n\r\n{}"],
    ["a header without a colon", "Content-Length 12\r\n\r\n{}"]
];

describe("broken framing", () => {
    for (const [name, bytes] of framing) {
        it(`${name}: the engine answers, or exits with its reason`, async () => {
            const client = new LspClient(debugEnv);
            await client.initialize(settingsFor(""));
            client.sendRaw(bytes);
            const outcome = await probe(client);
            if (outcome === "died") assert.match(client.stderr, /hearth engine: /, "the reason is on stderr");
            else assert.equal(outcome, "answered");
            await client.stop();
        });
    }
});

describe("the LSP lifecycle", () => {
    it("answers before initialize, refuses a second initialize and requests after shutdown, and exits on exit", async () => {
        const client = new LspClient(debugEnv);
        await assert.rejects(client.call("hearth/status/get"), (e: RpcResponseError) => e.code === -32002);
        await assert.rejects(client.call("textDocument/inlineCompletion", {}), (e: RpcResponseError) => e.code === -32002);
        await client.initialize(settingsFor(""));
        await assert.rejects(client.initialize(settingsFor("/elsewhere/model.gguf")), (e: RpcResponseError) => e.code === -32600);
        assert.equal((await client.call<{ state: string }>("hearth/status/get")).state, "noModel");
        await client.call("shutdown");
        await assert.rejects(client.call("hearth/status/get"), (e: RpcResponseError) => e.code === -32600);
        client.notify("exit");
        assert.equal(await client.exitCode, 0);
    });

    it("exits on SIGTERM", async () => {
        const client = new LspClient(debugEnv);
        await client.initialize(settingsFor(""));
        client.process.kill("SIGTERM");
        assert.equal(await client.exitCode, 0);
    });
});
