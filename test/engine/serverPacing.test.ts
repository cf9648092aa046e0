// Completions on a server slower than the user's typing, played by a tiny local HTTP server: once the engine has
// seen that answers take longer than the gaps between keystrokes, a burst of typing sends (almost) nothing to
// the server, and the request after the last keystroke is answered.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { FakeInferenceServer } from "./fakeInferenceServer";
import { startEngine } from "./fixtures";
import type { LspClient } from "./lspClient";
import { itemsOf, TypedDocument } from "./typedDocument";

const keystrokeGapMs = 80;
const answerMs = 700;

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

describe("completions on a server slower than the typing", () => {
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

    it("sends a burst's requests only once the typing pauses", async () => {
        fake.behaviour = { kind: "slow", delayMs: answerMs, pieces: ["42;"] };
        const doc = new TypedDocument(client, "file:///work/paced.ts", "const a = \n", 10);
        // Until an answer has been timed, every keystroke's request goes out.
        const first = fake.requests.length;
        await burst(doc, client, "    ");
        assert.ok(fake.requests.length - first >= 4, "every request of the first burst was sent");
        await sleep(1200);

        const before = fake.requests.length;
        const keys = "(1+2+3+4+5+6+7+8+9)";
        const items = await burst(doc, client, keys);
        const sent = fake.requests.length - before;
        assert.ok(sent <= keys.length / 3, `${sent} of ${keys.length} keystrokes' requests reached the server`);
        assert.ok(sent >= 1, "the request after the last keystroke was sent");
        assert.equal(items.length, 1, "and answered");
    });
});
