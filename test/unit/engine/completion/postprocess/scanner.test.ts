import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BracketScanner } from "../../../../../engine/completion/postprocess/scanner";
import { syntaxFor } from "../../../../../engine/completion/postprocess/syntax";

/** What is open after `text`: the brackets, in order, and whether a string is. */
function scan(language: string, text: string, byIndent = false) {
    const scanner = new BracketScanner(syntaxFor(language), byIndent);
    scanner.feed(text);
    return { open: scanner.stack.map((o) => o.char).join(""), inString: scanner.inString, errors: scanner.errors };
}

describe("bracket scanner", () => {
    const table: Array<[language: string, text: string, open: string, inString: boolean, errors: number]> = [
        ["typescript", "f(a, [b, {c: 1", "([{", false, 0],
        ["typescript", "f(')', \"]\", `}`) + g(", "(", false, 0],
        ["typescript", "// f(\nx = [", "[", false, 0],
        ["typescript", "/* ( [ { */ y(", "(", false, 0],
        ["typescript", "const s = `a ${f(x)} b ${", "{", false, 0],
        ["typescript", "const s = `a ${f(x)} (", "", true, 0],
        ["typescript", "print(\"", "(", true, 0],
        ["typescript", "x = \"open\ny = (", "(", false, 1],
        ["typescript", "a)", "", false, 1],
        ["typescript", "f(a]", "(", false, 1],
        ["python", "# don't (\ns = '''(\n'''\nf(", "(", false, 0],
        ["python", "d = {'k': \"(\"", "{", false, 0],
        ["rust", "fn f<'a>(x: &'a str) -> char { let c = '{'; (", "{(", false, 0],
        ["c", "char c = '\\''; int a[", "[", false, 0],
        ["go", "s := `(\n[` + f(", "(", false, 0],
        ["yaml", "description: it's (fine)\ntags: [", "[", false, 0],
        ["yaml", "url: http://x#y\nlist: { a: '#', b: [", "{[", false, 0],
        ["css", "a { background: url(//x/y.png); b: f(", "{(", false, 0],
        ["scss", "// note (\n.a { .b {", "{{", false, 0]
    ];
    for (const [language, text, open, inString, errors] of table) {
        it(`${language}: ${JSON.stringify(text)}`, () => assert.deepEqual(scan(language, text), { open, inString, errors }));
    }

    it("pairs a closer that starts its line with the opener indented as it is, when asked to", () => {
        const text = "class A {\n    m() {\n        x();\n}\n";
        assert.equal(scan("typescript", text).open, "{");
        assert.equal(scan("typescript", text, true).open, "");
    });

    it("reports what each closer closed and where strings end", () => {
        const scanner = new BracketScanner(syntaxFor("typescript"));
        scanner.feed("f(\"a");
        const closed: number[] = [];
        const strings: number[] = [];
        scanner.feed("b\")", { closed: (_, offset) => closed.push(offset), stringClosed: (_, offset) => strings.push(offset) });
        assert.deepEqual({ closed, strings }, { closed: [2], strings: [1] });
    });

    it("clones independently", () => {
        const first = new BracketScanner(syntaxFor("typescript"));
        first.feed("(");
        const second = first.clone();
        second.feed(")");
        assert.deepEqual([first.stack.length, second.stack.length], [1, 0]);
    });
});
