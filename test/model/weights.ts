// Tensor list of a qwen2 / llama model with random weights, shaped so that
// generation stays on printable tokens (see "Quiet tokens" below).
import type { TensorSpec } from "./gguf";
import type { ModelOptions } from "./presets";
import type { Vocabulary } from "./tokenizer";

const BIAS_STD = 0.02;

// Quiet tokens: control tokens, vocabulary padding and non-printable bytes.
// Left at random, a padded 151936-token vocabulary would almost always sample a
// placeholder (which prints nothing), and a tiny one would hit an end-of-generation
// token every ~100 tokens. Every quiet token's logit is pushed this far below the
// others instead, so generations run to maxTokens and produce text; the
// end-of-generation tokens stay reachable, only improbable (~1e-8 per token).
export const QUIET_LOGIT_GAP = 24;

// llama.cpp's llama graph has no output bias, so there the gap comes from the
// residual stream: a bias on the last attention output adds the constant
// `carrier` to element 0 at every position, quiet tokens' embeddings hold
// -QUIET_MARK in element 0 (normal tokens 0), and the final norm's weight for
// element 0 is set so that the product lowers quiet logits by QUIET_LOGIT_GAP.
// qwen2 simply gets an output.bias of -QUIET_LOGIT_GAP on quiet tokens.
const QUIET_MARK = 0.25;
/** Rough per-element RMS of the residual stream each fan-in scaled layer adds. */
const LAYER_RMS = 1;

/** Tied embeddings at this scale give logits of unit spread: greedy picks are not near-ties. */
const embedStd = (o: ModelOptions) => 1 / Math.sqrt(o.hidden);

export function modelTensors(o: ModelOptions, vocab: Vocabulary): TensorSpec[] {
    return o.script ? scripted(o, vocab, randomTensors(o, vocab)) : randomTensors(o, vocab);
}

function randomTensors(o: ModelOptions, vocab: Vocabulary): TensorSpec[] {
    const kvDim = (o.hidden / o.heads) * o.kvHeads;
    const nVocab = vocab.tokens.length;
    const llamaQuiet = o.arch === "llama" ? llamaQuietTokens(o) : undefined;

    // Weights ~ N(0, 1/fan_in): activations keep unit scale through every layer,
    // so the output depends on the context rather than mostly on the last token.
    const matrix = (name: string, cols: number, rows: number): TensorSpec => ({
        name: `${name}.weight`,
        dims: [cols, rows],
        type: o.type === "q8_0" && cols % 32 !== 0 ? "f16" : o.type,
        init: { kind: "normal", std: 1 / Math.sqrt(cols) }
    });
    const norm = (name: string, firstOfRow?: TensorSpec["firstOfRow"]): TensorSpec =>
        ({ name: `${name}.weight`, dims: [o.hidden], type: "f32", init: { kind: "constant", value: 1 }, firstOfRow });
    const bias = (name: string, size: number): TensorSpec =>
        ({ name: `${name}.bias`, dims: [size], type: "f32", init: { kind: "normal", std: BIAS_STD } });

    const embedding: TensorSpec = {
        ...matrix("token_embd", o.hidden, nVocab),
        init: { kind: "normal", std: embedStd(o) },
        firstOfRow: llamaQuiet && ((token) => (vocab.quiet[token] ? -QUIET_MARK : 0))
    };
    const list: TensorSpec[] = [embedding];
    for (let i = 0; i < o.layers; i++) {
        const blk = `blk.${i}`;
        list.push(norm(`${blk}.attn_norm`));
        list.push(matrix(`${blk}.attn_q`, o.hidden, o.hidden));
        list.push(matrix(`${blk}.attn_k`, o.hidden, kvDim));
        list.push(matrix(`${blk}.attn_v`, o.hidden, kvDim));
        if (o.arch === "qwen2") {
            list.push(bias(`${blk}.attn_q`, o.hidden), bias(`${blk}.attn_k`, kvDim), bias(`${blk}.attn_v`, kvDim));
        }
        list.push(matrix(`${blk}.attn_output`, o.hidden, o.hidden));
        if (llamaQuiet && i === o.layers - 1) {
            const values = new Float32Array(o.hidden);
            values[0] = llamaQuiet.carrier;
            list.push({ name: `${blk}.attn_output.bias`, dims: [o.hidden], type: "f32", init: { kind: "values", values } });
        }
        list.push(norm(`${blk}.ffn_norm`));
        list.push(matrix(`${blk}.ffn_gate`, o.hidden, o.ffn));
        list.push(matrix(`${blk}.ffn_up`, o.hidden, o.ffn));
        list.push(matrix(`${blk}.ffn_down`, o.ffn, o.hidden));
    }
    list.push(norm("output_norm", llamaQuiet && (() => llamaQuiet.outputGain)));
    if (!o.tiedEmbeddings) {
        list.push({ ...matrix("output", o.hidden, nVocab), init: { kind: "normal", std: embedStd(o) }, firstOfRow: embedding.firstOfRow });
    }
    if (o.arch === "qwen2") {
        const values = Float32Array.from(vocab.quiet, (quiet) => (quiet ? -QUIET_LOGIT_GAP : 0));
        list.push({ name: "output.bias", dims: [nVocab], type: "f32", init: { kind: "values", values } });
    }
    return list;
}

