import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnswerStream } from "../../engine/chat/answerStream";

/** Feeds the generated text one step at a time, as the engine does after each token. */
function stream(steps: string[], stops = ["<|im_end|>"]): { pieces: string[]; stream: AnswerStream } {
    const answer = new AnswerStream(stops);
    const pieces: string[] = [];
    let text = "";
    for (const step of steps) {
        text += step;
        const piece = answer.next(text);
        if (piece !== "") pieces.push(piece);
        if (answer.stopped) break;
    }
    const rest = answer.finish(text);
    if (rest !== "") pieces.push(rest);
    return { pieces, stream: answer };
}

describe("answer stream", () => {
    it("passes text through piece by piece", () => {
        const { pieces, stream: s } = stream(["Hel", "lo", " world"]);
        assert.deepEqual(pieces, ["Hel", "lo", " world"]);
        assert.equal(s.text, "Hello world");
        assert.equal(s.stopped, false);
    });

    it("holds back what could be the start of a stop text, then cuts at it", () => {
        const { pieces, stream: s } = stream(["Done", "<|im", "_end|>", " after"]);
        assert.deepEqual(pieces, ["Done"]);
        assert.equal(s.text, "Done");
        assert.equal(s.stopped, true);
    });

    it("releases a held-back prefix that turned out not to be a stop text", () => {
        const { pieces, stream: s } = stream(["a <|i", "tem"]);
        assert.deepEqual(pieces, ["a ", "<|item"]);
        assert.equal(s.text, "a <|item");
    });

    it("waits for the rest of a character whose bytes came in two tokens", () => {
        const answer = new AnswerStream([]);
        assert.equal(answer.next("caf\uFFFD"), "caf");
        assert.equal(answer.next("café"), "é");
        assert.equal(answer.finish("café!"), "!");
        assert.equal(answer.text, "café!");
    });

    it("gives out the text held back when generation ends", () => {
        const answer = new AnswerStream(["<|im_end|>"]);
        assert.equal(answer.next("x <|im"), "x ");
        assert.equal(answer.finish("x <|im"), "<|im");
    });

    it("stops at the earliest of several stop texts", () => {
        const answer = new AnswerStream(["STOP", "END"]);
        assert.equal(answer.next("one END two STOP"), "one ");
        assert.equal(answer.stopped, true);
        assert.equal(answer.next("one END two STOP more"), "");
    });
});
