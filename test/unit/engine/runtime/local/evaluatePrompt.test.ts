// The one rule for reusing a sequence's KV cache, on its own and on a real sequence of a generated model.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from "../../../../../engine/runtime/llama";
import { evaluatePrompt, reusablePrefix } from "../../../../../engine/runtime/local/evaluatePrompt";
import { ensureModel } from "../../../../model/cache";

const t = (...ids: number[]) => ids as Token[];

describe("KV cache reuse rule", () => {
    const cases: Array<[string, Token[], Token[], number]> = [
        ["an empty cache keeps nothing", t(), t(1, 2, 3), 0],
        ["a prompt that extends the cache keeps all of it", t(1, 2), t(1, 2, 3, 4), 2],
        ["a cache that holds more than the prompt keeps the prompt", t(1, 2, 3, 4), t(1, 2), 2],
        ["the first differing token ends what is kept", t(1, 2, 3, 4), t(1, 2, 9, 4), 2],
        ["tokens that match again after a difference are not kept", t(1, 9, 3, 4), t(1, 2, 3, 4), 1],
        ["a different first token keeps nothing", t(5, 2, 3), t(1, 2, 3), 0]
    ];
    for (const [what, cached, prompt, kept] of cases) {
        it(what, () => assert.equal(reusablePrefix(cached, prompt), kept));
    }
});

describe("evaluating a prompt on a sequence", () => {
    let llama: Awaited<ReturnType<typeof import("node-llama-cpp")["getLlama"]>>;
    let model: LlamaModel;
    let context: LlamaContext;
    let sequence: LlamaContextSequence;
    const never = new AbortController().signal;

    before(async () => {
        const lib = await import("node-llama-cpp");
        llama = await lib.getLlama({ gpu: false, build: "never", logLevel: lib.LlamaLogLevel.error });
        model = await llama.loadModel({ modelPath: await ensureModel("tiny") });
        // One thread: the model is tiny, and llama.cpp's spinning thread barriers crawl on a busy machine.
        context = await model.createContext({ contextSize: 512, threads: 1 });
        sequence = context.getSequence();
    });
    after(async () => {
        await context?.dispose();
        await model?.dispose();
        await llama?.dispose();
    });

    const tokens = (text: string) => model.tokenize(text, false);

    it("evaluates only what the cache lacks and leaves exactly the prompt in it", async () => {
        const first = tokens("function add(a, b) {\n    return a + b;\n}\n");
        assert.equal(await evaluatePrompt(sequence, first, { signal: never }), 0);
        assert.deepEqual(sequence.contextTokens, first);

        const longer = [...first, ...tokens("function sub(a, b) {")];
        assert.equal(await evaluatePrompt(sequence, longer, { signal: never }), first.length);
        assert.deepEqual(sequence.contextTokens, longer);

        const changed = [...first.slice(0, 5), ...tokens("multiply(x, y)")];
        assert.equal(await evaluatePrompt(sequence, changed, { signal: never }), reusablePrefix(longer, changed));
        assert.deepEqual(sequence.contextTokens, changed, "everything after the first difference was erased");

        const shorter = changed.slice(0, 3);
        assert.equal(await evaluatePrompt(sequence, shorter, { signal: never }), 3);
        assert.deepEqual(sequence.contextTokens, shorter, "what followed the prompt (a previous answer) was erased");
    });

    it("evaluates in chunks, checking the signal and yielding before each", async () => {
        await sequence.clearHistory();
        const prompt = tokens("const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];\n".repeat(4));
        const controller = new AbortController();
        let chunks = 0;
        const between = async () => {
            if (++chunks === 3) controller.abort(new Error("newer keystroke"));
        };
        await assert.rejects(evaluatePrompt(sequence, prompt, { signal: controller.signal, chunkTokens: 16, between }), /newer keystroke/);
        assert.equal(chunks, 3);
        assert.equal(sequence.contextTokens.length, 32, "two chunks of 16 were evaluated before the abort");
        assert.deepEqual(sequence.contextTokens, prompt.slice(0, 32));
    });
});
