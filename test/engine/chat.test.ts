import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ensureModel } from "../model/cache";
import { completionParams, settingsFor, startEngine, tinyModel } from "./fixtures";
import type { LspClient, RpcResponseError } from "./lspClient";

interface Turn { role: "user" | "assistant"; text: string; context?: unknown[] }
interface Truncation { droppedMessages: number; contextCut: boolean; messageCut: boolean; note: string }
interface Delta { text: string; truncation?: Truncation }
interface Stats { promptTokens: number; evaluatedTokens: number; reusedTokens: number; generatedTokens: number; queueMs: number; promptMs: number; generateMs: number; pausedMs: number }
interface Result { text: string; stopReason: string; truncation?: Truncation; stats: Stats }

const chatSettings = { contextSize: 2048, maxTokens: 4096, temperature: 0, systemPrompt: "You are a test assistant." };
// One thread: on a machine busy with other work, llama.cpp's threads wait on each other and timings mean nothing.
const model = { threads: 1 };

/** Sends hearth/chat/send and keeps the deltas it streams as partial results. */
function ask(client: LspClient, messages: Turn[], maxTokens?: number) {
    const sent = performance.now();
    const pending = client.stream<Result, Delta>("hearth/chat/send", { messages, ...(maxTokens ? { maxTokens } : {}) });
    const firstDelta = () => pending.waitForProgress((d) => d.text !== "");
    return { id: pending.id, result: pending.result, deltas: pending.progress, firstDelta, sent };
}

const text = (deltas: Delta[]) => deltas.map((d) => d.text).join("");

/** A request after `result` settled: any delta the engine sent before answering it has arrived by then. */
async function drain(client: LspClient): Promise<void> {
    await client.call("hearth/status/get");
}

const question = "Write a TypeScript function that parses a comma separated list of numbers and returns their sum.";
const code = Array.from({ length: 40 }, (_, i) => `export function step${i}(value: number): number {\n    return value * ${i} + ${i * 3};\n}`).join("\n\n");

