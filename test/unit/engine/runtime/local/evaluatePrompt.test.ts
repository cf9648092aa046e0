// The one rule for reusing a sequence's KV cache, on a real sequence of a generated model.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from "../../../../../engine/runtime/llama";
import { evaluatePrompt } from "../../../../../engine/runtime/local/evaluatePrompt";
import { ensureModel } from "../../../../model/cache";

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
    const pieces = () => ({ A: tokens("function add(a, b) {\n"), X: tokens("/* unrelated */"), B: tokens("    return a + b;\n}\n") });
    type Pieces = ReturnType<typeof pieces>;
    const cases: Array<[string, (p: Pieces) => { cached: Token[]; prompt: Token[]; reused: number }]> = [
        ["an empty cache keeps nothing", ({ A }) => ({ cached: [], prompt: A, reused: 0 })],
        ["a prompt that extends the cache keeps all of it", ({ A, B }) => ({ cached: A, prompt: [...A, ...B], reused: A.length })],
        ["a cache holding more than the prompt (a previous answer) keeps only the prompt", ({ A, B }) => ({ cached: [...A, ...B], prompt: A, reused: A.length })],
        ["a stretch that no longer matches is erased and what matches after it is kept", ({ A, X, B }) => ({ cached: [...A, ...X, ...B], prompt: [...A, ...B], reused: A.length + B.length })],
        ["nothing from the first differing token on is kept when nothing after it matches", ({ A, X, B }) => ({ cached: [...A, ...X], prompt: [...A, ...B], reused: A.length })]
    ];
    for (const [what, make] of cases) {
        it(what, async () => {
            const { cached, prompt, reused } = make(pieces());
            await sequence.clearHistory();
            await evaluatePrompt(sequence, cached, { signal: never });
            assert.deepEqual(sequence.contextTokens, cached);
            assert.equal(await evaluatePrompt(sequence, prompt, { signal: never }), reused);
            assert.deepEqual(sequence.contextTokens, prompt, "the cache holds exactly the prompt");
        });
    }

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
