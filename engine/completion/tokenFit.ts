// Cuts text to a token budget without tokenizing more than a budget's worth: text is first cut to a length no
// budget could use, then measured. Cuts fall between lines where that keeps at least half of what fits.

type CountTokens = (text: string) => number;

/** No token of a code model's vocabulary is longer than this, in practice: a budget never needs more text. */
const maxCharsPerToken = 8;

export class TokenFit {
    constructor(private readonly countTokens: CountTokens) {}

    /** The longest end of `text` within `budget` tokens. */
    end(text: string, budget: number): string {
        return this.fit(text, budget, keepLast);
    }

    /** The longest start of `text` within `budget` tokens. */
    start(text: string, budget: number): string {
        return this.fit(text, budget, keepFirst);
    }

    /** Tokens of `text`, or more than `budget` without tokenizing text too long for it. */
    within(text: string, budget: number): boolean {
        return text.length <= budget * maxCharsPerToken && this.countTokens(text) <= budget;
    }

    private fit(text: string, budget: number, keep: (text: string, chars: number) => string): string {
        if (budget <= 0) return "";
        text = keep(text, budget * maxCharsPerToken);
        let tokens = this.countTokens(text);
        for (let attempt = 0; tokens > budget && attempt < 4; attempt++) {
            text = keep(text, Math.floor(((text.length * budget) / tokens) * 0.95));
            tokens = this.countTokens(text);
        }
        return tokens > budget ? "" : text;
    }
}

/** At most `chars` from the end of `text`, starting at a line start unless that keeps less than half. */
function keepLast(text: string, chars: number): string {
    if (text.length <= chars) return text;
    const from = text.length - chars;
    const lineStart = text.indexOf("\n", from - 1) + 1;
    return lineStart > 0 && lineStart - from <= chars / 2 ? text.slice(lineStart) : text.slice(from);
}

/** At most `chars` from the start of `text`, ending after a line break unless that keeps less than half. */
function keepFirst(text: string, chars: number): string {
    if (text.length <= chars) return text;
    const lineEnd = text.lastIndexOf("\n", chars - 1) + 1;
    return lineEnd >= chars / 2 ? text.slice(0, lineEnd) : text.slice(0, chars);
}
