// Byte-level BPE vocabulary in GPT-2 style (as Qwen2 uses), with merges learned
// deterministically from a small code corpus, plus ChatML and FIM special tokens.
import { CODE_CORPUS } from "./corpus";
import { gguf, type GgufValue } from "./gguf";

export type FimStyle = "qwen" | "starcoder" | "codellama" | "deepseek" | "none";
export const FIM_STYLES: readonly FimStyle[] = ["qwen", "starcoder", "codellama", "deepseek", "none"];

/** llama.cpp `enum llama_token_type`. */
export const TokenType = { NORMAL: 1, CONTROL: 3, UNUSED: 5 } as const;

interface FimTokens { pre?: string; suf?: string; mid?: string; pad?: string; rep?: string; sep?: string; eot?: string }
const FIM_TOKENS: Record<FimStyle, FimTokens> = {
    qwen: {
        pre: "<|fim_prefix|>", suf: "<|fim_suffix|>", mid: "<|fim_middle|>",
        pad: "<|fim_pad|>", rep: "<|repo_name|>", sep: "<|file_sep|>"
    },
    starcoder: { pre: "<fim_prefix>", suf: "<fim_suffix>", mid: "<fim_middle>", pad: "<fim_pad>" },
    // "▁" is U+2581 as in CodeLlama's SentencePiece vocabulary.
    codellama: { pre: "\u2581<PRE>", suf: "\u2581<SUF>", mid: "\u2581<MID>", eot: "\u2581<EOT>" },
    deepseek: { pre: "<\uff5cfim\u2581begin\uff5c>", suf: "<\uff5cfim\u2581hole\uff5c>", mid: "<\uff5cfim\u2581end\uff5c>" },
    none: {}
};

export const ENDOFTEXT = "<|endoftext|>";
export const IM_START = "<|im_start|>";
export const IM_END = "<|im_end|>";

/** ChatML in the shape Qwen2.5 uses, without Qwen's default system prompt. */
export const CHATML_TEMPLATE =
    "{%- for message in messages %}" +
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}" +
    "{%- endfor %}" +
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

export interface VocabularyOptions {
    fim: FimStyle;
    /** Pad with unused placeholder tokens up to this many tokens. */
    vocabSize?: number;
    merges?: number;
    /** Extra whole-text tokens, reachable by no merge: the pieces a scripted model generates. */
    script?: string[];
}

export interface Vocabulary {
    tokens: string[];
    tokenTypes: Int32Array;
    merges: string[];
    /** Special token ids by role (FIM roles absent when the style has none). */
    ids: { bos: number; eos: number; eot: number; pad: number } & { [K in keyof FimTokens as `fim_${K}`]?: number };
    /** Tokens generation should avoid: control, placeholder and non-printable byte tokens. */
    quiet: Uint8Array;
    /** Ids of the script pieces, in order. */
    script: number[];
}

export const DEFAULT_MERGES = 400;

export function buildVocabulary(options: VocabularyOptions): Vocabulary {
    const byteChars = bytesToUnicode();
    const charOf = new Map(byteChars);
    const tokens: string[] = [];
    const types: number[] = [];
    const quiet: number[] = [];
    const add = (text: string, type: number, isQuiet: boolean) => {
        tokens.push(text);
        types.push(type);
        quiet.push(isQuiet ? 1 : 0);
        return tokens.length - 1;
    };

    for (const [byte, char] of byteChars) add(char, TokenType.NORMAL, !isPrintableByte(byte));
    const merges = learnMerges(options.merges ?? DEFAULT_MERGES);
    const known = new Set(tokens);
    for (const merge of merges) {
        const text = merge.replace(" ", "");
        if (!known.has(text)) {
            known.add(text);
            add(text, TokenType.NORMAL, false);
        }
    }

    const script = (options.script ?? []).map((piece) => {
        const text = Array.from(Buffer.from(piece, "utf8"), (b) => charOf.get(b)!).join("");
        if (known.has(text)) throw new Error(`script piece ${JSON.stringify(piece)} is already a token`);
        known.add(text);
        return add(text, TokenType.NORMAL, false);
    });

    const control = (text: string) => add(text, TokenType.CONTROL, true);
    const endOfText = control(ENDOFTEXT);
    control(IM_START);
    const imEnd = control(IM_END);
    const ids: Vocabulary["ids"] = { bos: endOfText, eos: imEnd, eot: imEnd, pad: endOfText };
    for (const [role, text] of Object.entries(FIM_TOKENS[options.fim]) as Array<[keyof FimTokens, string]>) {
        ids[`fim_${role}`] = control(text);
    }
    if (ids.fim_eot !== undefined) ids.eot = ids.fim_eot;

    const target = options.vocabSize ?? tokens.length;
    if (target < tokens.length) throw new Error(`vocabSize ${target} is below the ${tokens.length} real tokens`);
    for (let id = tokens.length; id < target; id++) add(`<|extra_${id}|>`, TokenType.UNUSED, true);

    return { tokens, tokenTypes: Int32Array.from(types), merges, ids, quiet: Uint8Array.from(quiet), script };
}

