// What the engine returns for an inline completion request beyond one suggestion at the cursor: alternatives
// when the user asks (triggerKind Invoked), and a suggestion that starts with the suggest widget's selected item.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ensureModel } from "../model/cache";
import { scriptPieces } from "../model/scriptPieces";
import { itemsOf } from "../support/inlineItem";
import { settingsFor, startEngine, tinyModel } from "./fixtures";
import type { LspClient } from "./lspClient";

const automatic = 2;
const invoked = 1;

describe("inline completion items", () => {
    describe("on a model with random weights", () => {
        let client: LspClient;
        before(async () => {
            client = await startEngine(settingsFor(await tinyModel(), { completion: { maxTokens: 8, alternatives: 3 } }));
        });
        after(async () => client?.stop());

        it("offers one suggestion while typing, and distinct alternatives, the first unchanged, when asked", async () => {
            const uri = "file:///work/alternatives.ts";
            client.open(uri, "export function add(a: number, b: number): number {\n    return \n}\n");
            const ask = async (triggerKind: number) => itemsOf(await client.call("textDocument/inlineCompletion", { textDocument: { uri }, position: { line: 1, character: 11 }, context: { triggerKind } }));
            const typing = await ask(automatic);
            assert.equal(typing.length, 1);
            const asked = await ask(invoked);
            assert.ok(asked.length >= 2 && asked.length <= 3, JSON.stringify(asked));
            assert.deepEqual(asked[0], typing[0]);
            assert.equal(new Set(asked.map((item) => item.insertText)).size, asked.length);
            assert.deepEqual(await ask(invoked), asked, "the same request gets the same alternatives");
        });
    });

    describe("on a scripted model", () => {
        let client: LspClient;
        before(async () => {
            const model = await ensureModel({ preset: "tiny", script: scriptPieces('.log("ready");') });
            client = await startEngine(settingsFor(model, { completion: { maxTokens: 16 } }));
        });
        after(async () => client?.stop());

        it("continues the suggest widget's selected item, over the same range", async () => {
            const uri = "file:///work/selected.ts";
            client.open(uri, "function start() {\n    cons\n}\n");
            const selectedCompletionInfo = { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } }, text: "console" };
            const items = itemsOf(await client.call("textDocument/inlineCompletion", { textDocument: { uri }, position: { line: 1, character: 8 }, context: { triggerKind: automatic, selectedCompletionInfo } }));
            assert.deepEqual(items, [{ insertText: 'console.log("ready");', range: selectedCompletionInfo.range }]);
        });
    });
});
