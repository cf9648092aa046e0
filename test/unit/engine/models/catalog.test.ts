import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalog, catalogModelByUri } from "../../../../engine/models/catalog";
import { refuseOtherFile } from "../../../../engine/models/modelDownloads";
import { parseModelUri } from "../../../../engine/models/modelUri";

const context = { host: "mirror.example", uri: "", directory: "/models" };

describe("model catalog", () => {
    it("offers Qwen2.5-Coder 0.5B to 7B in Q8_0 and Q4_K_M", () => {
        assert.equal(catalog.length, 8);
        assert.equal(new Set(catalog.map((m) => m.id)).size, 8);
        assert.deepEqual(new Set(catalog.map((m) => m.quantization)), new Set(["Q8_0", "Q4_K_M"]));
        for (const model of catalog) assert.match(model.repo, /^Qwen\/Qwen2\.5-Coder-[0-9.]+B-Instruct-GGUF$/);
    });

    it("pins every file: a commit, an exact size and a SHA-256, in the URI it downloads from", () => {
        for (const model of catalog) {
            assert.match(model.revision, /^[0-9a-f]{40}$/, model.id);
            assert.match(model.sha256, /^[0-9a-f]{64}$/, model.id);
            assert.ok(Number.isSafeInteger(model.fileBytes) && model.fileBytes > 3e8 && model.fileBytes < 9e9, model.id);
            assert.deepEqual(parseModelUri(model.uri), { kind: "hfFile", user: "Qwen", repo: model.repo.split("/")[1], path: model.file, branch: model.revision });
            assert.match(model.file, new RegExp(`-${model.quantization.toLowerCase()}\\.gguf$`), "one file, not split parts");
            // The name node-llama-cpp gives a download of the tag (test/engine/models.test.ts checks it does).
            assert.equal(model.localFileName, `hf_Qwen_${model.repo.slice("Qwen/".length, -"-GGUF".length)}.${model.quantization}.gguf`);
        }
        assert.equal(new Set(catalog.map((m) => m.sha256)).size, 8, "no two files share a hash");
        assert.ok(catalog.every((m) => m.parameters < 2e9 || m.fileBytes > 1e9), "larger models have larger files");
    });

    it("names the license of each family, and the 3B's is not Apache-2.0", () => {
        const licenses = new Map(catalog.map((m) => [m.id, m.license]));
        assert.equal(licenses.get("qwen2.5-coder-1.5b-q8_0"), "Apache-2.0");
        assert.equal(licenses.get("qwen2.5-coder-3b-q4_k_m"), "Qwen Research License");
    });

    it("recognises a catalog model by its pinned URI, by its file on another branch and by the tag Hearth used before pins", () => {
        const model = catalog.find((m) => m.id === "qwen2.5-coder-1.5b-q8_0")!;
        assert.equal(catalogModelByUri(model.uri)?.id, model.id);
        assert.equal(catalogModelByUri("hf:qwen/qwen2.5-coder-1.5b-instruct-gguf:q8_0")?.id, model.id);
        assert.equal(catalogModelByUri("hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q8_0.gguf")?.id, model.id);
        assert.equal(catalogModelByUri("hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q6_k.gguf"), undefined);
        assert.equal(catalogModelByUri("hf:someone/Qwen2.5-Coder-1.5B-Instruct-GGUF:Q8_0"), undefined, "another user's repository is not the pinned one");
        assert.equal(catalogModelByUri("https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-1.5b-instruct-q8_0.gguf"), undefined);
        assert.equal(catalogModelByUri("not a uri"), undefined);
    });
});

describe("a catalog model's server", () => {
    const model = catalog[0];

    it("that announces the pinned file, or says nothing of it, is used", () => {
        assert.doesNotThrow(() => refuseOtherFile(model, { url: "", sha256: model.sha256, bytes: model.fileBytes }, context));
        assert.doesNotThrow(() => refuseOtherFile(model, { url: "" }, context));
    });

    it("that announces another SHA-256 or size is refused, naming both", () => {
        const other = "ab".repeat(32);
        assert.throws(() => refuseOtherFile(model, { url: "", sha256: other, bytes: model.fileBytes }, context), (error: Error & { code?: number }) => {
            assert.equal(error.code, -32911);
            assert.match(error.message, new RegExp(`^mirror\\.example serves another file as ${model.label.replace(/[.]/g, "\\.")} than the one Hearth pins \\(its SHA-256 is abababababab…, Hearth pins ${model.sha256.slice(0, 12)}…\\)`));
            assert.match(error.message, /hearth\.model\.huggingFaceEndpoint/);
            return true;
        });
        assert.throws(() => refuseOtherFile(model, { url: "", bytes: 262_144 }, context), new RegExp(`it has 262144 bytes, Hearth pins ${model.fileBytes}`));
    });
});
