import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { JsonFolder } from "../../../../src/chat/jsonFolder";

const root = mkdtempSync(join(tmpdir(), "hearth-json-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("a folder of JSON files replaced atomically", () => {
    it("creates the folder, replaces a file whole and leaves no temporary file behind", async () => {
        const folder = new JsonFolder(join(root, "a", "b"));
        assert.equal(await folder.read("x.json"), undefined);
        assert.equal(await folder.write("x.json", { n: 1 }), 7);
        await folder.write("x.json", { n: 2 });
        assert.deepEqual(await folder.read("x.json"), { n: 2 });
        assert.deepEqual(readdirSync(folder.path), ["x.json"]);
    });

    it("clears what an interrupted write left, and keeps the file it did not replace", async () => {
        const folder = new JsonFolder(join(root, "c"));
        await folder.write("x.json", { kept: true });
        writeFileSync(join(folder.path, "x.json.0a1b2c.tmp"), '{"kep');
        await folder.removeLeftovers();
        assert.deepEqual(await folder.names(), ["x.json"]);
        assert.deepEqual(await folder.read("x.json"), { kept: true });
    });

    it("names only files inside it", async () => {
        const folder = new JsonFolder(join(root, "d"));
        for (const name of ["../x.json", "a/b.json", ".hidden", "", "..", "x.json/"]) {
            await assert.rejects(folder.write(name, 1), /not a file name/, name);
            await assert.rejects(folder.read(name), /not a file name/, name);
        }
    });

    it("says so when a file is not JSON, rather than taking it for missing", async () => {
        const folder = new JsonFolder(join(root, "e"));
        await folder.write("x.json", 1);
        writeFileSync(join(folder.path, "x.json"), "{");
        await assert.rejects(folder.read("x.json"), SyntaxError);
    });
});