function llamaQuietTokens(o: ModelOptions): { carrier: number; outputGain: number } {
    const restRms = Math.sqrt(embedStd(o) ** 2 + LAYER_RMS ** 2 * o.layers);
    // As much energy in element 0 as in all the others: the final norm then leaves
    // element 0 at about sqrt(hidden / 2) whatever the context.
    const carrier = restRms * Math.sqrt(o.hidden);
    const carrierAfterNorm = Math.sqrt(o.hidden / 2);
    return { carrier, outputGain: QUIET_LOGIT_GAP / (carrierAfterNorm * QUIET_MARK) };
}

// A scripted model is a first-order chain over tokens. Every layer's output
// projection is zero, so the residual stream at the last position is just that
// token's embedding: a one-hot "state" (0 for any ordinary token, k + 1 for
// script piece k). Output rows map each state to its successor: any ordinary
// token is followed by piece 0, piece k by piece k + 1, the last by the
// end-of-generation token. Attention, norms and the rest still run for real.
const SCRIPT_LOGIT = 48;

function scripted(o: ModelOptions, vocab: Vocabulary, random: TensorSpec[]): TensorSpec[] {
    const nVocab = vocab.tokens.length;
    const state = new Int32Array(nVocab);
    vocab.script.forEach((id, k) => (state[id] = k + 1));
    const embedding = new Float32Array(nVocab * o.hidden);
    for (let token = 0; token < nVocab; token++) embedding[token * o.hidden + state[token]] = 1;
    // The final norm scales a one-hot to sqrt(hidden).
    const gain = SCRIPT_LOGIT / Math.sqrt(o.hidden);
    const output = new Float32Array(nVocab * o.hidden);
    const successorOf = [...vocab.script, vocab.ids.eos];
    successorOf.forEach((token, fromState) => (output[token * o.hidden + fromState] = gain));

    const zeroed = /\.(attn_output|ffn_down)\.weight$/;
    const tensors = random
        .filter((t) => t.name !== "output.weight")
        .map((t): TensorSpec => {
            if (t.name === "token_embd.weight") return { ...t, type: "f32", init: { kind: "values", values: embedding }, firstOfRow: undefined };
            if (zeroed.test(t.name)) return { ...t, init: { kind: "constant", value: 0 } };
            return t;
        });
    const at = tensors.findIndex((t) => t.name === "output_norm.weight") + 1;
    tensors.splice(at, 0, { name: "output.weight", dims: [o.hidden, nVocab], type: "f32", init: { kind: "values", values: output } });
    return tensors;
}
