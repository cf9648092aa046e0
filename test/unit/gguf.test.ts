// The synthetic GGUF models load, tokenize, fill in the middle and chat in node-llama-cpp.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { ensureModel, modelCacheDir } from "../model/cache";
import { f32ToF16 } from "../model/tensorData";
import { makeModel } from "../model/makeModel";
import { buildVocabulary } from "../model/tokenizer";

type NodeLlamaCpp = typeof import("node-llama-cpp");
type Llama = Awaited<ReturnType<NodeLlamaCpp["getLlama"]>>;
type LlamaModel = Awaited<ReturnType<Llama["loadModel"]>>;

let lib: NodeLlamaCpp;
let llama: Llama;
const loaded: LlamaModel[] = [];

async function load(request: Parameters<typeof ensureModel>[0]): Promise<LlamaModel> {
    const model = await llama.loadModel({ modelPath: await ensureModel(request) });
    loaded.push(model);
    return model;
}

async function withContext<T>(model: LlamaModel, use: (sequence: import("node-llama-cpp").LlamaContextSequence) => Promise<T>): Promise<T> {
    // One thread: the models are tiny, and llama.cpp's spinning thread barriers crawl on a busy machine.
    const context = await model.createContext({ contextSize: 512, threads: 1 });
    try {
        return await use(context.getSequence());
    } finally {
        await context.dispose();
    }
}

before(async () => {
    lib = await import("node-llama-cpp");
    llama = await lib.getLlama({ gpu: false, build: "never", logLevel: lib.LlamaLogLevel.error });
});

after(async () => {
    for (const model of loaded) await model.dispose();
    await llama?.dispose();
});

