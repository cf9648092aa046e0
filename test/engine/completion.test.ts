import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { settingsFor, startEngine, tinyModel } from "./fixtures";
import type { LspClient, RpcResponseError } from "./lspClient";
import { itemsOf, TypedDocument, type CompletionStats } from "./typedDocument";

function rssMiB(pid: number): number {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
}

const header = `import { readFile } from "node:fs/promises";\n\nexport interface Options {\n    name: string;\n    retries: number;\n}\n\n`;
const footer = `\n\nexport function main(): void {\n    console.log("done");\n}\n`;

describe("inline completion speed and caches", () => {
    let client: LspClient;

    before(async () => {
        client = await startEngine(settingsFor(await tinyModel(), { completion: { maxTokens: 6 } }), { completionFixedTokens: 6 });
    });
    after(async () => client?.stop());

    it("evaluates only the typed tokens while the user types, reusing the rest of the prompt", async () => {
        const doc = new TypedDocument(client, "file:///work/reuse.ts", header + footer, header.length);
        doc.type("export function load(");
        const first = await doc.complete();
        assert.equal(first.stats.cacheHit, false);
        assert.equal(first.stats.evaluatedTokens + first.stats.reusedTokens, first.stats.promptTokens);
        let evaluatedByModel = 0;
        for (const text of ["path", ": string", ") {\n    "]) {
            doc.type(text);
            const next = await doc.complete();
            if (next.stats.cacheHit) continue;
            evaluatedByModel++;
            assert.ok(next.stats.evaluatedTokens <= text.length + 2, `typing ${JSON.stringify(text)} evaluated ${next.stats.evaluatedTokens} tokens`);
            assert.ok(next.stats.reusedTokens >= first.stats.promptTokens - 2);
        }
        assert.ok(evaluatedByModel > 0, "at least one keystroke reached the model, so the reuse was checked");
    });

    it("serves the rest of a suggestion from the cache when the user types through it", async () => {
        const doc = new TypedDocument(client, "file:///work/through.ts", header + footer, header.length);
        doc.type("const options: Options = ");
        const { items } = await doc.complete();
        assert.equal(items.length, 1, "the model suggests something");
        const suggestion = items[0].insertText;
        assert.ok(suggestion.length >= 2, JSON.stringify(suggestion));
        doc.type(suggestion.slice(0, 1));
        const through = await doc.complete();
        assert.equal(through.stats.cacheHit, true);
        assert.equal(through.items[0]?.insertText, suggestion.slice(1));
    });

    it("survives a storm of keystrokes, each cancelling the last, with flat memory", async () => {
        const doc = new TypedDocument(client, "file:///work/storm.ts", header + footer, header.length);
        const storm = async (rounds: number) => {
            const settled: Array<Promise<unknown>> = [];
            let previous: { id: number } | undefined;
            for (let i = 0; i < rounds; i++) {
                doc.type(i % 40 === 39 ? "\n" : "abcdefghij"[i % 10]);
                if (previous) client.cancel(previous.id);
                const request = doc.request();
                settled.push(request.result.then(() => "answered", (e: RpcResponseError) => {
                    assert.equal(e.code, -32800, e.message);
                    return "cancelled";
                }));
                previous = request;
            }
            const outcomes = await Promise.all(settled);
            assert.equal(outcomes.length, rounds);
            return outcomes.filter((o) => o === "cancelled").length;
        };
        await storm(60);
        const warm = rssMiB(client.process.pid!);
        const cancelled = await storm(200);
        assert.ok(cancelled > 0, "some requests were cancelled");
        const grown = rssMiB(client.process.pid!) - warm;
        assert.ok(grown < 40, `RSS grew by ${grown.toFixed(1)} MiB during 200 keystrokes`);
        const last = await doc.complete();
        assert.equal(last.stats.evaluatedTokens + last.stats.reusedTokens, last.stats.promptTokens);
    });

    it("a request for any document supersedes the completion in flight for another", async () => {
        // Long enough that the first answer is still generating when the second request arrives.
        await client.configureDebug({ completionFixedTokens: 1000 });
        try {
            const first = new TypedDocument(client, "file:///work/first.ts", header + footer, header.length);
            const second = new TypedDocument(client, "file:///work/second.ts", header + footer, header.length);
            first.type("const a = ");
            second.type("const b = ");
            const from = client.notifications.length;
            const slow = first.request();
            const newest = second.request();
            assert.deepEqual(itemsOf(await slow.result), [], "the superseded request answers with no suggestion");
            assert.equal(itemsOf(await newest.result).length, 1);
            const finished = client.notifications.slice(from).filter((n) => n.method === "hearth/completion/didFinish");
            assert.equal(finished.length, 1, "only the newest request ran to the end");
            assert.equal((finished[0].params as CompletionStats).generatedTokens, 1000);
        } finally {
            await client.configureDebug({ completionFixedTokens: 6 });
        }
    });

    it("sends stats with every answer, and honours completion.enabled", async () => {
        const doc = new TypedDocument(client, "file:///work/stats.ts", header + footer, header.length);
        doc.type("let x = ");
        const { stats } = await doc.complete();
        for (const key of ["promptTokens", "evaluatedTokens", "reusedTokens", "generatedTokens", "queueMs", "promptMs", "generateMs", "pausedMs"] as const) {
            assert.equal(typeof stats[key], "number", key);
            assert.ok(stats[key] >= 0, key);
        }
        assert.equal(stats.generatedTokens, 6);
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(await tinyModel(), { completion: { enabled: false } }) } });
        doc.type("1");
        assert.deepEqual(itemsOf(await doc.request().result), []);
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(await tinyModel(), { completion: { maxTokens: 6 } }) } });
    });
});
