import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ModelPathKey, ModelPathSetting } from "../../../../src/config";
import { ModelPathGate, type WorkspaceModelAnswer } from "../../../../src/models/modelPathGate";

/** globalState, the user's answers to come, and what the gate told the user and the engine. */
function harness(state = new Map<string, unknown>()) {
    const questions: Array<{ key: ModelPathKey; path: string; answer(value: WorkspaceModelAnswer | undefined): void }> = [];
    const warnings: string[] = [];
    let changes = 0;
    const gate = new ModelPathGate({
        state: {
            get: <T>(key: string) => structuredClone(state.get(key)) as T | undefined,
            update: async (key, value) => void state.set(key, structuredClone(value))
        },
        ask: (key, path) =>
            new Promise((resolve) => {
                questions.push({ key, path, answer: resolve });
            }),
        changed: () => void changes++,
        warn: (message) => void warnings.push(message)
    });
    /** Waits until the gate has acted on an answer: it does so within the promise jobs that follow it. */
    const settled = () => new Promise<void>((resolve) => setImmediate(resolve));
    return { gate, state, questions, warnings, settled, changes: () => changes };
}

const setting = (value: string, fromWorkspace: boolean, userValue = "", key: ModelPathKey = "model.path"): ModelPathSetting => ({ key, value, fromWorkspace, userValue });

describe("the model paths the engine is given", () => {
    const cases: Array<{ name: string; setting: ModelPathSetting; path: string; asks: boolean; warns?: RegExp }> = [
        { name: "the user's absolute path", setting: setting("/models/a.gguf", false, "/models/a.gguf"), path: "/models/a.gguf", asks: false },
        { name: "no path", setting: setting("", false), path: "", asks: false },
        { name: "the user's relative path", setting: setting("evil.gguf", false, "evil.gguf"), path: "", asks: false, warns: /hearth\.model\.path must be an absolute path; Hearth does not load "evil\.gguf"/ },
        { name: "a workspace's relative path", setting: setting("evil.gguf", true, "/models/a.gguf"), path: "/models/a.gguf", asks: false, warns: /"evil\.gguf"/ },
        { name: "a workspace's path not yet allowed", setting: setting("/repo/evil.gguf", true, "/models/a.gguf"), path: "/models/a.gguf", asks: true },
        { name: "a workspace's path the user has set too", setting: setting("/models/a.gguf", true, "/models/a.gguf"), path: "/models/a.gguf", asks: false },
        { name: "a workspace's empty path", setting: setting("", true, "/models/a.gguf"), path: "", asks: false }
    ];
    for (const { name, setting: given, path, asks, warns } of cases) {
        it(`gives ${name} as ${path === "" ? "none" : path}`, () => {
            const { gate, questions, warnings } = harness();
            assert.equal(gate.pathFor(given), path);
            assert.equal(questions.length, asks ? 1 : 0);
            if (warns) assert.match(warnings.join("\n"), warns);
            else assert.deepEqual(warnings, []);
        });
    }

    it("asks once per path, loads it once allowed, and remembers the answer for every window", async () => {
        const { gate, state, questions, settled, changes } = harness();
        const theirs = setting("/repo/evil.gguf", true, "/models/a.gguf");
        gate.pathFor(theirs);
        gate.pathFor(theirs);
        assert.equal(questions.length, 1, "one question while it is open");
        assert.deepEqual(questions[0], { ...questions[0], key: "model.path", path: "/repo/evil.gguf" });
        questions[0].answer("load");
        await settled();
        assert.equal(changes(), 1, "the engine is sent the settings again");
        assert.equal(gate.pathFor(theirs), "/repo/evil.gguf");
        const again = harness(state);
        assert.equal(again.gate.pathFor(theirs), "/repo/evil.gguf");
        assert.equal(again.questions.length, 0);
    });

    it("keeps the user's model when told not to load the workspace's, and does not ask again", async () => {
        const { gate, questions, settled, changes } = harness();
        const theirs = setting("/repo/evil.gguf", true, "/models/a.gguf", "chat.model.path");
        gate.pathFor(theirs);
        questions[0].answer("ignore");
        await settled();
        assert.equal(changes(), 0);
        assert.equal(gate.pathFor(theirs), "/models/a.gguf");
        assert.equal(questions.length, 1);
    });

    it("asks again later when the question was dismissed", async () => {
        const { gate, questions, settled } = harness();
        const theirs = setting("/repo/evil.gguf", true);
        assert.equal(gate.pathFor(theirs), "");
        questions[0].answer(undefined);
        await settled();
        assert.equal(gate.pathFor(theirs), "");
        assert.equal(questions.length, 2);
    });
});