describe("GGUF writer", () => {
    test("f32ToF16 rounds like IEEE half", () => {
        assert.equal(f32ToF16(1), 0x3c00);
        assert.equal(f32ToF16(-2), 0xc000);
        assert.equal(f32ToF16(0.02), 0x251f);
        assert.equal(f32ToF16(65504), 0x7bff);
        assert.equal(f32ToF16(1e6), 0x7c00);
        assert.equal(f32ToF16(2 ** -24), 0x0001);
    });

    test("the same options give the same bytes; another seed does not", async () => {
        const dir = await mkdtemp(path.join(tmpdir(), "hearth-gguf-"));
        try {
            const digest = async (seed: number, name: string) => {
                const out = path.join(dir, name);
                await makeModel({ preset: "tiny", type: "q8_0", seed, out });
                return createHash("sha256").update(await readFile(out)).digest("hex");
            };
            const [a, b, c] = [await digest(7, "a.gguf"), await digest(7, "b.gguf"), await digest(8, "c.gguf")];
            assert.equal(a, b);
            assert.notEqual(a, c);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    test("ensureModel caches by options under .cache/models", async () => {
        const first = await ensureModel("tiny");
        assert.equal(await ensureModel({ preset: "tiny" }), first);
        assert.notEqual(await ensureModel({ preset: "tiny", seed: 2 }), first);
        assert.equal(path.dirname(first), modelCacheDir());
    });

    test("metadata reads back through node-llama-cpp", async () => {
        const info = await lib.readGgufFileInfo(await ensureModel({ preset: "tiny", vocabSize: 1024 }));
        const meta = info.metadata;
        assert.equal(info.version, 3);
        assert.equal(meta.general.architecture, "qwen2");
        assert.equal(meta.general.alignment, 32);
        assert.equal(meta.qwen2?.block_count, 2);
        assert.equal(meta.qwen2?.attention?.head_count_kv, 2);
        const tok = meta.tokenizer.ggml;
        assert.equal(tok.model, "gpt2");
        assert.equal(tok.pre, "qwen2");
        assert.equal(tok.tokens.length, 1024);
        assert.equal(tok.token_type.length, 1024);
        assert.ok((tok.merges?.length ?? 0) >= 300);
        assert.equal(tok.tokens[tok.fim_pre_token_id!], "<|fim_prefix|>");
        assert.equal(tok.tokens[tok.fim_sep_token_id!], "<|file_sep|>");
        assert.equal(tok.tokens[tok.eos_token_id!], "<|im_end|>");
        assert.match(meta.tokenizer.chat_template ?? "", /<\|im_start\|>/);
        const embedding = info.tensorInfo?.find((t) => t.name === "token_embd.weight");
        assert.deepEqual(embedding?.dimensions.map(Number), [64, 1024]);
    });

    test("the vocabulary pads with unused placeholders", () => {
        const vocab = buildVocabulary({ fim: "qwen", vocabSize: 2000 });
        assert.equal(vocab.tokens.length, 2000);
        assert.equal(vocab.tokens[1999], "<|extra_1999|>");
        assert.equal(vocab.tokenTypes[1999], 5);
        assert.throws(() => buildVocabulary({ fim: "qwen", vocabSize: 10 }));
    });
});

describe("synthetic models in node-llama-cpp", () => {
    test("tiny loads and tokenizes code round-trip, with merged fragments", async () => {
        const model = await load("tiny");
        const code = "function foo() {\n  return 1;\n}";
        const tokens = model.tokenize(code);
        assert.equal(model.detokenize(tokens), code);
        assert.ok(tokens.length < code.length / 2, `${tokens.length} tokens for ${code.length} characters`);
        for (const fragment of ["function", " return", "    ", " const"]) {
            assert.equal(model.tokenize(fragment).length, 1, `"${fragment}" is one token`);
        }
        const unicode = "naïve → 数据 ✓";
        assert.equal(model.detokenize(model.tokenize(unicode)), unicode);
        assert.deepEqual(model.tokenize("<|im_start|>", true), [model.tokenize("<|im_start|>", true)[0]]);
    });

    for (const fim of ["qwen", "starcoder", "codellama", "deepseek"] as const) {
        test(`${fim} FIM tokens are recognised and infill generates`, async () => {
            const model = await load({ preset: "tiny", fim });
            await withContext(model, async (contextSequence) => {
                const completion = new lib.LlamaCompletion({ contextSequence });
                assert.equal(completion.infillSupported, true);
                const { response, metadata } = await completion.generateInfillCompletionWithMeta(
                    "function add(a, b) {\n    return ", ";\n}\n", { maxTokens: 8 });
                assert.equal(metadata.stopReason, "maxTokens");
                assert.ok(response.length > 0);
            });
        });
    }

    test("without FIM tokens infill is unsupported", async () => {
        const model = await load({ preset: "tiny", fim: "none" });
        await withContext(model, async (contextSequence) => {
            assert.equal(new lib.LlamaCompletion({ contextSequence }).infillSupported, false);
        });
    });

    test("generation streams printable text up to maxTokens", async () => {
        const model = await load("tiny");
        await withContext(model, async (contextSequence) => {
            const chunks: string[] = [];
            const { response, metadata } = await new lib.LlamaCompletion({ contextSequence }).generateCompletionWithMeta(
                "const total = ", { maxTokens: 48, temperature: 0.8, seed: 3, onTextChunk: (chunk) => chunks.push(chunk) });
            assert.equal(metadata.stopReason, "maxTokens");
            assert.equal(chunks.join(""), response);
            assert.match(response, /^[\x20-\x7e\t\n]+$/);
        });
    });

    test("the chat template resolves to ChatML and a chat session answers", async () => {
        const model = await load("tiny");
        const chatWrapper = lib.resolveChatWrapper(model);
        assert.equal(chatWrapper.wrapperName, "ChatML");
        await withContext(model, async (contextSequence) => {
            const session = new lib.LlamaChatSession({ contextSequence, chatWrapper, systemPrompt: "You are terse." });
            const answer = await session.prompt("Write a loop.", { maxTokens: 8 });
            assert.ok(answer.length > 0);
        });
    });

    for (const request of [{ preset: "tiny-llama" }, { preset: "tiny", type: "q8_0" }, { preset: "tiny", type: "f32" }] as const) {
        test(`${JSON.stringify(request)} loads and generates`, async () => {
            const model = await load(request);
            await withContext(model, async (contextSequence) => {
                const { metadata } = await new lib.LlamaCompletion({ contextSequence })
                    .generateCompletionWithMeta("def main():\n", { maxTokens: 8 });
                assert.equal(metadata.stopReason, "maxTokens");
            });
        });
    }

    test("a scripted model answers chat and infill with exactly its script, then stops", async () => {
        const script = ["Sure:", "\n\n```ts\n", "export const answer = 42;", "\n```\n"];
        const model = await load({ preset: "tiny", script });
        await withContext(model, async (contextSequence) => {
            const session = new lib.LlamaChatSession({ contextSequence });
            assert.equal(await session.prompt("Write a loop.", { maxTokens: 32, temperature: 0.8 }), script.join(""));
            assert.equal(await session.prompt("And another?", { maxTokens: 32 }), script.join(""));
        });
        await withContext(model, async (contextSequence) => {
            const { response, metadata } = await new lib.LlamaCompletion({ contextSequence })
                .generateInfillCompletionWithMeta("const x = ", ";\n", { maxTokens: 32 });
            assert.equal(response, script.join(""));
            assert.equal(metadata.stopReason, "eogToken");
        });
    });

    test("script pieces must be new, distinct tokens on a qwen2 model", () => {
        const vocab = buildVocabulary({ fim: "qwen" });
        const existing = vocab.tokens.find((t) => /^[a-z]{3,}$/.test(t))!;
        assert.throws(() => buildVocabulary({ fim: "qwen", script: [existing] }), /already a token/);
        assert.throws(() => ensureModel({ preset: "tiny", script: ["a1", "a1"] }), /distinct/);
        assert.throws(() => ensureModel({ preset: "tiny-llama", script: ["Sure:"] }), /qwen2/);
    });

    test("an unknown architecture fails to load", async () => {
        const modelPath = await ensureModel({ preset: "tiny", archName: "hearthnet" });
        await assert.rejects(llama.loadModel({ modelPath }));
    });
});
