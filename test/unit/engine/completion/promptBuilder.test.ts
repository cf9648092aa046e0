import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { windowAround } from "../../../../engine/completion/contextWindow";
import type { PromptBudget, PromptBudgets } from "../../../../engine/completion/promptBudget";
import { PromptBuilder as Builder, type ExtraChunk } from "../../../../engine/completion/promptBuilder";
import type { PromptPiece, SpecialPiece } from "../../../../engine/runtime/inference";

type Token = number;

// One token per character keeps the arithmetic visible; FIM tokens are 1, 2, 3 and the file separator 4; no BOS.
const specials: Record<SpecialPiece, Token[]> = { bos: [], fimPrefix: [1], fimSuffix: [2], fimMiddle: [3], fileSeparator: [4] };
const tokenize = (text: string) => [...text].map((ch) => ch.codePointAt(0)! + 1000);
const detokenize = (tokens: Token[]) => tokens.map((t) => (t >= 1000 ? String.fromCodePoint(t - 1000) : `<${t}>`)).join("");
const tokensOf = (pieces: PromptPiece[]) => pieces.flatMap((piece) => (typeof piece === "string" ? tokenize(piece) : specials[piece.special]));

const wide: PromptBudget = { prefixTokens: 400, suffixTokens: 100, extraTokens: 100, prefixLines: 256, suffixLines: 64 };
const roomy: PromptBudgets = { quick: wide, wide, middleTokens: 40, foregroundTokens: 10_000 };

/** The builder on that tokenizer, answering with each candidate's tokens; it counts the characters it was asked to tokenize. */
class PromptBuilder {
    tokenizedChars = 0;
    private readonly builder: Builder;
    constructor(budgets: PromptBudgets = roomy) {
        this.builder = new Builder((text) => ((this.tokenizedChars += text.length), tokenize(text).length), { fileSeparator: true }, () => budgets);
    }
    candidates(uri: string, text: string, cursor: number, extra: ExtraChunk[] = [], name = uri.slice(uri.lastIndexOf("/") + 1)) {
        return this.builder.candidates(uri, name, windowAround(text, cursor), () => extra).map((c) => ({ ...c, tokens: tokensOf(c.pieces), text: detokenize(tokensOf(c.pieces)) }));
    }
    build(uri: string, text: string, cursor: number, extra: ExtraChunk[] = []) {
        return this.candidates(uri, text, cursor, extra)[0];
    }
}

function commonPrefix(a: Token[], b: Token[]): number {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
}

const doc = "line one\nline two\nfunction f() {\n    \n}\ntail\n";
const cursorAt = doc.indexOf("    \n") + 4;

