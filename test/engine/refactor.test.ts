import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { extractCode } from "../../engine/refactor/fences";
import { completionParams, settingsFor, startEngine, tinyModel } from "./fixtures";
import { LspClient, RpcResponseError } from "./lspClient";

const run = "hearth/refactor/run";
const code = "export function add(a: number, b: number): number {\n    return a + b;\n}";
const edit = { command: "edit", code, languageId: "typescript", fileName: "src/math.ts", instruction: "rename add to sum" };

interface Delta { text: string; code: string; codeReset?: boolean }
interface Result { text: string; code: string; finishReason: string; promptTokens: number; generatedTokens: number; omittedLines: number }

/** Sends hearth/refactor/run and keeps the deltas it streams as partial results. */
function refactor(client: LspClient, params: object) {
    return client.stream<Result, Delta>(run, params);
}

function replay(deltas: Delta[]): { text: string; code: string } {
    let text = "";
    let proposal = "";
    for (const delta of deltas) {
        text += delta.text;
        proposal = delta.codeReset ? delta.code : proposal + delta.code;
    }
    return { text, code: proposal };
}

describe("refactor over plain LSP", () => {
    let client: LspClient;

    before(async () => {
        // Random weights end at random: a bounded number of tokens, end-of-text ignored, keeps these deterministic.
        client = await startEngine(settingsFor(await tinyModel(), { chat: { contextSize: 2048 } }), { refactorIgnoresEndOfText: true });
    });
    after(async () => client?.stop());

    it("streams the proposal in deltas that add up to the answer", async () => {
        const streamed = refactor(client, { ...edit, maxTokens: 24 });
        const result = await streamed.result;
        const deltas = streamed.progress();
        assert.ok(deltas.length >= 2, `${deltas.length} deltas`);
        assert.deepEqual(replay(deltas), { text: result.text, code: result.code });
        assert.ok(result.generatedTokens > 0 && result.generatedTokens <= 24);
        assert.ok(["maxTokens", "closedFence"].includes(result.finishReason), result.finishReason);
        assert.ok(result.promptTokens > 50, "the prompt holds the chat template, the instruction and the code");
    });

    it("opens the answer with a code fence and returns the code inside it", async () => {
        const result = await client.call<Result>(run, { ...edit, maxTokens: 16 });
        assert.ok(result.text.startsWith("```ts\n"), JSON.stringify(result.text.slice(0, 20)));
        assert.equal(result.code, extractCode(result.text).code);
        assert.ok(!result.code.includes("```"));
    });

    it("answers a commit message without a fence", async () => {
        const diff = "diff --git a/src/math.ts b/src/math.ts\n--- a/src/math.ts\n+++ b/src/math.ts\n@@ -1 +1 @@\n-export function add(\n+export function sum(";
        const commit = refactor(client, { command: "commitMessage", code: diff, languageId: "diff", maxTokens: 12 });
        const result = await commit.result;
        assert.ok(!result.text.startsWith("```"));
        assert.equal(replay(commit.progress()).text, result.text);
    });

    it("leaves out the context farthest from the selection when it does not fit, never the selection", async () => {
        const filler = Array.from({ length: 60 }, (_, i) => `const filler${i} = ${"[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]".repeat(2)};`).join("\n");
        const result = await client.call<Result>(run, { ...edit, before: filler, after: filler, maxTokens: 8 });
        assert.ok(result.omittedLines > 0, "some context lines were left out");
        assert.ok(result.omittedLines < 120, "some context lines were kept");
        assert.ok(result.promptTokens + 8 <= 2048);
    });

    it("answers a prompt larger than the context window with a clear error", async () => {
        const huge = Array.from({ length: 3000 }, (_, i) => `    total += values[${i}] * weights[${i}];`).join("\n");
        const tooLong = refactor(client, { ...edit, code: huge });
        await assert.rejects(tooLong.result, (error: RpcResponseError) => {
            assert.equal(error.code, -32906);
            assert.match(error.message, /The selection is too long for the model's context/);
            assert.match(error.message, /context holds 2048/);
            assert.match(error.message, /hearth\.chat\.contextSize/);
            return true;
        });
        assert.equal(tooLong.progress().length, 0);
    });

    it("stops generating when cancelled, then serves the next request", async () => {
        const pending = refactor(client, { ...edit, maxTokens: 1500 });
        await pending.waitForProgress();
        client.cancel(pending.id);
        await assert.rejects(pending.result, (error: RpcResponseError) => error.code === -32800);
        const afterCancel = pending.progress().length;
        await client.call<Result>(run, { ...edit, maxTokens: 4 });
        assert.equal(pending.progress().length, afterCancel, "no delta of the cancelled run arrives once it is answered");
    });

    it("lets an inline completion run while a long refactor is generating", async () => {
        const pending = refactor(client, { ...edit, maxTokens: 1500 });
        let refactorSettled = false;
        const settled = pending.result.then(() => (refactorSettled = true), () => (refactorSettled = true));
        await pending.waitForProgress();
        const uri = "file:///work/preempt.ts";
        const source = "function multiply(a: number, b: number): number {\n    ";
        client.open(uri, source);
        const completion = await client.call<unknown>("textDocument/inlineCompletion", completionParams(uri, 1, 4));
        assert.ok(completion !== undefined);
        assert.equal(refactorSettled, false, "the completion was answered while the refactor was still generating");
        client.cancel(pending.id);
        await settled;
    });

    it("rejects malformed params with InvalidParams and keeps serving", async () => {
        const malformed: unknown[] = [
            null,
            {},
            { ...edit, command: "explode" },
            { ...edit, instruction: "" },
            { ...edit, code: 42 },
            { ...edit, maxTokens: -1 },
            { ...edit, command: "fix", diagnostics: [{ line: "one", severity: "error", message: "x" }] }
        ];
        for (const params of malformed) {
            await assert.rejects(client.call(run, params), (error: RpcResponseError) => {
                assert.equal(error.code, -32602, `${JSON.stringify(params)}: ${error.message}`);
                assert.match(error.message, /Malformed hearth\/refactor\/run request: .{8,}/);
                return true;
            });
        }
        const result = await client.call<Result>(run, { ...edit, maxTokens: 4 });
        assert.ok(result.generatedTokens > 0);
    });
});
