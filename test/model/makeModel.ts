// Writes a small but valid GGUF model with random weights for Hearth's tests and benchmarks.
// CLI: npx tsx test/model/makeModel.ts --preset tiny --out FILE [--layers N ...]
import { rename, rm, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { GGUF_ALIGNMENT, gguf, writeGguf, type GgufFile, type GgufValue, type TensorType } from "./gguf";
import { resolveOptions, type ModelOptions, type ModelRequest } from "./presets";
import { buildVocabulary, tokenizerMetadata, type Vocabulary } from "./tokenizer";
import { modelTensors } from "./weights";

export type MakeModelOptions = Exclude<ModelRequest, string> & { out: string };

export async function makeModel(options: MakeModelOptions): Promise<void> {
    const { out, ...request } = options;
    await writeModel(out, resolveOptions(request));
}

/** Writes to a temporary name first, so an interrupted run never leaves a truncated model at `path`. */
export async function writeModel(path: string, o: ModelOptions): Promise<void> {
    const partial = `${path}.${process.pid}.partial`;
    try {
        await writeGguf(partial, modelFile(o));
        await rename(partial, path);
    } catch (err) {
        await rm(partial, { force: true });
        throw err;
    }
}

/** What the model's GGUF file holds: its metadata and tensors. */
export function modelFile(o: ModelOptions): GgufFile {
    const vocab = buildVocabulary({ fim: o.fim, vocabSize: o.vocabSize, script: o.script });
    return { metadata: metadata(o, vocab), tensors: modelTensors(o, vocab), seed: o.seed };
}

const FILE_TYPE: Record<TensorType, number> = { f32: 0, f16: 1, q8_0: 7 }; // llama_ftype

function metadata(o: ModelOptions, vocab: Vocabulary): Array<[string, GgufValue]> {
    const arch = o.archName ?? o.arch;
    const headDim = o.hidden / o.heads;
    const entries: Array<[string, GgufValue]> = [
        ["general.architecture", gguf.str(arch)],
        ["general.type", gguf.str("model")],
        ["general.name", gguf.str(o.name)],
        ["general.alignment", gguf.u32(GGUF_ALIGNMENT)],
        ["general.file_type", gguf.u32(FILE_TYPE[o.type])],
        [`${arch}.block_count`, gguf.u32(o.layers)],
        [`${arch}.context_length`, gguf.u32(o.context)],
        [`${arch}.embedding_length`, gguf.u32(o.hidden)],
        [`${arch}.feed_forward_length`, gguf.u32(o.ffn)],
        [`${arch}.attention.head_count`, gguf.u32(o.heads)],
        [`${arch}.attention.head_count_kv`, gguf.u32(o.kvHeads)],
        [`${arch}.rope.freq_base`, gguf.f32(o.ropeFreqBase)],
        [`${arch}.attention.layer_norm_rms_epsilon`, gguf.f32(o.rmsEps)]
    ];
    if (o.arch === "llama") {
        entries.push([`${arch}.rope.dimension_count`, gguf.u32(headDim)]);
        entries.push([`${arch}.vocab_size`, gguf.u32(vocab.tokens.length)]);
    }
    if (o.type === "q8_0") entries.push(["general.quantization_version", gguf.u32(2)]);
    return [...entries, ...tokenizerMetadata(vocab)];
}

const CLI_FLAGS = {
    preset: { type: "string" },
    out: { type: "string" },
    arch: { type: "string" },
    "arch-name": { type: "string" },
    layers: { type: "string" },
    hidden: { type: "string" },
    heads: { type: "string" },
    "kv-heads": { type: "string" },
    ffn: { type: "string" },
    context: { type: "string" },
    "vocab-size": { type: "string" },
    type: { type: "string" },
    fim: { type: "string" },
    seed: { type: "string" },
    name: { type: "string" },
    help: { type: "boolean" }
} as const;

const USAGE = `usage: make-model --preset tiny|tiny-llama|qwen2.5-coder-0.5b --out FILE
  [--arch qwen2|llama] [--arch-name NAME] [--layers N] [--hidden N] [--heads N] [--kv-heads N]
  [--ffn N] [--context N] [--vocab-size N] [--type f32|f16|q8_0]
  [--fim qwen|starcoder|codellama|deepseek|none] [--seed N] [--name TEXT]`;

export function parseCli(argv: string[]): MakeModelOptions {
    const { values: v } = parseArgs({ args: argv, options: CLI_FLAGS, strict: true });
    if (v.help) throw new Error(USAGE);
    if (!v.out) throw new Error(`--out is required\n${USAGE}`);
    const int = (flag: string, s: string | undefined) => {
        if (s === undefined) return undefined;
        const n = Number(s);
        if (!Number.isInteger(n)) throw new Error(`--${flag} needs an integer, got "${s}"`);
        return n;
    };
    return {
        out: v.out,
        preset: v.preset as MakeModelOptions["preset"],
        arch: v.arch as ModelOptions["arch"] | undefined,
        archName: v["arch-name"],
        name: v.name,
        layers: int("layers", v.layers),
        hidden: int("hidden", v.hidden),
        heads: int("heads", v.heads),
        kvHeads: int("kv-heads", v["kv-heads"]),
        ffn: int("ffn", v.ffn),
        context: int("context", v.context),
        vocabSize: int("vocab-size", v["vocab-size"]),
        type: v.type as TensorType | undefined,
        fim: v.fim as ModelOptions["fim"] | undefined,
        seed: int("seed", v.seed)
    };
}

async function main(): Promise<void> {
    const options = parseCli(process.argv.slice(2));
    const started = performance.now();
    await makeModel(options);
    const seconds = (performance.now() - started) / 1000;
    const { size } = await stat(options.out);
    console.log(`wrote ${options.out}: ${(size / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
}

if (/makeModel\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) {
    main().catch((err: unknown) => {
        console.error(err instanceof Error ? err.message : err);
        process.exit(1);
    });
}
