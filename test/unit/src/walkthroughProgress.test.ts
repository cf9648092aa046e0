import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { EngineStateOwner } from "../../../src/engineState";
import { progressKeys, WalkthroughProgress } from "../../../src/walkthroughProgress";

interface Step {
    id: string;
    when?: string;
    description: string;
    completionEvents?: string[];
}
const manifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    contributes: { walkthroughs: Array<{ steps: Step[] }>; keybindings: Array<{ command: string; key: string; mac?: string; when?: string }> };
};

describe("walkthrough progress", () => {
    it("sets each key once, when its event first happens, and a model loaded when the engine is ready", () => {
        const engine = new EngineStateOwner();
        const set: Array<[string, boolean]> = [];
        const progress = new WalkthroughProgress(engine, (key, value) => set.push([key, value]));
        engine.reported({ state: "loading", progress: 0.5 });
        assert.deepEqual(set, []);
        engine.reported({ state: "ready", model: "m.gguf", backend: "CPU" });
        engine.restarting();
        engine.reported({ state: "ready", model: "m.gguf", backend: "CPU" });
        progress.mark("chatAnswered");
        progress.mark("chatAnswered");
        assert.deepEqual(set, [["hearth.modelLoaded", true], ["hearth.chatAnswered", true]]);
        progress.dispose();
    });

    it("knows a model that was ready before it started following", () => {
        const engine = new EngineStateOwner();
        engine.reported({ state: "idle", model: "m.gguf" });
        const set: string[] = [];
        new WalkthroughProgress(engine, (key) => set.push(key)).dispose();
        assert.deepEqual(set, ["hearth.modelLoaded"]);
    });

    it("is what the walkthrough's steps complete on; none waits on a command or a setting alone", () => {
        const steps = manifest.contributes.walkthroughs[0].steps;
        const events = Object.fromEntries(steps.map((s) => [s.id, s.completionEvents]));
        assert.deepEqual(events.chooseModel, [`onContext:${progressKeys.modelLoaded}`]);
        assert.deepEqual(events.modelChosen, [`onContext:${progressKeys.modelLoaded}`]);
        assert.deepEqual(events.modelReady, [`onContext:${progressKeys.modelLoaded}`]);
        assert.deepEqual(events.firstCompletion, [`onContext:${progressKeys.completionAccepted}`]);
        assert.deepEqual(events.openChat, [`onContext:${progressKeys.chatAnswered}`]);
    });

    it("offers the download only while no model has loaded", () => {
        const steps = manifest.contributes.walkthroughs[0].steps;
        const offering = steps.filter((s) => s.description.includes("command:hearth.downloadRecommendedModel"));
        assert.deepEqual(offering.map((s) => s.when), [`!${progressKeys.modelLoaded}`]);
        assert.equal(steps.find((s) => s.id === "modelChosen")?.when, progressKeys.modelLoaded);
    });

    it("documents a chat keybinding that does not take VS Code's own Ctrl+Alt+I", () => {
        const binding = manifest.contributes.keybindings.find((b) => b.command === "hearth.openChat");
        assert.deepEqual([binding?.key, binding?.mac], ["ctrl+alt+h", "ctrl+cmd+h"]);
        assert.match(readFileSync(new URL("../../../README.md", import.meta.url), "utf8"), /Ctrl\+Alt\+H/);
    });
});
