import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import { completionItem, completionPoint } from "../../../../engine/completion/completionPoint";
import { requestAt } from "../../../../engine/completion/completionRequest";

const document = TextDocument.create("file:///a.ts", "typescript", 1, "const x = cons(1);\n");
const position = { line: 0, character: 14 };
const offset = document.offsetAt(position);

describe("completion point", () => {
    it("computes at the cursor, and the item replaces what the suggestion rewrites after it", () => {
        const { point, selected } = completionPoint(document, { textDocument: { uri: document.uri }, position, context: { triggerKind: 2 } }, offset);
        assert.equal(selected, undefined);
        assert.equal(requestAt(document, offset, selected).before, "const x = cons");
        assert.deepEqual(completionItem({ text: "ole(1);", replace: 4 }, point), { insertText: "ole(1);", range: { start: position, end: { line: 0, character: 18 } } });
    });

    it("computes as if the suggest widget's selected item were inserted, and the item starts with it", () => {
        const selectedCompletionInfo = { range: { start: { line: 0, character: 10 }, end: position }, text: "console" };
        const { point, selected } = completionPoint(document, { textDocument: { uri: document.uri }, position, context: { triggerKind: 2, selectedCompletionInfo } }, offset);
        const request = requestAt(document, offset, selected);
        assert.equal(request.window.text, "const x = console(1);\n");
        assert.equal(request.before, "const x = console");
        const item = completionItem({ text: ".log(1);", replace: 4 }, point);
        assert.deepEqual(item, { insertText: "console.log(1);", range: { start: { line: 0, character: 10 }, end: { line: 0, character: 18 } } });
    });

    it("ignores a selected item that is not on the cursor's line", () => {
        const selectedCompletionInfo = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: "x" };
        const { point, selected } = completionPoint(document, { textDocument: { uri: document.uri }, position, context: { triggerKind: 2, selectedCompletionInfo } }, offset);
        assert.equal(point.lead, "");
        assert.equal(selected, undefined);
        assert.equal(requestAt(document, offset, selected).window.text, document.getText());
    });

    it("ignores a selected item that starts further left of the cursor than a word", () => {
        const long = TextDocument.create("file:///b.js", "javascript", 1, `x=${"a".repeat(5000)}`);
        const at = { line: 0, character: 5002 };
        const selectedCompletionInfo = { range: { start: { line: 0, character: 2 }, end: at }, text: "b" };
        const { point, selected } = completionPoint(long, { textDocument: { uri: long.uri }, position: at, context: { triggerKind: 2, selectedCompletionInfo } }, 5002);
        assert.equal(point.lead, "");
        assert.equal(selected, undefined);
    });
});
