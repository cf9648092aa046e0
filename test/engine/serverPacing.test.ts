// Completions on a server slower than the user's typing, played by a tiny local HTTP server. On a server set up
// for a team (several slots), once the engine has seen that answers take longer than the gaps between
// keystrokes, a burst of typing sends (almost) nothing to it, and the request after the last keystroke is
// answered; on a server with one slot, this editor's own, every keystroke's request goes out at once.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { FakeInferenceServer } from "./fakeInferenceServer";
import { startEngine } from "./fixtures";
import type { LspClient } from "./lspClient";
import { itemsOf, TypedDocument } from "./typedDocument";

const keystrokeGapMs = 80;
const keys = "(1+2+3+4+5+6+7+8+9)";

/** Types `text`, one keystroke every `keystrokeGapMs` with a completion request each, as VS Code does; resolves with the last request's items. */
async function burst(doc: TypedDocument, client: LspClient, text: string): Promise<unknown[]> {
    let previous: ReturnType<TypedDocument["request"]> | undefined;
    for (const key of text) {
        if (previous) client.cancel(previous.id);
        void previous?.result.catch(() => undefined);
        doc.type(key);
        previous = doc.request();
        await sleep(keystrokeGapMs);
    }
    return itemsOf(await previous!.result);
}

/** An engine on a fake server with `slots` slots that takes 300 ms to answer; runs `test` once the engine has timed a few answers. */
function onServerWithSlots(slots: number, test: (context: { fake: FakeInferenceServer; client: LspClient; doc: TypedDocument }) => Promise<void>) {
    return async () => {
        const fake = await FakeInferenceServer.start();
        fake.slots = slots;
        fake.behaviour = { kind: "slow", delayMs: 300, pieces: ["4", "2", ";"], pieceMs: 1 };
        const onFake = { backend: "llama-server", server: { url: fake.url } };
        const client = await startEngine({ completion: { ...onFake, enabled: true, maxTokens: 16 }, chat: onFake });
        try {
            const doc = new TypedDocument(client, "file:///work/paced.ts", "const a = \n", 10);
            for (let round = 0; round < 2; round++) {
                await burst(doc, client, "   ");
                await sleep(1100);
            }
            await test({ fake, client, doc });
        } finally {
            await client.stop();
            await fake.stop();
        }
    };
}

describe("completions on a server slower than the typing", () => {
    it("send a burst's requests only once the typing pauses, on a server set up for a team", onServerWithSlots(4, async ({ fake, client, doc }) => {
        const before = fake.requests.length;
        const items = await burst(doc, client, keys);
        const sent = fake.requests.length - before;
        assert.ok(sent <= keys.length / 3, `${sent} of ${keys.length} keystrokes' requests reached the server`);
        assert.ok(sent >= 1, "the request after the last keystroke was sent");
        assert.equal(items.length, 1, "and answered");
        assert.ok(client.logMessages.some((m) => /shared completion server answers slower than you type/.test(m.message)), "the log says why");
    }));

    it("send every keystroke's request at once to a server with one slot, this editor's own", onServerWithSlots(1, async ({ fake, client, doc }) => {
        const before = fake.requests.length;
        await burst(doc, client, keys);
        assert.ok(fake.requests.length - before >= keys.length, `${fake.requests.length - before} of ${keys.length} keystrokes' requests reached the server`);
    }));
});
