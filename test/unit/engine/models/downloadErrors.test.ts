import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DownloadStalledError, explainDownloadFailure, type DownloadContext } from "../../../../engine/models/downloadErrors";
import { groupModelFiles } from "../../../../engine/models/localModels";
import { diskSpaceError } from "../../../../engine/models/modelDownloads";
import { fileUrl, hostOf, manifestUrl, parseModelUri } from "../../../../engine/models/modelUri";
import { requiredPartBytes } from "../../../../engine/models/verifyDownload";
import { EngineError } from "../../../../engine/server/engineError";

const context: DownloadContext = { host: "huggingface.co", uri: "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF:Q8_0", directory: "/home/me/.hearth/models" };

function message(error: unknown): string {
    const explained = explainDownloadFailure(error, context);
    assert.ok(explained instanceof EngineError, "explained as an EngineError");
    return explained.message;
}

const socketError = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });

describe("download failures", () => {
    it("names a refused connection, an unknown host and a dropped connection", () => {
        assert.match(message(socketError("ECONNREFUSED")), /Cannot connect to huggingface\.co: the connection was refused.*huggingFaceEndpoint/);
        assert.match(message(socketError("ENOTFOUND")), /Cannot find huggingface\.co: are you offline\?/);
        assert.match(message(socketError("ECONNRESET")), /connection to huggingface\.co failed \(ECONNRESET\).*resumes/);
    });

    it("names a full disk and a folder it cannot write", () => {
        assert.match(message(Object.assign(new Error("write failed"), { code: "ENOSPC" })), /The disk is full: there is no room left in \/home\/me\/\.hearth\/models/);
        assert.match(message(Object.assign(new Error("open failed"), { code: "EACCES" })), /cannot write to/);
    });

    it("names HTTP statuses from the downloader and from node-llama-cpp's manifest lookup", () => {
        assert.match(message(Object.assign(new Error("x"), { statusCode: 404 })), /was not found on huggingface\.co \(HTTP 404\)/);
        assert.match(message(new Error("Url: https://huggingface.co/x, Status code: 503, status text: Service Unavailable")), /server error \(HTTP 503\)/);
        assert.match(message(new Error('Cannot get quantization "Q9" for model "hf:a/b" or it does not exist')), /was not found/);
        assert.match(message(Object.assign(new Error("x"), { statusCode: 401 })), /private or gated/);
    });

    it("says a stalled download stalled and keeps cancellations as they are", () => {
        assert.match(message(new DownloadStalledError(60)), /stalled: no data arrived for 60 seconds.*resumes/);
        const abort = Object.assign(new Error("cancelled"), { name: "AbortError" });
        assert.equal(explainDownloadFailure(abort, context), abort);
    });

    it("refuses a download that cannot fit on the disk before fetching anything", () => {
        assert.equal(diskSpaceError("/m", 1e9, 2e9), undefined);
        assert.match(diskSpaceError("/m", 1.65e9, 0.5e9)!.message, /Not enough disk space in \/m: the download needs 1\.6 GB more and only 500 MB is free/);
    });
});

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
});

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

    it("computes the bytes each part needs from its tensors", () => {
        const needed = requiredPartBytes([
            { filePart: 1, fileOffset: 1000, dimensions: [64, 64], ggmlType: 1 },
            { filePart: 1, fileOffset: 9192, dimensions: [64, 32], ggmlType: 8 },
            { filePart: 2, fileOffset: 500n, dimensions: [256, 2], ggmlType: 12 }
        ]);
        assert.equal(needed.get(1), 9192 + (64 * 32 / 32) * 34);
        assert.equal(needed.get(2), 500 + 2 * 144);
    });
});
