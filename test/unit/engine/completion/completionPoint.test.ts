import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import { completionItem, completionPoint } from "../../../../engine/completion/completionPoint";

const document = TextDocument.create("file:///a.ts", "typescript", 1, "const x = cons(1);\n");
const position = { line: 0, character: 14 };

describe("completion point", () => {
    it("computes at the cursor, and the item replaces what the suggestion rewrites after it", () => {
        const point = completionPoint(document, { textDocument: { uri: document.uri }, position, context: { triggerKind: 2 } });
        assert.equal(point.text.slice(0, point.cursor), "const x = cons");
        assert.deepEqual(completionItem({ text: "ole(1);", replace: 4 }, point), { insertText: "ole(1);", range: { start: position, end: { line: 0, character: 18 } } });
    });

    it("computes as if the suggest widget's selected item were inserted, and the item starts with it", () => {
        const selectedCompletionInfo = { range: { start: { line: 0, character: 10 }, end: position }, text: "console" };
        const point = completionPoint(document, { textDocument: { uri: document.uri }, position, context: { triggerKind: 2, selectedCompletionInfo } });
        assert.equal(point.text, "const x = console(1);\n");
        assert.equal(point.text.slice(0, point.cursor), "const x = console");
        const item = completionItem({ text: ".log(1);", replace: 4 }, point);
        assert.deepEqual(item, { insertText: "console.log(1);", range: { start: { line: 0, character: 10 }, end: { line: 0, character: 18 } } });
    });

    it("ignores a selected item that is not on the cursor's line", () => {
        const selectedCompletionInfo = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: "x" };
        const point = completionPoint(document, { textDocument: { uri: document.uri }, position, context: { triggerKind: 2, selectedCompletionInfo } });
        assert.equal(point.lead, "");
        assert.equal(point.text, document.getText());
    });
});
