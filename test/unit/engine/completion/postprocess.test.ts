import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cursorContext } from "../../../../engine/completion/contextWindow";
import { finishSuggestion, suggestionComplete, type SuggestionContext } from "../../../../engine/completion/postprocess";

/** The context at the `|` in `doc`. */
function at(doc: string): SuggestionContext {
    const cursor = doc.indexOf("|");
    const text = doc.replace("|", "");
    let lineEnd = text.indexOf("\n", cursor);
    if (lineEnd < 0) lineEnd = text.length;
    return { ...cursorContext(text, cursor), followingText: text.slice(lineEnd + 1), maxLines: 12 };
}

describe("suggestion post-processing", () => {
    it("keeps a plain multi-line completion with its indentation", () => {
        const context = at("function f() {\n    |\n");
        assert.equal(finishSuggestion("const x = 1;\n    return x;", context), "const x = 1;\n    return x;");
    });

    it("drops empty and whitespace-only suggestions", () => {
        const context = at("let a = |");
        assert.equal(finishSuggestion("", context), "");
        assert.equal(finishSuggestion("   \n  \n", context), "");
    });

    it("completes only the rest of the line when text is right of the cursor", () => {
        const context = at("call(|);\nnext();");
        assert.equal(context.lineSuffix, ");");
        assert.equal(finishSuggestion("a, b);\nmore();", context), "a, b");
        assert.equal(suggestionComplete("a, b", context), false);
        assert.equal(suggestionComplete("a, b);\n", context), true);
    });

    it("never repeats the line that follows the cursor", () => {
        const context = at("if (ok) {\n    |\n    return done;\n}");
        assert.equal(finishSuggestion("log(ok);\n    return done;\n}", context), "log(ok);");
        assert.equal(finishSuggestion("return done;", context), "");
    });

    it("stops a multi-line suggestion at the end of the current block", () => {
        const context = at("class A {\n    m() {\n        |\n");
        const raw = "a();\n        b();\n    }\n    n() {}";
        assert.equal(finishSuggestion(raw, context), "a();\n        b();");
        assert.equal(suggestionComplete("a();\n        b();\n    }\n", context), true);
        assert.equal(suggestionComplete("a();\n        b();\n", context), false);
    });

    it("limits the number of lines and trims trailing blank lines", () => {
        const context = { ...at("|"), maxLines: 3 };
        assert.equal(finishSuggestion("1\n2\n3\n4\n5", context), "1\n2\n3");
        assert.equal(finishSuggestion("a\n\n\n", context), "a");
        assert.equal(suggestionComplete("1\n2\n3\n4", context), true);
    });

    it("treats CRLF output like LF", () => {
        assert.equal(finishSuggestion("x();\r\ny();", at("|")), "x();\ny();");
    });
});
