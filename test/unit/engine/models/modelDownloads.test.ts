import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diskSpaceError } from "../../../../engine/models/modelDownloads";

describe("download space", () => {
    it("refuses a download that cannot fit on the disk before fetching anything", () => {
        assert.equal(diskSpaceError("/m", 1e9, 2e9), undefined);
        assert.match(diskSpaceError("/m", 1.65e9, 0.5e9)!.message, /Not enough disk space in \/m: the download needs 1\.6 GB more and only 500 MB is free/);
    });
});
