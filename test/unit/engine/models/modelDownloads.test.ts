import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cutToAnnouncedSize, diskSpaceError } from "../../../../engine/models/modelDownloads";
import { verifyDownload } from "../../../../engine/models/verifyDownload";

describe("download space", () => {
    it("refuses a download that cannot fit on the disk before fetching anything", () => {
        assert.equal(diskSpaceError("/m", 1e9, 2e9), undefined);
        assert.match(diskSpaceError("/m", 1.65e9, 0.5e9)!.message, /Not enough disk space in \/m: the download needs 1\.6 GB more and only 500 MB is free/);
    });
});

describe("a downloaded file's size", () => {
    it("loses the downloader's progress record saved after its end, and nothing of a file of the announced size or shorter", async () => {
        const dir = await mkdtemp(join(tmpdir(), "hearth-download-"));
        try {
            const file = join(dir, "model.gguf");
            await writeFile(file, Buffer.concat([Buffer.from("GGUF-model-bytes"), Buffer.from('{"progress":"record"}')]));
            await cutToAnnouncedSize(file, 16);
            assert.equal((await readFile(file)).toString(), "GGUF-model-bytes");
            await cutToAnnouncedSize(file, 32);
            assert.equal((await readFile(file)).length, 16, "a short file stays short, for the checks to refuse");
            await cutToAnnouncedSize(join(dir, "missing.gguf"), 16);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });

    it("that differs from the announced one by less than the rounding shows says so in bytes", async () => {
        const dir = await mkdtemp(join(tmpdir(), "hearth-download-"));
        try {
            const file = join(dir, "page.gguf");
            await writeFile(file, "x".repeat(1900));
            await assert.rejects(verifyDownload([{ path: file, expectedBytes: 1850 }], undefined), /page\.gguf has 1900 bytes but the server announced 1850: the download is incomplete or damaged/);
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });
});
