import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { recommend } from "../../../../engine/models/recommend";
import type { HardwareInfo, LocalModel } from "../../../../engine/protocol";
import { deleteEntries, pickerEntries, type PickerEntry } from "../../../../src/models/pickerItems";

const cpu: HardwareInfo = { backend: "CPU", gpuNames: [], vramTotal: 0, vramFree: 0, unifiedMemory: false, ramTotal: 8e9, ramFree: 5e9, cpuCores: 4, platform: "linux", arch: "x64" };
const now = Date.UTC(2025, 5, 1);
const day = 24 * 3600 * 1000;

const downloaded: LocalModel = {
    path: "/models/hf_Qwen_Qwen2.5-Coder-0.5B-Instruct.Q8_0.gguf",
    fileName: "hf_Qwen_Qwen2.5-Coder-0.5B-Instruct.Q8_0.gguf",
    sizeBytes: 531e6,
    files: ["/models/hf_Qwen_Qwen2.5-Coder-0.5B-Instruct.Q8_0.gguf"],
    quantization: "Q8_0",
    parameters: 0.49e9,
    name: "Qwen2.5 Coder 0.5B Instruct",
    uri: "hf:Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF:Q8_0",
    catalogId: "qwen2.5-coder-0.5b-q8_0"
};
const other: LocalModel = { path: "/models/mine.gguf", fileName: "mine.gguf", sizeBytes: 2e9, files: ["/models/mine.gguf"], quantization: "Q4_K_M" };
/** Started by a Hearth whose catalog named models by tag; the engine still knows it as the catalog's 1.5B Q8_0. */
const interrupted: LocalModel = {
    path: "/models/hf_Qwen_Qwen2.5-Coder-1.5B-Instruct.Q8_0.gguf",
    fileName: "hf_Qwen_Qwen2.5-Coder-1.5B-Instruct.Q8_0.gguf",
    sizeBytes: 0,
    files: [],
    uri: "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF:Q8_0",
    catalogId: "qwen2.5-coder-1.5b-q8_0",
    partial: true
};

const labels = (entries: PickerEntry[]) => entries.map((e) => (e.separator ? `--${e.label}` : e.label));

