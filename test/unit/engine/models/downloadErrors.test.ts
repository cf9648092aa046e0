import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DownloadStalledError, explainDownloadFailure, type DownloadContext } from "../../../../engine/models/downloadErrors";
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
});
