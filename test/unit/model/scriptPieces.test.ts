import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scriptPieces } from "../../model/scriptPieces";
import { buildVocabulary } from "../../model/tokenizer";
import { resolveOptions } from "../../model/presets";

describe("script pieces", () => {
    const texts = ["a, b);", ") {\n    console.log(\"Hello\");\n}", "\n\treturn nil\n}\n", "print(i)\n    print(i)\n    print(i)", "x".repeat(500)];
    for (const text of texts) {
        it(`splits ${JSON.stringify(text.slice(0, 30))} into distinct pieces a scripted model accepts`, () => {
            const pieces = scriptPieces(text);
            assert.equal(pieces.join(""), text);
            assert.equal(new Set(pieces).size, pieces.length);
            assert.ok(pieces.length <= 48);
            // The generator refuses a piece that is already a token, and a script longer than the hidden size.
            buildVocabulary({ fim: "qwen", script: pieces });
            resolveOptions({ preset: "tiny", script: pieces });
        });
    }

    it("refuses a text that is a single token already", () => {
        assert.throws(() => scriptPieces(")"), /single token/);
        assert.throws(() => scriptPieces(""), /empty/);
    });
});
