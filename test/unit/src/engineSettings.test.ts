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
        assert.deepEqual(settings.atStart(), settingsOf(""));
        // The editor finished reading the user's settings after the initialize request went.
        current = settingsOf("/models/coder.gguf");
        assert.deepEqual(settings.whenRunning(), settingsOf("/models/coder.gguf"));
        assert.equal(settings.whenRunning(), undefined, "sent once");
    });

    it("sends nothing more when the engine started with the settings it has", () => {
        const settings = new EngineSettings(() => settingsOf("/models/coder.gguf"));
        settings.atStart();
        assert.equal(settings.whenRunning(), undefined);
    });

    it("sends every change while the engine runs, even one that leaves the settings as they were", () => {
        let current = settingsOf("/models/a.gguf");
        const settings = new EngineSettings(() => current);
        settings.atStart();
        assert.deepEqual(settings.changed(), settingsOf("/models/a.gguf"));
        current = settingsOf("/models/b.gguf");
        assert.deepEqual(settings.changed(), settingsOf("/models/b.gguf"));
        assert.equal(settings.whenRunning(), undefined, "a restart's Running compares with what was sent last");
    });

    it("gives a restarted engine the settings of its own start", () => {
        let current = settingsOf("/models/a.gguf");
        const settings = new EngineSettings(() => current);
        settings.atStart();
        current = settingsOf("/models/b.gguf");
        assert.deepEqual(settings.atStart(), settingsOf("/models/b.gguf"));
        assert.equal(settings.whenRunning(), undefined);
    });
});
