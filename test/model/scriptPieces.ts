// Splits a text into the pieces of a scripted model (presets.ts `script`): each piece becomes one token of its
// own, so no piece may already be a token of the generated vocabulary, and no two pieces may be equal.
import { buildVocabulary, bytesToUnicode, type FimStyle } from "./tokenizer";

const vocabularies = new Map<FimStyle, Set<string>>();

/** The texts of the vocabulary's tokens, as the model would print them. */
function tokenTexts(fim: FimStyle): Set<string> {
    let texts = vocabularies.get(fim);
    if (!texts) {
        const byteOf = new Map(bytesToUnicode().map(([byte, char]) => [char, byte]));
        const decode = (token: string) => Buffer.from(Array.from(token, (char) => byteOf.get(char) ?? 0)).toString("utf8");
        texts = new Set(buildVocabulary({ fim }).tokens.map(decode));
        vocabularies.set(fim, texts);
    }
    return texts;
}

/** Chunks of about `size` characters, broken after a newline or a space where one is near. */
function chunks(text: string, size: number): string[] {
    const parts: string[] = [];
    let start = 0;
    while (start < text.length) {
        let end = Math.min(text.length, start + size);
        const newline = text.indexOf("\n", start + 1);
        if (newline > start && newline < end) end = newline;
        parts.push(text.slice(start, end));
        start = end;
    }
    return parts;
}

/**
 * Pieces that join to `text`, at most `maxPieces` of them. Throws when `text` cannot be scripted: it is empty,
 * or a single token of the vocabulary already.
 */
export function scriptPieces(text: string, maxPieces = 48, fim: FimStyle = "qwen"): string[] {
    const known = tokenTexts(fim);
    if (text === "" || known.has(text)) throw new Error(`${JSON.stringify(text)} is empty or a single token: a scripted model cannot answer it alone`);
    const size = Math.max(3, Math.ceil(text.length / maxPieces) + 1);
    const pieces = chunks(text, size);
    // Merge every piece that is a known token or repeats an earlier one into its neighbour, until none is.
    for (let i = 0; i < pieces.length; ) {
        const clash = known.has(pieces[i]) || pieces.indexOf(pieces[i]) < i;
        if (!clash) {
            i++;
            continue;
        }
        if (i + 1 < pieces.length) pieces.splice(i, 2, pieces[i] + pieces[i + 1]);
        else {
            pieces.splice(i - 1, 2, pieces[i - 1] + pieces[i]);
            i = Math.max(0, i - 2);
        }
    }
    if (pieces.join("") !== text) throw new Error("script pieces do not join to the text");
    return pieces;
}
