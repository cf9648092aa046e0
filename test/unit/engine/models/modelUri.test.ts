import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileUrl, hostOf, manifestUrl, parseModelUri } from "../../../../engine/models/modelUri";

describe("model URIs", () => {
    it("reads the forms node-llama-cpp accepts", () => {
        assert.deepEqual(parseModelUri("hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF:Q8_0"), { kind: "hfTag", user: "Qwen", repo: "Qwen2.5-Coder-1.5B-Instruct-GGUF", tag: "Q8_0" });
        assert.deepEqual(parseModelUri("hf:Qwen/Repo-GGUF/sub/file.gguf#dev"), { kind: "hfFile", user: "Qwen", repo: "Repo-GGUF", path: "sub/file.gguf", branch: "dev" });
        assert.equal(parseModelUri("https://example.com/m.gguf")?.kind, "url");
        assert.equal(parseModelUri("ftp://example.com/m.gguf"), undefined);
        assert.equal(parseModelUri("hf:onlyuser"), undefined);
    });

    it("builds the manifest and file URLs against a mirror", () => {
        const uri = parseModelUri("hf:u/r-GGUF:Q4_K_M")!;
        assert.equal(manifestUrl("http://127.0.0.1:9/", uri as never), "http://127.0.0.1:9/v2/u/r-GGUF/manifests/Q4_K_M");
        assert.equal(fileUrl("http://127.0.0.1:9", "u", "r-GGUF", "a b.gguf"), "http://127.0.0.1:9/u/r-GGUF/resolve/main/a%20b.gguf");
        assert.equal(hostOf(uri, "http://mirror.example:8080"), "mirror.example:8080");
    });

    it("downloads over https, and over plain http only from this machine", () => {
        assert.equal(parseModelUri("http://mirror.example/m.gguf"), undefined);
        assert.equal(parseModelUri("http://127.0.0.1:8080/m.gguf")?.kind, "url");
        assert.equal(parseModelUri("https://mirror.example/m.gguf")?.kind, "url");
    });
});
