import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ContextRing } from "../../../../engine/completion/contextRing";

const file = (name: string, lines: number) => Array.from({ length: lines }, (_, i) => `const ${name}${i} = ${i};`).join("\n");
const doc = (uri: string, text: string) => TextDocument.create(uri, "typescript", 1, text);

describe("context ring", () => {
    it("offers chunks of other documents, never the current one", () => {
        const ring = new ContextRing();
        ring.note(doc("file:///a.ts", file("a", 100)), 10);
        ring.note(doc("file:///b.ts", file("b", 100)), 50);
        const chunks = ring.chunksExcept("file:///a.ts");
        assert.equal(chunks.length, 1);
        assert.equal(chunks[0].name, "b.ts");
        assert.match(chunks[0].text, /const b50 = 50;/);
    });

    it("keeps one chunk per region and drops the oldest past its size", () => {
        const ring = new ContextRing();
        ring.note(doc("file:///a.ts", file("a", 400)), 10);
        ring.note(doc("file:///a.ts", file("a", 400)), 12);
        assert.equal(ring.chunksExcept("file:///x.ts").length, 1);
        for (let i = 0; i < 20; i++) ring.note(doc(`file:///f${i}.ts`, file(`f${i}`, 60)), 0);
        const chunks = ring.chunksExcept("file:///x.ts");
        assert.equal(chunks.length, 16);
        assert.equal(chunks.at(-1)!.name, "f19.ts");
        assert.ok(!chunks.some((c) => c.name === "a.ts"));
    });

    it("notes a new region only when the cursor leaves the covered lines", () => {
        const ring = new ContextRing();
        const a = doc("file:///a.ts", file("a", 400));
        ring.touch(a, 100);
        ring.touch(a, 110);
        assert.equal(ring.chunksExcept("file:///x.ts").length, 1);
        ring.touch(a, 300);
        assert.equal(ring.chunksExcept("file:///x.ts").length, 2);
        assert.equal(ring.lastLine("file:///a.ts"), 276);
        ring.forget("file:///a.ts");
        assert.equal(ring.chunksExcept("file:///x.ts").length, 0);
    });

    it("skips chunks with nothing in them", () => {
        const ring = new ContextRing();
        ring.note(doc("file:///blank.ts", "\n\n\n  \n"), 0);
        assert.equal(ring.chunksExcept("file:///x.ts").length, 0);
    });

    it("keeps a chunk small whatever the document: long lines and long names are cut", () => {
        const ring = new ContextRing();
        const longName = `file:///${"deep/".repeat(4000)}${"n".repeat(20_000)}.min.js`;
        ring.note(doc(longName, `${"x".repeat(1_000_000)}\nconst after = 1;\n`), 0);
        const [chunk] = ring.chunksExcept("file:///x.ts");
        assert.ok(chunk.text.length < 300, `chunk of ${chunk.text.length} characters`);
        assert.match(chunk.text, /^x{240}\nconst after = 1;\n$/);
        assert.ok(chunk.name.length <= 120 && chunk.name.endsWith(".min.js"), chunk.name);
    });
});
