import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { stateDirectory } from "../../../../engine/server/stateDirectory";

describe("the engine's state folder", () => {
    const home = "/home/ada";

    it("is the folder --state-dir names, as the extension passes it", () => {
        assert.equal(stateDirectory(["node", "engine.js", "--node-ipc", "--state-dir", "/data/hearth"], {}, "linux", home), "/data/hearth");
        assert.equal(stateDirectory(["node", "engine.js", "--state-dir=/data/hearth"], {}, "linux", home), "/data/hearth");
    });

    it("is never a relative path, which would land wherever the editor started the engine", () => {
        assert.equal(stateDirectory(["--state-dir", "state"], {}, "linux", home), join(home, ".local", "state", "hearth", "engine"));
    });

    it("is the platform's folder for application state otherwise", () => {
        assert.equal(stateDirectory(["--stdio"], { XDG_STATE_HOME: "/xdg" }, "linux", home), "/xdg/hearth/engine");
        assert.equal(stateDirectory(["--stdio"], { XDG_STATE_HOME: "relative" }, "linux", home), join(home, ".local", "state", "hearth", "engine"));
        assert.equal(stateDirectory(["--stdio"], {}, "darwin", home), join(home, "Library", "Application Support", "Hearth", "engine"));
        assert.equal(stateDirectory(["--stdio"], { LOCALAPPDATA: "C:\\Users\\ada\\AppData\\Local" }, "win32", home), join("C:\\Users\\ada\\AppData\\Local", "Hearth", "engine"));
    });
});
