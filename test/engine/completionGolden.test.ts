// The golden completion cases, black-box: for each case one engine loads a scripted model that answers exactly the
// case's raw output, the editor opens the document and asks for an inline completion as VS Code does, and the
// returned item (its range and text) is applied to the document, which must be the one the user expects.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BracketScanner } from "../../engine/completion/postprocess/scanner";
import { syntaxFor } from "../../engine/completion/postprocess/syntax";
import { ensureModel } from "../model/cache";
import { scriptPieces } from "../model/scriptPieces";
import { loadGoldenCases, type GoldenCase } from "../support/goldenCases";
import { applyItem, itemsOf, positionOf } from "../support/inlineItem";
import { completionParams, settingsFor, startEngine } from "./fixtures";
import type { LspClient } from "./lspClient";

interface Outcome {
    golden: GoldenCase;
    document: string | undefined;
}

const cases = loadGoldenCases();
const extensions: Record<string, string> = { typescript: "ts", typescriptreact: "tsx", javascript: "js", python: "py", go: "go", rust: "rs", java: "java", c: "c", cpp: "cpp", css: "css", scss: "scss", yaml: "yaml", json: "json" };
const settingsWith = (model: string) => settingsFor(model, { completion: { maxTokens: 64 }, model: { contextSize: 1024 } });

/** Unbalanced brackets and unterminated strings of a whole document. */
function problems(text: string, language: string): number {
    const scanner = new BracketScanner(syntaxFor(language));
    scanner.feed(`${text}\n`);
    return scanner.errors + scanner.stack.length;
}

describe("golden completion cases", { timeout: 900_000 }, () => {
    let client: LspClient;
    let loaded = "";
    const outcomes: Outcome[] = [];

    before(async () => {
        loaded = await ensureModel({ preset: "tiny", script: scriptPieces(cases[0].raw) });
        client = await startEngine(settingsWith(loaded));
    });
    after(async () => client?.stop());

    async function load(model: string): Promise<void> {
        if (model === loaded) return;
        const from = client.notifications.length;
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsWith(model) } });
        const status = await client.waitForNotification<{ state: string; path?: string }>("hearth/status/didChange", (s) => s.path === model && s.state !== "loading", from);
        assert.equal(status.state, "ready", JSON.stringify(status));
        loaded = model;
    }

    async function run(golden: GoldenCase, index: number): Promise<Outcome> {
        await load(await ensureModel({ preset: "tiny", script: scriptPieces(golden.raw) }));
        const uri = `file:///golden/case${index}.${extensions[golden.language] ?? "txt"}`;
        client.open(uri, golden.document, golden.language);
        const { line, character } = positionOf(golden.document, golden.cursor);
        const items = itemsOf(await client.call("textDocument/inlineCompletion", completionParams(uri, line, character)));
        client.notify("textDocument/didClose", { textDocument: { uri } });
        return { golden, document: items.length === 0 ? undefined : applyItem(golden.document, items[0]) };
    }

    for (const file of [...new Set(cases.map((c) => c.file))]) {
        it(`answers the cases of ${file}`, async () => {
            for (const [index, golden] of cases.entries()) if (golden.file === file) outcomes.push(await run(golden, index));
        });
    }

    it("leaves the expected document in at least 95% of the cases, and never unbalances a balanced one", () => {
        assert.equal(outcomes.length, cases.length, "every case ran");
        const failed = outcomes.filter((o) => o.document !== o.golden.expected);
        const show = (o: Outcome) => `${o.golden.file}: ${o.golden.name}\n  expected ${JSON.stringify(o.golden.expected ?? null)}\n  got      ${JSON.stringify(o.document ?? null)}`;
        const rate = (outcomes.length - failed.length) / outcomes.length;
        process.stdout.write(`golden completion cases: ${outcomes.length - failed.length} of ${outcomes.length} (${(rate * 100).toFixed(1)}%) over ${new Set(cases.map((c) => c.language)).size} languages\n`);
        for (const family of new Set(outcomes.map((o) => o.golden.family))) {
            const mine = outcomes.filter((o) => o.golden.family === family);
            process.stdout.write(`  ${family}: ${mine.filter((o) => o.document === o.golden.expected).length} of ${mine.length}\n`);
        }
        for (const o of failed) process.stdout.write(`${show(o)}\n`);
        assert.ok(rate >= 0.95, `${failed.length} cases failed`);
        const unbalanced = outcomes.filter((o) => o.document !== undefined && problems(o.document, o.golden.language) > problems(o.golden.expected ?? o.golden.document, o.golden.language));
        assert.deepEqual(unbalanced.map(show), []);
    });
});
