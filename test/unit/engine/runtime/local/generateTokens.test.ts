// The local generation loop on a generated model: its random weights write gibberish, but deterministic
// gibberish under greedy sampling, so a first run tells what later runs will write.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { GenerationAbortedError } from "../../../../../engine/runtime/inference";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from "../../../../../engine/runtime/llama";
import { generateTokens, type TokenGeneration } from "../../../../../engine/runtime/local/generateTokens";
import { ensureModel } from "../../../../model/cache";

describe("generating tokens on a local sequence", () => {
    let llama: Awaited<ReturnType<typeof import("node-llama-cpp")["getLlama"]>>;
    let model: LlamaModel;
    let context: LlamaContext;
    let sequence: LlamaContextSequence;
    let prompt: Token[];
    let free: string;

    const generate = (options: Partial<TokenGeneration>) =>
        generateTokens(model, sequence, prompt, { maxTokens: 24, ignoreEndOfText: true, signal: new AbortController().signal, queueMs: 0, ...options });

    before(async () => {
        const lib = await import("node-llama-cpp");
        llama = await lib.getLlama({ gpu: false, build: "never", logLevel: lib.LlamaLogLevel.error });
        model = await llama.loadModel({ modelPath: await ensureModel("tiny") });
        context = await model.createContext({ contextSize: 512, threads: 1 });
        sequence = context.getSequence();
        prompt = model.tokenize("export function parse(text: string): number[] {\n", false);
        free = (await generate({})).text;
        assert.ok(free.length > 12, `the model wrote ${JSON.stringify(free)}`);
    });
    after(async () => {
        await context?.dispose();
        await model?.dispose();
        await llama?.dispose();
    });

    it("generates up to the limit, reusing the prompt it evaluated before", async () => {
        const result = await generate({});
        assert.equal(result.text, free);
        assert.equal(result.stop, "limit");
        assert.equal(result.generatedTokens, 24);
        assert.equal(result.promptTokens, prompt.length);
        assert.equal(result.reusedTokens, prompt.length - 1, "all but the last prompt token, which generates the first new one");
        assert.equal(result.evaluatedTokens, 1);
    });

    it("ends at a stop text and never shows any of it", async () => {
        const stop = free.slice(6, 10);
        const seen: string[] = [];
        const result = await generate({ stopTexts: [stop], ignoreEndOfText: false, onText: (visible) => seen.push(visible) < 0 });
        assert.equal(result.stop, "stopText");
        assert.equal(result.text, free.slice(0, free.indexOf(stop)));
        assert.ok(seen.every((visible) => !visible.includes(stop) && result.text.startsWith(visible)), JSON.stringify(seen));
    });

    it("ignores stop texts when told to ignore the end of text", async () => {
        const result = await generate({ stopTexts: [free.slice(6, 10)] });
        assert.equal(result.text, free);
    });

    it("ends where onText says so, with the text it saw", async () => {
        let last = "";
        const result = await generate({
            onText: (visible) => {
                last = visible;
                return visible.length >= 8;
            }
        });
        assert.equal(result.stop, "callback");
        assert.equal(result.text, last);
        assert.ok(result.generatedTokens < 24);
    });

    it("fails with what it had generated when aborted", async () => {
        const controller = new AbortController();
        let tokens = 0;
        const between = async () => {
            if (++tokens === 5) controller.abort(new Error("cancelled by the user"));
        };
        const error = await generate({ signal: controller.signal, between, maxTokens: 100 }).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof GenerationAbortedError, String(error));
        assert.equal(error.name, "AbortError");
        assert.equal(error.partial.generatedTokens, 5);
        assert.ok(free.startsWith(error.partial.text), JSON.stringify(error.partial.text));
    });
});
