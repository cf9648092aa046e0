import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupModelFiles } from "../../../../engine/models/localModels";

describe("models folder", () => {
    it("groups split parts into one model and spots interrupted downloads", () => {
        const groups = groupModelFiles(
            [
                "hearth-downloads.json",
                "hf_Qwen_Qwen2.5-Coder-7B-Instruct.Q8_0-00002-of-00003.gguf",
                "hf_Qwen_Qwen2.5-Coder-7B-Instruct.Q8_0-00001-of-00003.gguf",
                "hf_Qwen_Qwen2.5-Coder-7B-Instruct.Q8_0-00003-of-00003.gguf.ipull",
                "small.gguf",
                "notes.txt"
            ],
            [{ fileName: "small.gguf", files: ["small.gguf"], uri: "hf:a/b:Q8_0", state: "complete", updatedAt: "" }]
        );
        assert.deepEqual(groups.map((g) => [g.entry, g.parts.length, g.unfinished.length, g.partial]), [
            ["hf_Qwen_Qwen2.5-Coder-7B-Instruct.Q8_0-00001-of-00003.gguf", 2, 1, true],
            ["small.gguf", 1, 0, false]
        ]);
        assert.equal(groups[1].record?.uri, "hf:a/b:Q8_0");
    });

    it("a model whose parts are missing, or whose record says downloading, is partial", () => {
        const [missingPart] = groupModelFiles(["m-00001-of-00002.gguf"], []);
        assert.equal(missingPart.partial, true);
        const [stillDownloading] = groupModelFiles(["m.gguf"], [{ fileName: "m.gguf", files: ["m.gguf"], uri: "hf:a/b:Q8_0", state: "downloading", updatedAt: "" }]);
        assert.equal(stillDownloading.partial, true);
    });
});
