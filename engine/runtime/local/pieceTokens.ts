// Turns prompt pieces into the model's tokens. Each text piece is tokenized on its own and its tokens kept for a
// while: the pieces of a completion prompt (context from other files, the prefix, the suffix) stay the same
// from keystroke to keystroke, so only the text typed since gets tokenized again.
import type { PromptPiece, SpecialPiece } from "../inference";
import type { Token } from "../llama";
import type { FimTokens } from "./fimTokens";

/**
 * Enough for the pieces of every layout on offer (up to 16 chunks of other files, prefix and suffix of a quick
 * and a wide layout, for each remembered place) and the next keystroke's.
 */
const keptPieces = 256;

export class PieceTokens {
    private readonly recent = new Map<string, Token[]>();

    constructor(private readonly tokenize: (text: string) => Token[], private readonly fim: FimTokens | undefined) {}

    /** The tokens of `text` on its own. */
    of(text: string): Token[] {
        const known = this.recent.get(text);
        if (known) {
            // Map order is insertion order: taking it out and back in makes it the most recently used.
            this.recent.delete(text);
            this.recent.set(text, known);
            return known;
        }
        const tokens = this.tokenize(text);
        this.recent.set(text, tokens);
        if (this.recent.size > keptPieces) this.recent.delete(this.recent.keys().next().value!);
        return tokens;
    }

    join(prompt: readonly PromptPiece[]): Token[] {
        const tokens: Token[] = [];
        for (const piece of prompt) {
            if (typeof piece === "string") tokens.push(...this.of(piece));
            else tokens.push(...this.special(piece.special));
        }
        return tokens;
    }

    private special(name: SpecialPiece): Token[] {
        const fim = this.fim;
        if (name === "bos") return fim?.start ?? [];
        const token = name === "fimPrefix" ? fim?.prefix : name === "fimSuffix" ? fim?.suffix : name === "fimMiddle" ? fim?.middle : fim?.fileSeparator;
        if (token === undefined) throw new Error(`the model has no ${name} token`);
        return [token];
    }
}
