// Token counts of text on a server, whose tokenizer is a request away: prompts are fitted with an estimate
// that errs on the side of more tokens, and each answer's true prompt size, as the server reports it, corrects it.

/** Characters per token assumed before a server reported any: code in most tokenizers runs 3–4. */
const initialCharsPerToken = 2.5;
const kept = 16;
/** Prompts shorter than this say little about the ratio. */
const minTokens = 32;
/** Counts 10% above the most token-dense prompt seen, so that a fitted prompt still fits. */
const margin = 0.9;

export class TokenEstimate {
    private readonly ratios: number[] = [];
    private charsPerToken = initialCharsPerToken;

    count(text: string): number {
        return this.forChars(text.length);
    }

    forChars(chars: number): number {
        return Math.ceil(chars / this.charsPerToken);
    }

    /** The server said a prompt of `chars` characters was `tokens` tokens. */
    observe(chars: number, tokens: number): void {
        if (tokens < minTokens || chars <= 0) return;
        this.ratios.push(chars / tokens);
        if (this.ratios.length > kept) this.ratios.shift();
        this.charsPerToken = Math.max(1, Math.min(...this.ratios) * margin);
    }
}
