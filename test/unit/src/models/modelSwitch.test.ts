import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EngineStatus } from "../../../../engine/protocol";
import { EngineStateOwner, type ClientState } from "../../../../src/engineState";
import { ModelSwitch, switchOutcome, type SwitchOutcome } from "../../../../src/models/modelSwitch";

const next = "/models/new.gguf";
const old = "/models/old.gguf";
const engine = (status: EngineStatus): ClientState => ({ kind: "engine", status });
/** The switch acts on the user's answer within the promise jobs that follow it. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("switching the completion model", () => {
    const outcomes: Array<{ state: ClientState; outcome: SwitchOutcome }> = [
        { state: engine({ state: "loading", path: next, progress: 0.3 }), outcome: { kind: "pending" } },
        { state: engine({ state: "starting" }), outcome: { kind: "pending" } },
        { state: { kind: "restarting" }, outcome: { kind: "pending" } },
        { state: engine({ state: "ready", path: next }), outcome: { kind: "loaded" } },
        { state: engine({ state: "idle", path: next }), outcome: { kind: "loaded" } },
        { state: engine({ state: "error", path: next, message: "new.gguf is not a GGUF file." }), outcome: { kind: "failed", reason: "new.gguf is not a GGUF file." } },
        { state: engine({ state: "ready", path: old, note: "new.gguf could not be loaded; old.gguf still serves." }), outcome: { kind: "failed", reason: "new.gguf could not be loaded; old.gguf still serves." } },
        { state: { kind: "stopped", message: "Run \"Hearth: Restart Engine\"." }, outcome: { kind: "failed", reason: "Run \"Hearth: Restart Engine\"." } }
    ];
    for (const { state, outcome } of outcomes) {
        it(`reads ${JSON.stringify(state)} as ${outcome.kind}`, () => assert.deepEqual(switchOutcome(next, state), outcome));
    }

    function harness(wantsBack: boolean) {
        const state = new EngineStateOwner();
        state.reported({ state: "ready", path: old });
        const events: string[] = [];
        const switcher = new ModelSwitch(state, {
            setPath: async (path) => void events.push(`set ${path}`),
            loaded: (label) => void events.push(`loaded ${label}`),
            failed: async (label, reason, previous) => {
                events.push(`failed ${label}: ${reason} (back to ${previous})`);
                return wantsBack;
            }
        });
        return { state, events, switcher };
    }

    it("says the new model is ready once it is", async () => {
        const { state, events, switcher } = harness(false);
        await switcher.switchTo(next, "New", old);
        state.reported({ state: "loading", path: next, progress: 0 });
        state.reported({ state: "ready", path: next });
        state.reported({ state: "error", path: next, message: "later trouble is not this switch's" });
        assert.deepEqual(events, [`set ${next}`, "loaded New"]);
    });

    it("offers the previous model when the new one fails, and goes back to it when asked", async () => {
        const { state, events, switcher } = harness(true);
        await switcher.switchTo(next, "New", old);
        state.reported({ state: "loading", path: next, progress: 0 });
        state.reported({ state: "error", path: next, message: "not a model" });
        await settled();
        state.reported({ state: "loading", path: old, progress: 0 });
        state.reported({ state: "ready", path: old });
        assert.deepEqual(events, [`set ${next}`, "failed New: not a model (back to old.gguf)", `set ${old}`, "loaded old.gguf"]);
    });

    it("offers no way back when there was no model before", async () => {
        const { state, events, switcher } = harness(true);
        await switcher.switchTo(next, "New", "");
        state.reported({ state: "error", path: next, message: "not a model" });
        await settled();
        assert.deepEqual(events, [`set ${next}`, "failed New: not a model (back to undefined)"]);
    });
});
