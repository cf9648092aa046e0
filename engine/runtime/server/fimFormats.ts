// The fill-in-the-middle formats a server's model may use, as text: a server tokenizes special tokens written in
// the prompt (llama-server and vLLM do), so Hearth renders the same anchored layout the local engine evaluates,
// and the server's prompt cache keeps everything before the typed tail.
import type { FimFormatSetting } from "../../protocol";
import type { PromptPiece } from "../inference";

export type FimFormatName = Exclude<FimFormatSetting, "auto">;

export interface FimFormat {
    name: FimFormatName;
    prefix: string;
    suffix: string;
    middle: string;
    /** The separator between files of a repository-level prompt, when the model was trained with one. */
    fileSeparator?: string;
    /** Texts that end a suggestion if a server writes them out instead of stopping at them. */
    stopTexts: readonly string[];
}

export const fimFormats: Readonly<Record<FimFormatName, FimFormat>> = {
    qwen: { name: "qwen", prefix: "<|fim_prefix|>", suffix: "<|fim_suffix|>", middle: "<|fim_middle|>", fileSeparator: "<|file_sep|>", stopTexts: ["<|endoftext|>", "<|file_sep|>", "<|fim_prefix|>", "<|fim_pad|>", "<|im_end|>"] },
    codegemma: { name: "codegemma", prefix: "<|fim_prefix|>", suffix: "<|fim_suffix|>", middle: "<|fim_middle|>", fileSeparator: "<|file_separator|>", stopTexts: ["<|file_separator|>", "<|fim_prefix|>", "<end_of_turn>", "<eos>"] },
    starcoder: { name: "starcoder", prefix: "<fim_prefix>", suffix: "<fim_suffix>", middle: "<fim_middle>", fileSeparator: "<file_sep>", stopTexts: ["<|endoftext|>", "<file_sep>", "<fim_prefix>", "<fim_pad>"] },
    deepseek: { name: "deepseek", prefix: "<｜fim▁begin｜>", suffix: "<｜fim▁hole｜>", middle: "<｜fim▁end｜>", stopTexts: ["<｜end▁of▁sentence｜>", "<｜fim▁begin｜>", "<|EOT|>"] },
    codellama: { name: "codellama", prefix: "<PRE> ", suffix: " <SUF>", middle: " <MID>", stopTexts: ["<EOT>", "</s>", "<PRE>"] }
};

/** The order a server's tokenizer is asked about them: each one's prefix marker is one token in its own models only. */
export const probeOrder: readonly FimFormatName[] = ["qwen", "codegemma", "starcoder", "deepseek"];

/** Guesses the format from a model's name (a file name, a Hugging Face id, an Ollama tag); undefined when it cannot. */
export function fimFormatFromName(name: string): FimFormatName | undefined {
    const n = name.toLowerCase();
    if (/codegemma/.test(n)) return "codegemma";
    if (/qwen[\d.]*-?coder|qwen.*coder/.test(n)) return "qwen";
    if (/starcoder|granite[-_.]?(\d+b[-_.])?code|stable-?code/.test(n)) return "starcoder";
    if (/deepseek[-_.]?coder/.test(n)) return "deepseek";
    if (/code[-_.]?llama/.test(n)) return "codellama";
    return undefined;
}

/**
 * The prompt as the server reads it. `bos` is left to the server, which adds the model's start token itself;
 * `fileSeparator` is asked for only of a format that has one.
 */
export function renderFim(prompt: readonly PromptPiece[], format: FimFormat): string {
    let text = "";
    for (const piece of prompt) {
        if (typeof piece === "string") text += piece;
        else if (piece.special === "fimPrefix") text += format.prefix;
        else if (piece.special === "fimSuffix") text += format.suffix;
        else if (piece.special === "fimMiddle") text += format.middle;
        else if (piece.special === "fileSeparator") {
            if (format.fileSeparator === undefined) throw new Error(`the ${format.name} format has no file separator`);
            text += format.fileSeparator;
        }
    }
    return text;
}
