import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { completionSite } from "../../../../../engine/completion/postprocess/site";

function siteAt(doc: string, language = "typescript") {
    const cursor = doc.indexOf("█");
    return completionSite(doc.replace("█", ""), cursor, language, "", 12);
}

describe("completion site", () => {
    it("knows which open brackets the rest of the document closes, pairing closers by indentation", () => {
        const site = siteAt("class A {\n    m() {\n        █\n\n    n() {}\n}\n");
        const [classBrace, methodBrace] = site.atCursor.stack;
        assert.equal(site.closedLater.has(classBrace), true);
        assert.equal(site.closedLater.has(methodBrace), false);
        assert.equal(siteAt("f(█)").closedLater.size, 1);
        assert.equal(siteAt("func f() {\n\treturn 1█").closedLater.size, 0);
    });

    const indents: Array<[name: string, doc: string, language: string, blockIndent: number]> = [
        ["the cursor's own indentation", "if (a) {\n    █\n}", "typescript", 4],
        ["an empty line after a statement takes the statement's", "f() {\n        a();\n█\n    }", "typescript", 8],
        ["an empty line after a block opener takes the next line's", "f() {\n█\n    return 1;\n}", "typescript", 4],
        ["an empty line after a block opener with nothing inside goes deeper", "def f():\n█", "python", 1],
        ["the start of a file", "█", "typescript", 0]
    ];
    for (const [name, doc, language, blockIndent] of indents) {
        it(`block indentation: ${name}`, () => assert.equal(siteAt(doc, language).blockIndent, blockIndent));
    }

    it("lists the next non-blank lines, trimmed, and the text around the cursor", () => {
        const site = siteAt("  let a = █b;\n\n  c();\n  d();\n");
        assert.deepEqual([site.linePrefix, site.lineSuffix, site.indentation, site.nextLines], ["  let a = ", "b;", "  ", ["c();", "d();"]]);
    });

    it("relocates to the end of an inserted text", () => {
        const moved = siteAt("f(█)\n").relocate(") {", 1);
        assert.deepEqual([moved.linePrefix, moved.lineSuffix, moved.atCursor.stack.map((o) => o.char)], ["f() {", "", ["{"]]);
    });
});
