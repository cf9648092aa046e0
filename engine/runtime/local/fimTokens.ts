import type { LlamaModel, Token } from "../llama";

/** The model's own fill-in-the-middle tokens, found by llama.cpp from GGUF metadata or token text. */
export interface FimTokens {
    prefix: Token;
    suffix: Token;
    middle: Token;
    /** Qwen's repository-level separator between files, when the model has one. */
    fileSeparator?: Token;
    /** Tokens that start every prompt (BOS for models that want it). */
    start: Token[];
}

export function fimTokensOf(model: LlamaModel): FimTokens | undefined {
    const { prefix, suffix, middle } = model.tokens.infill;
    if (prefix == null || suffix == null || middle == null) return undefined;
    const fileSeparator = findSingleToken(model, "<|file_sep|>") ?? findSingleToken(model, "<file_sep>");
    const bos = model.tokens.bos;
    const start = model.tokens.shouldPrependBosToken && bos != null ? [bos] : [];
    return { prefix, suffix, middle, fileSeparator, start };
}

function findSingleToken(model: LlamaModel, text: string): Token | undefined {
    const tokens = model.tokenize(text, true);
    return tokens.length === 1 && model.isSpecialToken(tokens[0]) ? tokens[0] : undefined;
}