export function tokenizerMetadata(vocab: Vocabulary): Array<[string, GgufValue]> {
    const { ids } = vocab;
    const fimKeys = {
        fim_pre: "fim_pre_token_id", fim_suf: "fim_suf_token_id", fim_mid: "fim_mid_token_id",
        fim_pad: "fim_pad_token_id", fim_rep: "fim_rep_token_id", fim_sep: "fim_sep_token_id"
    } as const;
    const metadata: Array<[string, GgufValue]> = [
        ["tokenizer.ggml.model", gguf.str("gpt2")],
        ["tokenizer.ggml.pre", gguf.str("qwen2")],
        ["tokenizer.ggml.tokens", gguf.strings(vocab.tokens)],
        ["tokenizer.ggml.token_type", gguf.i32s(vocab.tokenTypes)],
        ["tokenizer.ggml.merges", gguf.strings(vocab.merges)],
        ["tokenizer.ggml.bos_token_id", gguf.u32(ids.bos)],
        ["tokenizer.ggml.eos_token_id", gguf.u32(ids.eos)],
        ["tokenizer.ggml.eot_token_id", gguf.u32(ids.eot)],
        ["tokenizer.ggml.padding_token_id", gguf.u32(ids.pad)],
        ["tokenizer.ggml.add_bos_token", gguf.bool(false)]
    ];
    for (const [role, key] of Object.entries(fimKeys) as Array<[keyof typeof fimKeys, string]>) {
        const id = ids[role];
        if (id !== undefined) metadata.push([`tokenizer.ggml.${key}`, gguf.u32(id)]);
    }
    metadata.push(["tokenizer.chat_template", gguf.str(CHATML_TEMPLATE)]);
    return metadata;
}

/** Tab, newline and printable ASCII; everything else only appears inside multi-byte text. */
function isPrintableByte(byte: number): boolean {
    return byte === 0x09 || byte === 0x0a || (byte >= 0x20 && byte < 0x7f);
}

/** GPT-2's reversible byte → printable-character map, in GPT-2's token order. */
export function bytesToUnicode(): Array<[byte: number, char: string]> {
    const direct: number[] = [];
    for (let b = 0x21; b <= 0x7e; b++) direct.push(b);
    for (let b = 0xa1; b <= 0xac; b++) direct.push(b);
    for (let b = 0xae; b <= 0xff; b++) direct.push(b);
    const pairs: Array<[number, string]> = direct.map((b) => [b, String.fromCodePoint(b)]);
    let extra = 0;
    for (let b = 0; b < 256; b++) {
        if (!direct.includes(b)) pairs.push([b, String.fromCodePoint(256 + extra++)]);
    }
    return pairs;
}

/** llama.cpp's LLAMA_VOCAB_PRE_TYPE_QWEN2 split, so merges never cross its word boundaries. */
const QWEN2_PRETOKENIZE =
    /(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

let mergeCache: { count: number; merges: string[] } | undefined;

/** Classic BPE training: repeatedly merge the most frequent adjacent pair (ties: lexical order).
 *  Once pairs repeat no more, single occurrences still merge, turning whole corpus words into tokens. */
export function learnMerges(count: number): string[] {
    if (mergeCache?.count === count) return mergeCache.merges;
    const charOf = new Map(bytesToUnicode());
    const wordCounts = new Map<string, number>();
    for (const word of CODE_CORPUS.match(QWEN2_PRETOKENIZE) ?? []) {
        const encoded = Array.from(Buffer.from(word, "utf8"), (b) => charOf.get(b)!).join("");
        wordCounts.set(encoded, (wordCounts.get(encoded) ?? 0) + 1);
    }
    const words = [...wordCounts].map(([w, n]) => ({ symbols: Array.from(w), n }));

    const merges: string[] = [];
    while (merges.length < count) {
        const pairCounts = new Map<string, number>();
        for (const { symbols, n } of words) {
            for (let i = 0; i + 1 < symbols.length; i++) {
                const pair = symbols[i] + " " + symbols[i + 1];
                pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + n);
            }
        }
        let best: string | undefined;
        let bestCount = 0;
        for (const [pair, n] of pairCounts) {
            if (n > bestCount || (n === bestCount && best !== undefined && pair < best)) {
                best = pair;
                bestCount = n;
            }
        }
        if (best === undefined) break;
        merges.push(best);
        const [left, right] = best.split(" ");
        for (const word of words) word.symbols = mergePair(word.symbols, left, right);
    }
    mergeCache = { count, merges };
    return merges;
}

function mergePair(symbols: string[], left: string, right: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === left && symbols[i + 1] === right) {
            out.push(left + right);
            i++;
        } else {
            out.push(symbols[i]);
        }
    }
    return out;
}
