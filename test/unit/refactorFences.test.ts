import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractCode, fenceFor } from "../../engine/refactor/fences";

describe("code extraction from a model's answer", () => {
    it("takes the block out of prose before and after it", () => {
        const answer = "Sure! Here is the rewritten function:\n\n```ts\nfunction sum(a: number, b: number) {\n    return a + b;\n}\n```\n\nI renamed `add` to `sum`.";
        assert.deepEqual(extractCode(answer), { code: "function sum(a: number, b: number) {\n    return a + b;\n}", fenced: true, closed: true });
    });

    it("keeps the indentation of the first line", () => {
        assert.equal(extractCode("```py\n    return x\n```").code, "    return x");
    });

    it("picks the longest of several blocks", () => {
        const answer = "Before:\n```js\nold()\n```\nAfter:\n```js\nconst value = compute();\nnewer(value);\n```\nUsage:\n```js\nuse()\n```";
        assert.equal(extractCode(answer).code, "const value = compute();\nnewer(value);");
    });

    it("returns the whole answer, blank lines trimmed, when there is no fence", () => {
        assert.deepEqual(extractCode("\n\nconst a = 1;\nconst b = 2;\n\n"), { code: "const a = 1;\nconst b = 2;", fenced: false, closed: false });
    });

    it("reads an unterminated block to the end", () => {
        assert.deepEqual(extractCode("```ts\nconst a = 1;\nconst b"), { code: "const a = 1;\nconst b", fenced: true, closed: false });
    });

    it("hides a closing fence that is still being written", () => {
        assert.equal(extractCode("```ts\nconst a = 1;\n``").code, "const a = 1;");
        assert.equal(extractCode("```ts\nconst a = 1;\n").code, "const a = 1;");
    });

    it("only closes a block with a fence at least as long as the opening one", () => {
        const answer = "````md\nSome text\n```js\nx()\n```\nmore\n````";
        assert.equal(extractCode(answer).code, "Some text\n```js\nx()\n```\nmore");
    });

    it("accepts tilde fences and CRLF answers", () => {
        assert.equal(extractCode("~~~python\r\nprint(1)\r\n~~~\r\n").code, "print(1)");
    });

    it("skips a reasoning preamble", () => {
        assert.equal(extractCode("<think>\nThe user wants a sum.\n</think>\n```ts\nsum()\n```").code, "sum()");
        assert.equal(extractCode("<think>\nstill thinking").code, "");
    });

    it("makes fences longer than any backtick run in the text", () => {
        assert.equal(fenceFor("plain"), "```");
        assert.equal(fenceFor("a ```js block``` and `x`"), "````");
    });
});
