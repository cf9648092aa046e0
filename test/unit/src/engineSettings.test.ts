import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EngineSettings } from "../../../src/engineSettings";

function settingsOf(path: string) {
    return { model: { path } };
}

describe("engine settings", () => {
    it("sends, once the engine runs, settings that changed while it started", () => {
        let current = settingsOf("");
        const settings = new EngineSettings(() => current);
        assert.deepEqual(settings.give(), settingsOf(""));
        // The editor finished reading the user's settings after the initialize request went.
        current = settingsOf("/models/coder.gguf");
        assert.deepEqual(settings.missedWhileStarting(), settingsOf("/models/coder.gguf"));
        assert.equal(settings.missedWhileStarting(), undefined, "sent once");
    });

    it("sends nothing more when the engine started with the settings it has", () => {
        const settings = new EngineSettings(() => settingsOf("/models/coder.gguf"));
        settings.give();
        assert.equal(settings.missedWhileStarting(), undefined);
    });

    it("compares, once the engine runs, with what it was given last: at a restart or in a change", () => {
        let current = settingsOf("/models/a.gguf");
        const settings = new EngineSettings(() => current);
        settings.give();
        current = settingsOf("/models/b.gguf");
        assert.deepEqual(settings.give(), settingsOf("/models/b.gguf"));
        assert.equal(settings.missedWhileStarting(), undefined, "b was given: nothing was missed");
    });
});