describe("chat over plain LSP", () => {
    let client: LspClient;

    before(async () => {
        client = await startEngine(settingsFor(await tinyModel(), { model, chat: chatSettings }), { completionFixedTokens: 8 });
    });
    after(async () => client?.stop());

    it("streams the answer in several deltas that add up to the result", async () => {
        const chat = ask(client, [{ role: "user", text: question }], 24);
        const result = await chat.result;
        await drain(client);
        const deltas = chat.deltas();
        assert.ok(deltas.filter((d) => d.text !== "").length >= 3, `only ${deltas.length} deltas`);
        assert.equal(text(deltas), result.text);
        assert.ok(result.stats.generatedTokens > 0 && result.stats.generatedTokens <= 24);
        assert.ok(["maxTokens", "end"].includes(result.stopReason));
        assert.ok(result.stats.promptTokens > 20);
        assert.equal(result.truncation, undefined);
    });

    it("reuses the KV cache for a follow-up: only the new turn is evaluated", async (t) => {
        const first: Turn[] = [{ role: "user", text: "What does this file do?", context: [{ kind: "file", source: "src/steps.ts", language: "typescript", text: code }] }];
        const turn1 = ask(client, first, 16);
        const r1 = await turn1.result;
        const ms1 = performance.now() - turn1.sent;
        const second: Turn[] = [...first, { role: "assistant", text: r1.text }, { role: "user", text: "Which function multiplies by 7?" }];
        const turn2 = ask(client, second, 16);
        const r2 = await turn2.result;
        const ms2 = performance.now() - turn2.sent;
        const timing = (s: Stats) => `prompt ${Math.round(s.promptMs)} ms, generate ${Math.round(s.generateMs)} ms`;
        t.diagnostic(`turn 1: ${Math.round(ms1)} ms (${timing(r1.stats)}), ${r1.stats.evaluatedTokens} of ${r1.stats.promptTokens} prompt tokens evaluated`);
        t.diagnostic(`turn 2: ${Math.round(ms2)} ms (${timing(r2.stats)}), ${r2.stats.evaluatedTokens} of ${r2.stats.promptTokens} prompt tokens evaluated (${r2.stats.reusedTokens} reused)`);
        assert.ok(r1.stats.promptTokens > 500);
        assert.ok(r2.stats.reusedTokens >= r1.stats.promptTokens - 2, "the whole first prompt stays in the cache");
        assert.ok(r2.stats.evaluatedTokens * 5 < r2.stats.promptTokens, "the follow-up evaluates a small part of its prompt");
    });

    it("stops when cancelled and returns the answer so far; no delta follows the response", async (t) => {
        const chat = ask(client, [{ role: "user", text: question }], 3000);
        await chat.firstDelta();
        const cancelled = performance.now();
        client.cancel(chat.id);
        const result = await chat.result;
        const settleMs = performance.now() - cancelled;
        await drain(client);
        t.diagnostic(`cancel settled in ${Math.round(settleMs)} ms after ${result.stats.generatedTokens} tokens`);
        assert.equal(result.stopReason, "cancelled");
        assert.ok(result.stats.generatedTokens < 3000);
        assert.equal(text(chat.deltas()), result.text, "the deltas end where the response's text ends");
        assert.ok(settleMs < 5000, `cancel took ${settleMs} ms`);
        // The engine serves the next chat at once.
        const next = await ask(client, [{ role: "user", text: "Again?" }], 4).result;
        assert.ok(next.stats.generatedTokens > 0);
    });

    it("shortens a conversation longer than the chat context, says so, and still answers", async () => {
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(await tinyModel(), { model, chat: { ...chatSettings, contextSize: 512 } }) } });
        const history: Turn[] = [];
        for (let i = 0; i < 30; i++) {
            history.push({ role: "user", text: `Question number ${i}: how do I sort an array of ${i} numbers in place?` });
            history.push({ role: "assistant", text: `Answer number ${i}: call sort with a comparator, for example values.sort((a, b) => a - b).` });
        }
        history.push({ role: "user", text: "And the last question?" });
        const chat = ask(client, history, 16);
        const result = await chat.result;
        await drain(client);
        assert.ok(result.stats.generatedTokens > 0);
        assert.ok(result.truncation && result.truncation.droppedMessages > 0 && !result.truncation.contextCut);
        assert.ok(result.stats.promptTokens + result.stats.generatedTokens <= 512);
        const deltas = chat.deltas();
        assert.deepEqual(deltas[0].truncation, result.truncation, "the note comes before the text");
        assert.equal(deltas[0].text, "");

        const huge = ask(client, [{ role: "user", text: "Summarise this.", context: [{ kind: "file", source: "big.ts", language: "typescript", text: code.repeat(3) }] }], 16);
        const cut = await huge.result;
        assert.equal(cut.truncation?.contextCut, true);
        assert.match(cut.truncation.note, /attached context was cut/);
        assert.ok(cut.stats.generatedTokens > 0);
        client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(await tinyModel(), { model, chat: chatSettings }) } });
    });

    it("answers with a separate chat model when one is set, and explains one that cannot load", async () => {
        const configure = async (chatModel: string) =>
            client.notify("workspace/didChangeConfiguration", { settings: { hearth: settingsFor(await tinyModel(), { model, chat: { ...chatSettings, model: { path: chatModel } } }) } });
        await configure(await ensureModel("tiny-llama"));
        const answer = await ask(client, [{ role: "user", text: "Hello?" }], 4).result;
        assert.ok(answer.stats.generatedTokens > 0);
        assert.ok(client.logMessages.some((m) => m.type === 3 && /loaded chat model tiny-llama-\w+\.gguf/.test(m.message)), "the load is logged at info, before the answer");

        await configure("/nowhere/chat.gguf");
        await assert.rejects(ask(client, [{ role: "user", text: "Hello?" }], 4).result, (e: RpcResponseError) => {
            assert.equal(e.code, -32901);
            assert.match(e.message, /hearth\.chat\.model\.path.*does not exist/);
            return true;
        });
        await configure("");
        assert.ok((await ask(client, [{ role: "user", text: "Hello?" }], 4).result).stats.generatedTokens > 0);
    });

    it("shares its context with refactors: one KV cache on the chat model, not one each", async () => {
        const messages: Turn[] = [{ role: "user", text: question }];
        const first = await ask(client, messages, 4).result;
        const again = await ask(client, messages, 4).result;
        assert.ok(again.stats.reusedTokens >= first.stats.promptTokens - 1, "the chat context holds the chat's prompt");
        const from = client.logMessages.length;
        await client.call("hearth/refactor/run", { command: "edit", code, languageId: "typescript", instruction: "rename step0 to first", maxTokens: 4 });
        const afterRefactor = await ask(client, messages, 4).result;
        assert.ok(afterRefactor.stats.reusedTokens < first.stats.promptTokens / 2, `the refactor evaluated on the chat's sequence: ${afterRefactor.stats.reusedTokens} tokens reused`);
        assert.ok(!client.logMessages.slice(from).some((m) => /context ready/.test(m.message)), "no context was made for the refactor");
    });

    it("answers malformed requests with an error and keeps serving", async () => {
        const rejects = (params: unknown, pattern: RegExp) =>
            assert.rejects(client.call("hearth/chat/send", params), (e: RpcResponseError) => {
                assert.equal(e.code, -32602, e.message);
                assert.match(e.message, pattern);
                return true;
            });
        await rejects(null, /params must be an object/);
        await rejects({}, /messages must be an array/);
        await rejects({ messages: [{ role: "user", text: 42 }] }, /messages\[0\]\.text/);
        await rejects({ messages: [{ role: "system", text: "x" }] }, /role/);
        await rejects({ messages: [{ role: "user", text: "x" }], maxTokens: -1 }, /maxTokens/);
        await rejects({ messages: [{ role: "user", text: "x".repeat(1_200_000) }] }, /characters/);
        // A client that asks for no stream still gets the whole answer.
        const good = await client.call<Result>("hearth/chat/send", { messages: [{ role: "user", text: "Still there?" }], maxTokens: 4 });
        assert.ok(good.stats.generatedTokens > 0);
    });
});

