import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { finishSuggestion, suggestionComplete } from "../../../../../engine/completion/postprocess/finish";
import { completionSite } from "../../../../../engine/completion/postprocess/site";
import { cursorMark, loadGoldenCases } from "../../../../support/goldenCases";

/** The site at the cursor mark of `doc`. */
function at(doc: string, language = "typescript", maxLines = 12) {
    const cursor = doc.indexOf(cursorMark);
    return completionSite(doc.replace(cursorMark, ""), cursor, language, "", maxLines);
}

describe("suggestion post-processing", () => {
    // The golden cases themselves run over LSP in test/engine/completionGolden.test.ts.
    it("never changes a golden case's suggestion by stopping generation early", () => {
        for (const golden of loadGoldenCases()) {
            const site = completionSite(golden.document, golden.cursor, golden.language, "", 12);
            let stopAt = golden.raw.length;
            for (let i = 1; i < golden.raw.length; i++) {
                if (suggestionComplete(golden.raw.slice(0, i), site)) {
                    stopAt = i;
                    break;
                }
            }
            assert.deepEqual(finishSuggestion(golden.raw.slice(0, stopAt), site), finishSuggestion(golden.raw, site), `${golden.file}: ${golden.name}`);
        }
    });

    const table: Array<{ name: string; doc: string; raw: string; text: string | undefined; replace?: number; language?: string; maxLines?: number }> = [
        { name: "keeps a plain multi-line completion", doc: "function f() {\n    █\n}\n", raw: "const x = 1;\n    return x;", text: "const x = 1;\n    return x;" },
        { name: "drops an empty suggestion", doc: "let a = █", raw: "", text: undefined },
        { name: "drops a whitespace-only suggestion", doc: "let a = █", raw: "   \n  \n", text: undefined },
        { name: "treats CRLF like LF", doc: "█", raw: "x();\r\ny();", text: "x();\ny();" },
        { name: "limits the number of lines", doc: "█", raw: "a1\na2\na3\na4\na5", text: "a1\na2\na3", maxLines: 3 },
        { name: "trims trailing blank lines and spaces", doc: "function f() {\n    █\n}", raw: "a();  \n\n\n", text: "a();" },
        { name: "replaces the auto-closed bracket it retypes", doc: "f(█)", raw: "a, b)", text: "a, b)", replace: 1 },
        { name: "keeps the closer when the model leaves it", doc: "f(█)", raw: "a, b", text: "a, b", replace: 0 },
        { name: "says nothing rather than double a closer", doc: "f(█);", raw: "a)))", text: "a)", replace: 1 }
    ];
    for (const row of table) {
        it(row.name, () => {
            const suggestion = finishSuggestion(row.raw, at(row.doc, row.language, row.maxLines));
            assert.equal(suggestion?.text, row.text);
            if (row.replace !== undefined) assert.equal(suggestion?.replace, row.replace);
        });
    }

    it("stops generating once a line follows text that is right of the cursor, unless that line opens a block", () => {
        assert.equal(suggestionComplete("a, b", at("call(█);\nnext();")), false);
        assert.equal(suggestionComplete("a, b);\n", at("call(█);\nnext();")), true);
        assert.equal(suggestionComplete(") {\n", at("function f(█)\n")), false);
        assert.equal(suggestionComplete(") {\n    a();\n}\n", at("function f(█)\n")), true);
    });

    it("stops generating at the end of the block", () => {
        const site = at("class A {\n    m() {\n        █\n    }\n}\n");
        assert.equal(suggestionComplete("a();\n        b();\n", site), false);
        assert.equal(suggestionComplete("a();\n        b();\n    }\n", site), true);
    });
});
