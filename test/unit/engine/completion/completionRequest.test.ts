import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import { requestAt } from "../../../../engine/completion/completionRequest";
import { windowChars } from "../../../../engine/completion/contextWindow";

describe("completion request", () => {
    const long = "x".repeat(windowChars.before + windowChars.after + 5000);
    const cases: Array<[string, string, number]> = [
        ["a short document", "def f():\n    return 1\n", 13],
        ["the middle of one huge line", long, windowChars.before + 100],
        ["a window starting inside a CR LF pair", `${"y".repeat(99)}\r\n${long}`, 100 + windowChars.before],
        ["the end of a document longer than the window", `line\n${long}`, long.length + 5]
    ];
    for (const [what, text, offset] of cases) {
        it(`reads only the window around the cursor: ${what}`, () => {
            const request = requestAt(TextDocument.create("file:///a.py", "python", 1, text), offset);
            const { window } = request;
            assert.ok(window.offset <= offset && offset - window.offset <= windowChars.before + 1, `window starts at ${window.offset}`);
            assert.ok(window.text.length - window.cursor <= windowChars.after, `${window.text.length - window.cursor} characters after the cursor`);
            assert.equal(window.offset + window.cursor, offset);
            assert.equal(window.text, text.slice(window.offset, window.offset + window.text.length));
            assert.equal(request.before + request.after, window.text);
        });
    }
});