describe("FIM prompt layout", () => {
    it("lays out prefix, suffix and the start of the current line after the middle token", () => {
        const prompt = new PromptBuilder().build("file:///a.ts", doc, cursorAt);
        assert.equal(prompt.text, "<1>line one\nline two\nfunction f() {\n<2>\n}\ntail\n<3>    ");
        assert.equal(prompt.fresh, true);
    });

    it("only appends tokens while the user types, even across new lines", () => {
        const builder = new PromptBuilder();
        let text = doc;
        let cursor = cursorAt;
        let previous = builder.build("file:///a.ts", text, cursor).tokens;
        for (const ch of "return 1;\n    ok") {
            text = text.slice(0, cursor) + ch + text.slice(cursor);
            cursor++;
            const next = builder.build("file:///a.ts", text, cursor);
            assert.equal(next.fresh, false);
            assert.equal(commonPrefix(previous, next.tokens), previous.length, `typing "${ch}" must only append`);
            previous = next.tokens;
        }
        assert.match(detokenize(previous), /<3> {4}return 1;\n {4}ok$/);
    });

    const moves: Array<[string, (text: string) => { uri?: string; text: string; cursor: number }]> = [
        ["the cursor moved back", (text) => ({ text, cursor: 3 })],
        ["the text below changed", (text) => ({ text: text.replace("tail", "TAIL"), cursor: cursorAt })],
        ["the text above changed", (text) => ({ text: text.replace("line one", "line 1!!"), cursor: cursorAt })],
        ["another document", (text) => ({ uri: "file:///b.ts", text, cursor: cursorAt })]
    ];
    for (const [what, move] of moves) {
        it(`lays the prompt out anew when ${what}`, () => {
            const builder = new PromptBuilder();
            builder.build("file:///a.ts", doc, cursorAt);
            const next = move(doc);
            assert.equal(builder.build(next.uri ?? "file:///a.ts", next.text, next.cursor).fresh, true);
        });
    }

    it("lays out anew further down once the typed text is long, keeping the prefix tokens", () => {
        const builder = new PromptBuilder();
        const first = builder.build("file:///a.ts", doc, cursorAt).tokens;
        const typed = doc.slice(0, cursorAt) + `${"x".repeat(25)}\n    y` + doc.slice(cursorAt);
        const [fresh, old] = builder.candidates("file:///a.ts", typed, cursorAt + 31);
        assert.equal(fresh.fresh, true, "the new layout comes first");
        assert.match(fresh.text, /x{25}\n<2>\n\}\ntail\n<3> {4}y$/);
        assert.ok(commonPrefix(first, fresh.tokens) >= first.indexOf(2), "the old prefix is still the start of the new one");
        assert.equal(old.fresh, false, "the layout already in the cache stays on offer");
        assert.equal(commonPrefix(first, old.tokens), first.length);
    });

    it("keeps the prefix and suffix within their token budgets, cutting whole lines far from the cursor", () => {
        const builder = new PromptBuilder({ ...roomy, wide: { ...wide, prefixTokens: 50, suffixTokens: 20 } });
        const lines = Array.from({ length: 40 }, (_, i) => `line ${String(i).padStart(2, "0")}`);
        const text = `${lines.join("\n")}\n|\n${lines.join("\n")}\n`;
        const prompt = builder.build("file:///a.ts", text, text.indexOf("|")).text;
        const [prefix, rest] = prompt.slice(3).split("<2>");
        const [suffix, middle] = rest.split("<3>");
        assert.ok(prefix.length <= 50 && prefix.startsWith("line") && prefix.endsWith("line 39\n"), prefix);
        assert.ok(suffix.length <= 20 && suffix.startsWith("|\nline 00"), suffix);
        assert.equal(middle, "");
    });

    it("puts context from other files first, most recent nearest, within budget", () => {
        const chunks = [
            { name: "old.ts", text: "o".repeat(90) },
            { name: "b.ts", text: "const b = 2;" },
            { name: "c.ts", text: "const c = 3;" }
        ];
        const prompt = new PromptBuilder().build("file:///a.ts", doc, cursorAt, chunks).text;
        assert.ok(prompt.startsWith("<4>b.ts\nconst b = 2;\n<4>c.ts\nconst c = 3;\n<4>a.ts\n<1>line one"), prompt);
    });

    it("offers a quick layout, a small window without other files, where the wide one costs more than the foreground affords", () => {
        const quick: PromptBudget = { ...wide, prefixTokens: 12, suffixTokens: 2, extraTokens: 0 };
        const builder = new PromptBuilder({ quick, wide, middleTokens: 40, foregroundTokens: 20 });
        const [first, second] = builder.candidates("file:///a.ts", doc, cursorAt, [{ name: "b.ts", text: "const b = 2;" }]);
        assert.equal(first.layout, "wide");
        assert.ok(first.text.startsWith("<4>b.ts"), first.text);
        assert.equal(second.layout, "quick");
        assert.equal(second.text, "<1>tion f() {\n<2>\n<3>    ");
    });

    it("remembers recent places, so that jumping back offers the same prompt", () => {
        const builder = new PromptBuilder();
        const before = builder.build("file:///a.ts", doc, cursorAt);
        builder.build("file:///b.ts", "other file\n", 5);
        builder.build("file:///a.ts", doc, 3);
        const back = builder.build("file:///a.ts", doc, cursorAt);
        assert.equal(back.fresh, false);
        assert.deepEqual(back.tokens, before.tokens);
    });

    const pathological: Array<[string, string, number]> = [
        ["a 100,000-character line", `x = 1\n${"ab".repeat(50_000)}\ny = 2\n`, 6 + 70_000],
        ["one 5 MB line", "q".repeat(5_000_000), 2_500_000],
        ["a 100,000-character line after the cursor", `f(\n${"z".repeat(100_000)}\n`, 2]
    ];
    for (const [what, text, cursor] of pathological) {
        it(`keeps every part within budget on ${what}, tokenizing no more than the budgets need`, () => {
            const builder = new PromptBuilder();
            const first = builder.candidates("file:///a.js", text, cursor);
            for (const candidate of first) assert.ok(candidate.tokens.length <= 400 + 100 + 100 + 40 + 8, `${candidate.tokens.length} tokens`);
            assert.ok(builder.tokenizedChars < 20_000, `tokenized ${builder.tokenizedChars} characters`);
            const typed = text.slice(0, cursor) + "k" + text.slice(cursor);
            const next = builder.build("file:///a.js", typed, cursor + 1);
            assert.equal(next.fresh, false, "typing on the long line only appends");
            assert.equal(commonPrefix(first[0].tokens, next.tokens), first[0].tokens.length);
        });
    }

    it("cuts a huge file name to its token budget, keeping its end", () => {
        const name = `${"n".repeat(20_000)}.min.js`;
        const builder = new PromptBuilder();
        const prompt = builder.candidates("file:///b.js", doc, cursorAt, [{ name: "c.ts", text: "const c = 3;" }], name)[0].text;
        const shown = prompt.split("<4>")[2].split("\n")[0];
        assert.ok(shown.length <= 16 && shown.endsWith(".min.js"), shown);
    });
});