describe("chat beside inline completions", () => {
    let client: LspClient;

    before(async () => {
        client = await startEngine(settingsFor(await tinyModel(), { model, chat: { ...chatSettings, contextSize: 4096 }, completion: { maxTokens: 8 } }), { completionFixedTokens: 8 });
    });
    after(async () => client?.stop());

    /** Completion latencies at fresh positions (each edit defeats the result cache); each one runs the model. */
    async function completions(uri: string, count: number, lines: string[]): Promise<number[]> {
        const latencies: number[] = [];
        for (let i = 0; i < count; i++) {
            lines.push(`const value${lines.length} = `);
            const line = lines.length - 1;
            client.notify("textDocument/didChange", { textDocument: { uri, version: lines.length }, contentChanges: [{ text: lines.join("\n") }] });
            const from = client.notifications.length;
            const started = performance.now();
            await client.call("textDocument/inlineCompletion", completionParams(uri, line, lines[line].length));
            latencies.push(performance.now() - started);
            const stats = await client.waitForNotification<{ cacheHit: boolean; generatedTokens: number }>("hearth/completion/didFinish", (s) => !s.cacheHit, from);
            assert.equal(stats.generatedTokens, 8, "the completion ran the model");
        }
        return latencies;
    }

    it("serves completions while a chat generates, and the chat resumes and finishes", async (t) => {
        const uri = "file:///work/during-chat.ts";
        const lines = ["export function total(values: number[]): number {", "    let sum = 0;"];
        client.open(uri, lines.join("\n"));
        await completions(uri, 1, lines);
        const idle = await completions(uri, 4, lines);

        const chat = ask(client, [{ role: "user", text: question }], 1000);
        let chatDone = false;
        void chat.result.then(() => (chatDone = true), () => (chatDone = true));
        await chat.firstDelta();
        const during = await completions(uri, 4, lines);
        const finishedBeforeCompletions = chatDone;
        const result = await chat.result;

        const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
        t.diagnostic(`completion latency idle: median ${median(idle).toFixed(0)} ms (${idle.map((v) => v.toFixed(0)).join(", ")})`);
        t.diagnostic(`completion latency during chat: median ${median(during).toFixed(0)} ms (${during.map((v) => v.toFixed(0)).join(", ")}), ratio ${(median(during) / median(idle)).toFixed(2)}`);
        t.diagnostic(`chat: ${result.stats.generatedTokens} tokens in ${Math.round(result.stats.generateMs)} ms, stood aside ${Math.round(result.stats.pausedMs)} ms`);
        assert.equal(finishedBeforeCompletions, false, "the completions ran while the chat was still generating");
        assert.equal(result.stopReason, "maxTokens", "the chat resumed and ran to its end");
        assert.equal(result.stats.generatedTokens, 1000);
        assert.ok(result.stats.pausedMs > 0, "the chat stood aside for the completions");
    });
});