describe("model picker items", () => {
    const recommendation = recommend({ hardware: cpu, contextTokens: 12288, downloaded: new Map([["qwen2.5-coder-0.5b-q8_0", { path: downloaded.path }]]) });

    it("lists downloaded models first, then downloads that fit, then the other choices", () => {
        const entries = pickerEntries({ purpose: "completion", local: [other, downloaded], recommendation, currentPath: downloaded.path, lastUsed: { [other.path]: now - 3 * day }, now });
        const text = labels(entries);
        assert.equal(text[0], "--Downloaded");
        assert.equal(text[1], "$(check) Qwen2.5 Coder 0.5B Instruct", "the model in use comes first");
        assert.equal(entries[1].description, "Q8_0 · 531 MB · in use");
        assert.match(entries[2].detail!, /mine\.gguf · used 3 days ago/);
        const download = text.indexOf("--Download");
        assert.ok(download > 2);
        assert.match(text[download + 1], /Qwen2\.5-Coder 1\.5B Instruct Q8_0 .*recommended/, "the recommendation leads the downloads");
        assert.match(entries[download + 1].description!, /1\.9 GB · runs on the CPU/);
        assert.ok(!text.some((t) => t.includes("0.5B Instruct Q8_0")), "a downloaded candidate is not offered again");
        assert.ok(!text.some((t) => t.includes("7B Instruct Q8_0")), "models too large for the machine are left out");
        assert.deepEqual(text.slice(-4), ["--Other", "$(folder-opened) Browse for a GGUF file…", "$(comment-discussion) Choose a separate chat model…", "$(trash) Delete a downloaded model…"]);
        assert.deepEqual(entries[1].action, { kind: "use", path: downloaded.path, label: "Qwen2.5 Coder 0.5B Instruct" });
    });

    const marks = [
        { state: "ready", label: "$(check) Qwen2.5 Coder 0.5B Instruct", note: "active" },
        { state: "idle", label: "$(check) Qwen2.5 Coder 0.5B Instruct", note: "active" },
        { state: "loading", label: "$(loading~spin) Qwen2.5 Coder 0.5B Instruct", note: "loading" },
        { state: "error", label: "$(error) Qwen2.5 Coder 0.5B Instruct", note: "failed to load" }
    ] as const;
    for (const { state, label, note } of marks) {
        it(`marks the model the engine runs as it is (${state}), not the one the setting names`, () => {
            const entries = pickerEntries({ purpose: "completion", local: [other, downloaded], currentPath: other.path, active: { path: downloaded.path, model: downloaded.fileName, state }, lastUsed: {}, now });
            assert.equal(entries[1].label, label);
            assert.equal(entries[1].description, `Q8_0 · 531 MB · ${note}`);
            assert.equal(entries[2].label, "$(file-binary) mine", "the setting's model is not the one running");
        });
    }

    it("shows the model the engine runs from a file outside the models folder", () => {
        const active = { path: "/home/me/models/Custom.Q4_K_M.gguf", model: "Custom.Q4_K_M.gguf", state: "ready" } as const;
        const entries = pickerEntries({ purpose: "completion", local: [downloaded], currentPath: active.path, active, lastUsed: {}, now });
        assert.deepEqual(labels(entries).slice(0, 4), ["--Active", "$(check) Custom.Q4_K_M.gguf", "--Downloaded", "$(file-binary) Qwen2.5 Coder 0.5B Instruct"]);
        assert.equal(entries[1].detail, active.path);
        assert.deepEqual(entries[1].action, { kind: "use", path: active.path, label: "Custom.Q4_K_M.gguf" });
    });

    it("offers to resume an interrupted download instead of starting it again, from the pinned file", () => {
        const entries = pickerEntries({ purpose: "completion", local: [interrupted], recommendation, currentPath: "", lastUsed: {}, now });
        const resume = entries.find((e) => e.description === "download interrupted")!;
        const pinned = recommendation.candidates.find((c) => c.id === interrupted.catalogId)!;
        assert.match(pinned.uri, /^hf:Qwen\/Qwen2\.5-Coder-1\.5B-Instruct-GGUF\/qwen2\.5-coder-1\.5b-instruct-q8_0\.gguf#[0-9a-f]{40}$/);
        assert.deepEqual(resume.action, { kind: "download", uri: pinned.uri, label: "Qwen2.5-Coder 1.5B Instruct Q8_0", sizeBytes: 1_894_532_160 });
        assert.equal(entries.filter((e) => e.action?.kind === "download" && e.action.label === pinned.label).length, 1, "not offered a second time");
    });

    it("names a license that is not permissive in the offer", () => {
        const roomy = recommend({ hardware: { ...cpu, ramTotal: 32e9, ramFree: 24e9 }, contextTokens: 12288 });
        const entries = pickerEntries({ purpose: "completion", local: [], recommendation: roomy, currentPath: "", lastUsed: {}, now });
        const threeB = entries.find((e) => e.label.includes("3B Instruct Q4_K_M"))!;
        assert.match(threeB.detail ?? "", /License: Qwen Research License/);
        const oneAndHalf = entries.find((e) => e.label.includes("1.5B Instruct Q4_K_M"))!;
        assert.doesNotMatch(oneAndHalf.detail ?? "", /License/);
    });

    it("for the chat model, starts with sharing the completion model", () => {
        const entries = pickerEntries({ purpose: "chat", local: [downloaded], recommendation, currentPath: "", lastUsed: {}, now });
        assert.deepEqual(entries[0].action, { kind: "useCompletionModelForChat" });
        assert.match(entries[0].label, /^\$\(check\)/);
        assert.ok(!entries.some((e) => e.action?.kind === "chooseChatModel"));
    });

    it("still offers a file and nothing to delete when the engine could not be asked", () => {
        const entries = pickerEntries({ purpose: "completion", local: [], currentPath: "", lastUsed: {}, now });
        assert.deepEqual(labels(entries), ["--Other", "$(folder-opened) Browse for a GGUF file…", "$(comment-discussion) Choose a separate chat model…"]);
    });

    it("the delete picker lists every model, unfinished ones and the one in use marked", () => {
        const entries = deleteEntries([downloaded, interrupted], [downloaded.path]);
        assert.equal(entries[0].description, "531 MB · in use");
        assert.equal(entries[1].description, "0 B · unfinished download");
        assert.equal(entries[1].action?.kind, "deleteModel");
    });
});
