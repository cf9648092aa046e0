import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { syncProblem, uriProblem } from "../../../../engine/server/documentSync";

const uri = "file:///work/a.ts";
const open = (document: Record<string, unknown>) => ({ textDocument: { uri, languageId: "typescript", version: 1, text: "x", ...document } });
const change = (range: unknown, text: unknown = "y") => ({ textDocument: { uri, version: 2 }, contentChanges: [{ range, text }] });
const at = (line: unknown, character: unknown = 0) => ({ start: { line, character }, end: { line, character } });

describe("document sync checks", () => {
    const cases: Array<[string, string, unknown, RegExp | undefined]> = [
        ["a sound didOpen", "textDocument/didOpen", open({}), undefined],
        ["a didOpen whose text is a number", "textDocument/didOpen", open({ text: 5 }), /text must be a string/],
        ["a didOpen with a malformed URI", "textDocument/didOpen", open({ uri: "file:///a%ZZ.ts" }), /not a valid URI/],
        ["a didOpen with a URI without scheme", "textDocument/didOpen", open({ uri: "a.ts" }), /has no scheme/],
        ["a didOpen without params", "textDocument/didOpen", null, /textDocument must be an object/],
        ["a sound incremental change", "textDocument/didChange", change(at(1)), undefined],
        ["a full-text change", "textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: "all" }] }, undefined],
        ["a fractional line", "textDocument/didChange", change(at(1.5)), /range\.start must have non-negative integer/],
        ["a string line", "textDocument/didChange", change(at("1")), /range\.start/],
        ["a null line", "textDocument/didChange", change(at(null)), /range\.start/],
        ["a negative character", "textDocument/didChange", change(at(0, -1)), /range\.start/],
        ["a change whose text is null", "textDocument/didChange", change(at(0), null), /contentChanges\[0\]\.text must be a string/],
        ["changes that are not a list", "textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: {} }, /contentChanges must be an array/],
        ["a change without version", "textDocument/didChange", { textDocument: { uri }, contentChanges: [] }, /version must be an integer/]
    ];
    for (const [name, method, params, problem] of cases) {
        it(problem ? `refuse ${name}` : `accept ${name}`, () => {
            const found = syncProblem(method, params);
            if (problem) assert.match(found ?? "", problem);
            else assert.equal(found, undefined);
        });
    }

    it("accept URIs of other schemes and escaped characters", () => {
        assert.equal(uriProblem("untitled:Untitled-1"), undefined);
        assert.equal(uriProblem("file:///a%20b.ts"), undefined);
    });
});
