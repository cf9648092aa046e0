import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { engineProcessEnv } from "../../../engine/protocol";
import { stateDirectory } from "../../../engine/server/stateDirectory";
import { engineArgs, engineForkOptions } from "../../../src/engineProcess";

describe("the engine process", () => {
    it("runs in the folder it is given, never the workspace, with the engine's environment on top of the editor's", () => {
        const { run, debug } = engineForkOptions("/storage/hearth", { PATH: "/bin", MALLOC_ARENA_MAX: "8" });
        for (const options of [run, debug]) {
            assert.equal(options.cwd, "/storage/hearth");
            assert.deepEqual(options.env, { PATH: "/bin", ...engineProcessEnv });
        }
        assert.equal(run.execArgv, undefined);
    });

    it("lets a debugger in on the loopback interface only", () => {
        const inspect = engineForkOptions("/s").debug.execArgv!.filter((arg) => arg.startsWith("--inspect"));
        assert.deepEqual(inspect, ["--inspect=127.0.0.1:6011"]);
    });

    it("keeps its state in Hearth's storage, in the way the engine reads it", () => {
        assert.equal(stateDirectory(["node", "engine.js", ...engineArgs("/storage/hearth"), "--node-ipc"]), "/storage/hearth");
    });
});
