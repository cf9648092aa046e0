// Completions on a shared server that gets busy with other work, played by a tiny local HTTP server: while it
// generates as fast as ever, every keystroke's request goes out at once, however long it takes to answer; once it generates markedly slower than
// before and answers slower than the user types, a burst of typing sends (almost) nothing to it, and the request
// after the last keystroke is answered.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { FakeInferenceServer } from "./fakeInferenceServer";
import { startEngine } from "./fixtures";
import type { LspClient } from "./lspClient";
import { itemsOf, TypedDocument } from "./typedDocument";

const keystrokeGapMs = 80;
const digits = ["1", "2", "3", "4", "5", "6", "7", "8"];

/** Types `keys`, one keystroke every `keystrokeGapMs` with a completion request each, as VS Code does; resolves with the last request's items. */
async function burst(doc: TypedDocument, client: LspClient, keys: string): Promise<unknown[]> {
    let previous: ReturnType<TypedDocument["request"]> | undefined;
    for (const key of keys) {
        if (previous) client.cancel(previous.id);
        void previous?.result.catch(() => undefined);
        doc.type(key);
        previous = doc.request();
        await sleep(keystrokeGapMs);
    }
    return itemsOf(await previous!.result);
}

describe("completions on a shared server that gets busy", () => {
    let fake: FakeInferenceServer;
    let client: LspClient;

    before(async () => {
        fake = await FakeInferenceServer.start();
        const onFake = { backend: "llama-server", server: { url: fake.url } };
        client = await startEngine({ completion: { ...onFake, enabled: true, maxTokens: 16 }, chat: onFake });
    });
    after(async () => {
        await client?.stop();
        await fake?.stop();
    });

    it("sends a burst's requests at once while the server is idle, and only once the typing pauses while it is busy", async () => {
        const doc = new TypedDocument(client, "file:///work/paced.ts", "const a = \n", 10);
        // Idle, though slower to answer than the user types: eight tokens in a few milliseconds after a long prompt,
        // and every keystroke's request sent.
        fake.behaviour = { kind: "slow", delayMs: 300, pieces: digits, pieceMs: 1 };
        for (let round = 0; round < 2; round++) {
            const sentBefore = fake.requests.length;
            await burst(doc, client, "    ");
            assert.ok(fake.requests.length - sentBefore >= 4, "every request of the burst was sent");
            await sleep(1100);
        }
        // Busy with others' work: a token every 60 ms, answers slower than the typing.
        fake.behaviour = { kind: "slow", delayMs: 200, pieces: digits, pieceMs: 60 };
        for (let round = 0; round < 3; round++) {
            await burst(doc, client, "  ");
            await sleep(1100);
        }

        const before = fake.requests.length;
        const keys = "(1+2+3+4+5+6+7+8+9)";
        const items = await burst(doc, client, keys);
        const sent = fake.requests.length - before;
        assert.ok(sent <= keys.length / 3, `${sent} of ${keys.length} keystrokes' requests reached the server`);
        assert.ok(sent >= 1, "the request after the last keystroke was sent");
        assert.equal(items.length, 1, "and answered");
        assert.ok(client.logMessages.some((m) => /completion server is busy with other work/.test(m.message)), "the log says why");
    });
});
