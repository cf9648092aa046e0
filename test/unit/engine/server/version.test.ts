import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { hearthVersion, startupLine } from "../../../../engine/server/version";

const manifest = JSON.parse(readFileSync(new URL("../../../../package.json", import.meta.url), "utf8")) as { version: string };

describe("engine version", () => {
    it("is Hearth's own, from package.json", () => {
        assert.equal(hearthVersion, manifest.version);
    });

    it("opens the log with Hearth's version, then Node's, the process and the editor", () => {
        assert.equal(startupLine(42, "Visual Studio Code"), `Hearth ${manifest.version} engine (Node ${process.version}, pid 42) for Visual Studio Code`);
        assert.match(startupLine(7, undefined), /^Hearth \S+ engine .* for an editor that did not name itself$/);
    });
});
