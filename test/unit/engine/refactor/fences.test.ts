import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractAnswerCode, extractCode, fenceFor } from "../../../../engine/refactor/fences";

describe("code extraction from a model's answer", () => {
    const codeOf: Array<[string, string, string]> = [
        ["keeps the indentation of the first line", "```py\n    return x\n```", "    return x"],
        ["picks the longest of several blocks", "Before:\n```js\nold()\n```\nAfter:\n```js\nconst value = compute();\nnewer(value);\n```\nUsage:\n```js\nuse()\n```", "const value = compute();\nnewer(value);"],
        ["hides a closing fence that is still being written", "```ts\nconst a = 1;\n``", "const a = 1;"],
        ["drops the line end before a closing fence yet to come", "```ts\nconst a = 1;\n", "const a = 1;"],
        ["only closes a block with a fence at least as long as the opening one", "````md\nSome text\n```js\nx()\n```\nmore\n````", "Some text\n```js\nx()\n```\nmore"],
        ["accepts tilde fences and CRLF answers", "~~~python\r\nprint(1)\r\n~~~\r\n", "print(1)"],
        ["skips a reasoning preamble", "<think>\nThe user wants a sum.\n</think>\n```ts\nsum()\n```", "sum()"],
        ["shows nothing while the model is still reasoning", "<think>\nstill thinking", ""]
    ];
    for (const [what, answer, code] of codeOf) {
        it(what, () => assert.equal(extractCode(answer).code, code));
    }

    it("takes the block out of prose before and after it", () => {
        const answer = "Sure! Here is the rewritten function:\n\n```ts\nfunction sum(a: number, b: number) {\n    return a + b;\n}\n```\n\nI renamed `add` to `sum`.";
        assert.deepEqual(extractCode(answer), { code: "function sum(a: number, b: number) {\n    return a + b;\n}", fenced: true, closed: true });
    });

    it("returns the whole answer, blank lines trimmed, when there is no fence", () => {
        assert.deepEqual(extractCode("\n\nconst a = 1;\nconst b = 2;\n\n"), { code: "const a = 1;\nconst b = 2;", fenced: false, closed: false });
    });

    it("reads an unterminated block to the end", () => {
        assert.deepEqual(extractCode("```ts\nconst a = 1;\nconst b"), { code: "const a = 1;\nconst b", fenced: true, closed: false });
    });

    it("while streaming, a bare fence on the last line does not close the block yet", () => {
        assert.deepEqual(extractCode("```ts\nconst a = 1;\n```", false), { code: "const a = 1;", fenced: true, closed: false });
        assert.deepEqual(extractCode("```ts\nconst a = 1;\n```\n", false), { code: "const a = 1;", fenced: true, closed: true });
        assert.deepEqual(extractCode("```ts\nconst a = 1;\n```"), { code: "const a = 1;", fenced: true, closed: true });
    });

    it("makes fences longer than any backtick run in the text", () => {
        assert.equal(fenceFor("plain"), "```");
        assert.equal(fenceFor("a ```js block``` and `x`"), "````");
    });
});

describe("code extraction from an answer Hearth opened with a fence", () => {
    it("continues the opened block", () => {
        assert.deepEqual(extractAnswerCode("```ts\n", "const a = 1;\n```\n"), { code: "const a = 1;", fenced: true, closed: true });
    });

    it("reads a model that starts over with prose and its own fence from its own text", () => {
        const generated = "Here is the code:\n\n```ts\nexport const answer = 42;\n```\n";
        assert.deepEqual(extractAnswerCode("```ts\n", generated), { code: "export const answer = 42;", fenced: true, closed: true });
        // Streamed: the prose shows first, then the code replaces it; "```" alone does not end the answer.
        assert.equal(extractAnswerCode("```ts\n", "Here is the code:\n\n", false).code, "Here is the code:");
        assert.deepEqual(extractAnswerCode("```ts\n", "Here is the code:\n\n```", false), { code: "Here is the code:", fenced: true, closed: false });
        assert.deepEqual(extractAnswerCode("```ts\n", "Here is the code:\n\n```ts\nexport", false), { code: "export", fenced: true, closed: false });
    });

    it("keeps a shorter fence inside a longer opened one as code", () => {
        const generated = "Intro\n```js\nx()\n```\nmore\n````\n";
        assert.equal(extractAnswerCode("````md\n", generated).code, "Intro\n```js\nx()\n```\nmore");
    });
});
