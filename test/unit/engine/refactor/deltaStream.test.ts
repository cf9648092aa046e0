import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RefactorDelta } from "../../../../engine/protocol";
import { DeltaStream } from "../../../../engine/refactor/deltaStream";

function replay(deltas: RefactorDelta[]): { text: string; code: string } {
    let text = "";
    let code = "";
    for (const delta of deltas) {
        text += delta.text;
        code = delta.codeReset ? delta.code : code + delta.code;
    }
    return { text, code };
}

describe("refactor deltas", () => {
    it("stream the answer with its prefix, and the code without fences", () => {
        const deltas: RefactorDelta[] = [];
        const stream = new DeltaStream("```ts\n", (d) => deltas.push(d));
        const answer = "const a = 1;\nconst b = 2;\n```";
        for (let end = 1; end <= answer.length; end++) stream.update(answer.slice(0, end));
        stream.update(answer, true);
        assert.ok(deltas.length > 5);
        assert.deepEqual(replay(deltas), { text: "```ts\n" + answer, code: "const a = 1;\nconst b = 2;" });
        assert.equal(stream.extracted.closed, true);
    });

    it("send the whole code again when it changes other than by growing", () => {
        const deltas: RefactorDelta[] = [];
        const stream = new DeltaStream("", (d) => deltas.push(d));
        stream.update("Here is the code:");
        stream.update("Here is the code:\n```py\nprint(1)");
        const last = deltas.at(-1)!;
        assert.equal(last.codeReset, true);
        assert.equal(last.code, "print(1)");
        assert.equal(replay(deltas).code, "print(1)");
    });

    it("send nothing when nothing changed", () => {
        const deltas: RefactorDelta[] = [];
        const stream = new DeltaStream("", (d) => deltas.push(d));
        stream.update("x");
        stream.update("x");
        assert.equal(deltas.length, 1);
    });
});
