import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EngineStatus } from "../../../engine/protocol";
import { EngineStateOwner, whyNotReady, type ClientState } from "../../../src/engineState";

const ready: EngineStatus = { state: "ready", model: "m.gguf", backend: "CPU", path: "/m.gguf" };
const loading = (progress: number): EngineStatus => ({ state: "loading", model: "m.gguf", progress });

function watched() {
    const owner = new EngineStateOwner();
    const seen: ClientState[] = [];
    owner.onDidChange((state) => seen.push(state));
    return { owner, seen };
}

describe("engine state", () => {
    it("starts as starting, not ready", () => {
        const { owner } = watched();
        assert.deepEqual(owner.value, { kind: "engine", status: { state: "starting" } });
        assert.equal(owner.ready, false);
    });

    // Each step: what happens, then the state, whether requests can be served, and the engine's own status.
    const steps: Array<{ step: string; act: (owner: EngineStateOwner) => void; value: ClientState; ready: boolean }> = [
        { step: "the model loads", act: (o) => o.reported(loading(0.5)), value: { kind: "engine", status: loading(0.5) }, ready: false },
        { step: "the model is ready", act: (o) => o.reported(ready), value: { kind: "engine", status: ready }, ready: true },
        { step: "it is unloaded while idle", act: (o) => o.reported({ state: "idle", model: "m.gguf" }), value: { kind: "engine", status: { state: "idle", model: "m.gguf" } }, ready: true },
        { step: "the engine crashes", act: (o) => o.restarting(), value: { kind: "restarting" }, ready: false },
        { step: "it crashes too often", act: (o) => o.stopped("Run it again."), value: { kind: "stopped", message: "Run it again." }, ready: false },
        { step: "the user restarts it", act: (o) => o.starting(), value: { kind: "engine", status: { state: "starting" } }, ready: false },
        { step: "no model is configured", act: (o) => o.reported({ state: "noModel" }), value: { kind: "engine", status: { state: "noModel" } }, ready: false }
    ];

    it("moves through every state, one event per change", () => {
        const { owner, seen } = watched();
        steps.forEach(({ step, act, value, ready }, index) => {
            act(owner);
            assert.deepEqual(owner.value, value, step);
            assert.equal(owner.ready, ready, step);
            assert.deepEqual(owner.status, value.kind === "engine" ? value.status : undefined, step);
            assert.equal(seen.length, index + 1, `${step}: one event`);
            assert.deepEqual(seen.at(-1), value, step);
        });
    });

    it("fires nothing when the state is reported again unchanged", () => {
        const { owner, seen } = watched();
        owner.reported(ready);
        owner.reported({ ...ready });
        owner.restarting();
        owner.restarting();
        assert.deepEqual(seen.map((s) => s.kind), ["engine", "restarting"]);
    });

    it("tells every listener even when one throws, and reports the error", () => {
        const errors: unknown[] = [];
        const owner = new EngineStateOwner((error) => errors.push(error));
        const heard: string[] = [];
        owner.onDidChange(() => {
            throw new Error("listener failed");
        });
        const subscription = owner.onDidChange((state) => heard.push(state.kind));
        owner.restarting();
        assert.deepEqual(heard, ["restarting"]);
        assert.equal(errors.length, 1);
        subscription.dispose();
        owner.starting();
        assert.deepEqual(heard, ["restarting"], "a disposed listener hears nothing");
    });

    const reasons: Array<{ state: ClientState; says: RegExp }> = [
        { state: { kind: "engine", status: { state: "starting" } }, says: /^Hearth's model is not ready yet\. Wait for it to load, or choose a model with "Hearth: Choose Model File…"\.$/ },
        { state: { kind: "engine", status: loading(0.2) }, says: /not ready yet/ },
        { state: { kind: "engine", status: { state: "noModel" } }, says: /no model yet.*Select Model/ },
        { state: { kind: "engine", status: { state: "error", message: "The file is not a GGUF model." } }, says: /could not be loaded\. The file is not a GGUF model\. Choose another/ },
        { state: { kind: "restarting" }, says: /restarting/ },
        { state: { kind: "stopped", message: "Run \"Hearth: Restart Engine\"." }, says: /not running\. Run "Hearth: Restart Engine"\.$/ }
    ];
    for (const { state, says } of reasons) {
        it(`explains why a command cannot run while ${state.kind === "engine" ? state.status.state : state.kind}`, () => {
            assert.match(whyNotReady(state), says);
        });
    }
});
