import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { budgetFor, PromptBuilder as Builder, type PromptBudget } from "../../../../engine/completion/promptBuilder";
import type { PromptPiece, SpecialPiece } from "../../../../engine/runtime/inference";

type Token = number;

// One token per character keeps the arithmetic visible; FIM tokens are 1, 2, 3 and the file separator 4; no BOS.
const specials: Record<SpecialPiece, Token[]> = { bos: [], fimPrefix: [1], fimSuffix: [2], fimMiddle: [3], fileSeparator: [4] };
const tokenize = (text: string) => [...text].map((ch) => ch.codePointAt(0)! + 1000);
const detokenize = (tokens: Token[]) => tokens.map((t) => (t >= 1000 ? String.fromCodePoint(t - 1000) : `<${t}>`)).join("");
const tokensOf = (pieces: PromptPiece[]) => pieces.flatMap((piece) => (typeof piece === "string" ? tokenize(piece) : specials[piece.special]));

/** The builder on that tokenizer, answering with the prompt's tokens. */
class PromptBuilder {
    private readonly builder: Builder;
    constructor(budget: PromptBudget) {
        this.builder = new Builder((text) => tokenize(text).length, { fileSeparator: true }, budget);
    }
    build(...args: Parameters<Builder["build"]>) {
        const built = this.builder.build(...args);
        return { tokens: tokensOf(built.pieces), reanchored: built.reanchored };
    }
}
const budget: PromptBudget = { prefixTokens: 400, suffixTokens: 100, extraTokens: 100, middleTokens: 40, prefixLines: 256, suffixLines: 64 };

function commonPrefix(a: Token[], b: Token[]): number {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
}

const doc = "line one\nline two\nfunction f() {\n    \n}\ntail\n";
const cursorAt = doc.indexOf("    \n") + 4;

describe("FIM prompt layout", () => {
    it("lays out prefix, suffix and the start of the current line after the middle token", () => {
        const builder = new PromptBuilder(budget);
        const prompt = builder.build("file:///a.ts", "a.ts", doc, cursorAt, () => []);
        assert.equal(detokenize(prompt.tokens), "<1>line one\nline two\nfunction f() {\n<2>\n}\ntail\n<3>    ");
        assert.equal(prompt.reanchored, true);
    });

    it("only appends tokens while the user types, even across new lines", () => {
        const builder = new PromptBuilder(budget);
        let text = doc;
        let cursor = cursorAt;
        let previous = builder.build("file:///a.ts", "a.ts", text, cursor, () => []).tokens;
        for (const ch of "return 1;\n    ok") {
            text = text.slice(0, cursor) + ch + text.slice(cursor);
            cursor++;
            const next = builder.build("file:///a.ts", "a.ts", text, cursor, () => []);
            assert.equal(next.reanchored, false);
            assert.equal(commonPrefix(previous, next.tokens), previous.length, `typing "${ch}" must only append`);
            previous = next.tokens;
        }
        assert.match(detokenize(previous), /<3> {4}return 1;\n {4}ok$/);
    });

    it("re-anchors when the cursor moves, the text around it changes, or the typed tail outgrows its budget", () => {
        const builder = new PromptBuilder(budget);
        builder.build("file:///a.ts", "a.ts", doc, cursorAt, () => []);
        assert.equal(builder.build("file:///a.ts", "a.ts", doc, 3, () => []).reanchored, true, "cursor moved back");
        builder.build("file:///a.ts", "a.ts", doc, cursorAt, () => []);
        const editedBelow = doc.replace("tail", "TAIL");
        assert.equal(builder.build("file:///a.ts", "a.ts", editedBelow, cursorAt, () => []).reanchored, true, "suffix changed");
        const editedAbove = editedBelow.replace("line one", "line 1!!");
        assert.equal(builder.build("file:///a.ts", "a.ts", editedAbove, cursorAt, () => []).reanchored, true, "prefix changed");
        const long = editedAbove.slice(0, cursorAt) + "x".repeat(50) + editedAbove.slice(cursorAt);
        assert.equal(builder.build("file:///a.ts", "a.ts", long, cursorAt + 50, () => []).reanchored, true, "middle too long");
        assert.equal(builder.build("file:///b.ts", "b.ts", long, cursorAt + 50, () => []).reanchored, true, "another document");
    });

    it("keeps the prefix tokens when re-anchoring further down the same window", () => {
        const builder = new PromptBuilder(budget);
        const first = builder.build("file:///a.ts", "a.ts", doc, cursorAt, () => []).tokens;
        const typed = doc.slice(0, cursorAt) + "x".repeat(45) + doc.slice(cursorAt);
        const second = builder.build("file:///a.ts", "a.ts", typed, cursorAt + 45, () => []);
        assert.equal(second.reanchored, true);
        const prefixEnd = first.indexOf(2);
        assert.ok(commonPrefix(first, second.tokens) >= prefixEnd, "the old prefix is still the start of the new one");
    });

    it("keeps the prefix and suffix within their token budgets, cutting whole lines far from the cursor", () => {
        const builder = new PromptBuilder({ ...budget, prefixTokens: 50, suffixTokens: 20 });
        const lines = Array.from({ length: 40 }, (_, i) => `line ${String(i).padStart(2, "0")}`);
        const text = `${lines.join("\n")}\n|\n${lines.join("\n")}\n`;
        const cursor = text.indexOf("|");
        const prompt = detokenize(builder.build("file:///a.ts", "a.ts", text, cursor, () => []).tokens);
        const [prefix, rest] = prompt.slice(3).split("<2>");
        const [suffix, middle] = rest.split("<3>");
        assert.ok(prefix.length <= 50 && prefix.startsWith("line") && prefix.endsWith("line 39\n"), prefix);
        assert.ok(suffix.length <= 20 && suffix.startsWith("|\nline 00"), suffix);
        assert.equal(middle, "");
    });

    it("puts context from other files first, most recent nearest, within budget", () => {
        const builder = new PromptBuilder(budget);
        const chunks = [
            { name: "old.ts", text: "o".repeat(90) },
            { name: "b.ts", text: "const b = 2;" },
            { name: "c.ts", text: "const c = 3;" }
        ];
        const prompt = detokenize(builder.build("file:///a.ts", "a.ts", doc, cursorAt, () => chunks).tokens);
        assert.ok(prompt.startsWith("<4>b.ts\nconst b = 2;\n<4>c.ts\nconst c = 3;\n<4>a.ts\n<1>line one"), prompt);
    });

    it("sizes budgets to the context window", () => {
        const small = budgetFor(512, 64);
        assert.ok(small.prefixTokens + small.suffixTokens + small.extraTokens + small.middleTokens <= 512 - 64);
        const large = budgetFor(32768, 64);
        assert.ok(large.prefixTokens >= 1024 && large.suffixTokens >= 256);
    });
});
