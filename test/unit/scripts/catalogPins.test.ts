import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { catalog, type CatalogModel } from "../../../engine/models/catalog";
import { checkPins } from "../../../scripts/catalogPins";
import { ModelsHub } from "../../engine/modelsHub";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe("catalog pin check", () => {
    let hub: ModelsHub;
    const file = Buffer.from("GGUF pinned weights");
    /** Four catalog models pinned to `file`, each served differently. */
    const models: CatalogModel[] = catalog.slice(0, 4).map((model) => ({ ...model, fileBytes: file.length, sha256: sha256(file) }));

    before(async () => {
        hub = await ModelsHub.start();
        const [exact, other, silent] = models;
        hub.addFile(exact.repo, exact.file, file, { revision: exact.revision });
        hub.addFile(other.repo, other.file, Buffer.from("GGUF other weights!"), { revision: other.revision });
        hub.addFile(silent.repo, silent.file, file, { revision: silent.revision, publishSha256: false });
        // The fourth is not on the server at its commit.
        hub.addFile(models[3].repo, models[3].file, file);
    });
    after(() => hub.close());

    it("passes a file the server announces exactly as pinned, and names what is wrong with each other one", async () => {
        const checks = await checkPins(hub.url, models);
        assert.deepEqual(checks.map((c) => c.id), models.map((m) => m.id));
        assert.equal(checks[0].problem, undefined);
        assert.match(checks[1].problem ?? "", /serves another file as .* than the one Hearth pins \(its SHA-256 is/);
        assert.match(checks[2].problem ?? "", /announces no SHA-256 for hf:.*#[0-9a-f]{40}, so the pin cannot be checked there/);
        assert.match(checks[3].problem ?? "", /not found/);
        assert.ok(hub.requests.every((r) => r.method === "HEAD"), "nothing is downloaded");
    });
});
