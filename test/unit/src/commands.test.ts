import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { commands, needs, registerCommands, type CommandHost } from "../../../src/commands";
import { EngineStateOwner } from "../../../src/engineState";

interface Manifest {
    contributes: {
        commands: Array<{ command: string }>;
        menus: Record<string, Array<{ command?: string; when?: string }>>;
        keybindings: Array<{ command: string; when?: string }>;
    };
}
const manifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as Manifest;

/** VS Code's command registry as the table sees it, recording what it is asked to do. */
function fakeApi() {
    const registered = new Map<string, Array<(...args: unknown[]) => unknown>>();
    const contexts: Array<[string, unknown]> = [];
    const warnings: string[] = [];
    return {
        registered,
        contexts,
        warnings,
        api: {
            registerCommand(id: string, run: (...args: unknown[]) => unknown) {
                registered.set(id, [...(registered.get(id) ?? []), run]);
                return { dispose: () => registered.get(id)!.splice(registered.get(id)!.indexOf(run), 1) };
            },
            setContext: (key: string, value: unknown) => contexts.push([key, value]),
            showWarning: (message: string) => warnings.push(message)
        }
    };
}

/** A host whose every action records its name and arguments. */
function recordingHost(calls: Array<[string, unknown[]]>): CommandHost {
    const record = (name: string) => (...args: unknown[]) => {
        calls.push([name, args]);
        return Promise.resolve();
    };
    const recorder = (prefix: string) => new Proxy({}, { get: (_, method) => record(`${prefix}.${String(method)}`) });
    return {
        restartEngine: record("restartEngine"),
        showLog: (...args: unknown[]) => void record("showLog")(...args),
        openChat: record("openChat"),
        newChat: record("newChat"),
        showChatHistory: record("showChatHistory"),
        reviews: recorder("reviews") as CommandHost["reviews"],
        instructions: recorder("instructions") as CommandHost["instructions"],
        refactor: recorder("refactor") as CommandHost["refactor"],
        models: recorder("models") as CommandHost["models"],
        setServerApiKey: record("setServerApiKey"),
        completions: recorder("completions") as CommandHost["completions"],
        snoozeCompletions: record("snoozeCompletions"),
        showStatusMenu: record("showStatusMenu")
    };
}

function setUp() {
    const engine = new EngineStateOwner();
    const calls: Array<[string, unknown[]]> = [];
    const fake = fakeApi();
    const disposables = registerCommands(recordingHost(calls), engine, fake.api);
    const run = (id: string, ...args: unknown[]) => fake.registered.get(id)![0](...args);
    return { engine, calls, ...fake, disposables, run };
}

const needsReady = Object.entries(commands).filter(([, c]) => c.needs === "readyEngine").map(([id]) => id);

describe("commands table", () => {
    it("registers every command package.json contributes, exactly once, and no other", () => {
        const { registered } = setUp();
        const contributed = manifest.contributes.commands.map((c) => c.command).sort();
        assert.deepEqual([...registered.keys()].sort(), contributed);
        for (const [id, runs] of registered) assert.equal(runs.length, 1, id);
    });

    it("refuses a command that needs a ready model while there is none, saying why, and runs it once there is", async () => {
        const { engine, calls, warnings, run } = setUp();
        const uri = { path: "/w/a.ts" };
        run("hearth.editSelection", uri);
        assert.deepEqual(calls, []);
        assert.deepEqual(warnings, ["Hearth's model is not ready yet. Wait for it to load, or choose a model with \"Hearth: Choose Model File…\"."]);
        engine.stopped("Run \"Hearth: Restart Engine\".");
        run("hearth.commitMessage");
        assert.match(warnings.at(-1)!, /not running\. Run "Hearth: Restart Engine"\./);
        engine.reported({ state: "ready", model: "m.gguf", backend: "CPU" });
        await run("hearth.editSelection", uri);
        assert.deepEqual(calls, [["refactor.editSelection", [uri]]]);
        assert.equal(warnings.length, 2);
    });

    it("runs the commands that need nothing in any state", async () => {
        const { calls, warnings, run } = setUp();
        await run("hearth.showLog");
        await run("hearth.selectModelFile");
        await run("hearth.acceptEdit", "session");
        assert.deepEqual(calls, [["showLog", []], ["models.chooseModelFile", []], ["reviews.accept", ["session"]]]);
        assert.deepEqual(warnings, []);
    });

    it("turns completions on or off everywhere, or for the language the status menu names, snoozes and resumes them", async () => {
        const { calls, run } = setUp();
        await run("hearth.disableCompletions");
        await run("hearth.disableCompletions", { languageId: "python" });
        await run("hearth.enableCompletions", { languageId: "" });
        await run("hearth.snoozeCompletions", 15);
        await run("hearth.resumeCompletions");
        await run("hearth.showStatusMenu");
        assert.deepEqual(calls, [
            ["completions.setEnabled", [false, undefined]],
            ["completions.setEnabled", [false, "python"]],
            ["completions.setEnabled", [true, undefined]],
            ["snoozeCompletions", [15]],
            ["completions.resume", []],
            ["showStatusMenu", []]
        ]);
    });

    it("keeps the context key in step with the engine, set once per change", () => {
        const { engine, contexts, disposables } = setUp();
        assert.deepEqual(contexts, [["hearth.engineReady", false]]);
        engine.reported({ state: "loading", progress: 0.1 });
        engine.reported({ state: "loading", progress: 0.9 });
        engine.reported({ state: "ready", model: "m.gguf", backend: "CPU" });
        engine.reported({ state: "idle", model: "m.gguf" });
        engine.restarting();
        assert.deepEqual(contexts, [["hearth.engineReady", false], ["hearth.engineReady", true], ["hearth.engineReady", false]]);
        for (const disposable of disposables) disposable.dispose();
        engine.reported({ state: "ready", model: "m.gguf", backend: "CPU" });
        assert.equal(contexts.length, 3, "disposed, the table stops following the engine");
    });

    it("offers a command that needs a ready model, in the palette, menus and keybindings, only while its context key holds", () => {
        const key = needs.readyEngine.contextKey;
        const { menus, keybindings } = manifest.contributes;
        // The editor context menu's Hearth submenu is shown as a whole or not at all.
        const submenuWhen = (menus["editor/context"] as Array<{ submenu?: string; when?: string }>).find((e) => e.submenu === "hearth.refactor")?.when ?? "";
        const offers = [
            ...Object.entries(menus).flatMap(([menu, items]) => items.map((item) => ({ menu, command: item.command, when: menu === "hearth.refactor" ? `${submenuWhen} && ${item.when ?? ""}` : (item.when ?? "") }))),
            ...keybindings.map((binding) => ({ menu: "keybindings", command: binding.command, when: binding.when ?? "" }))
        ].filter((offer) => offer.command !== undefined && needsReady.includes(offer.command));
        assert.deepEqual(offers.filter((offer) => !offer.when.includes(key)), []);
        const inPalette = new Set(offers.filter((offer) => offer.menu === "commandPalette").map((offer) => offer.command));
        assert.deepEqual(needsReady.filter((id) => !inPalette.has(id)), [], "the palette gates each of them");
    });
});
