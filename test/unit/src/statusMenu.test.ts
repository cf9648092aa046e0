import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { commands } from "../../../src/commands";
import { completionNote, statusMenuEntries, type MenuContext } from "../../../src/statusMenu";

const ready: MenuContext["engine"] = { kind: "engine", status: { state: "ready", model: "m.gguf", backend: "CPU" } };
const time = (at: number) => `t${at}`;
const labels = (context: Partial<MenuContext>) =>
    statusMenuEntries({ completions: { kind: "on" }, onByDefault: true, engine: ready, time, ...context }).map((e) => `${e.label.replace(/^\$\([\w-]+\) /, "")}${e.description ? ` (${e.description})` : ""}`);

describe("status menu", () => {
    it("offers to snooze and to turn completions off, everywhere and for the editor's language", () => {
        assert.deepEqual(labels({ language: { id: "python", on: true } }), [
            "Snooze Completions for 5 Minutes",
            "Snooze Completions for 15 Minutes",
            "Snooze Completions for 60 Minutes",
            "Disable Completions (everywhere)",
            "Disable Completions for python",
            "Show Log",
            "Select Model…"
        ]);
    });

    it("offers to resume while snoozed, to turn on what is off, and to restart a stopped engine", () => {
        const entries = labels({ completions: { kind: "snoozed", until: 5 }, onByDefault: false, language: { id: "go", on: false }, engine: { kind: "stopped", message: "" } });
        assert.deepEqual(entries, ["Restart Engine", "Resume Completions (snoozed until t5)", "Enable Completions (everywhere)", "Enable Completions for go", "Show Log", "Select Model…"]);
    });

    it("runs only commands of the table that package.json contributes", () => {
        const contributed = new Set((JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command));
        const entries = statusMenuEntries({ completions: { kind: "snoozed", until: 1 }, onByDefault: false, language: { id: "go", on: true }, engine: { kind: "stopped", message: "" }, time });
        for (const entry of [...entries, ...statusMenuEntries({ completions: { kind: "on" }, onByDefault: true, engine: ready, time })]) {
            assert.ok(entry.command in commands && contributed.has(entry.command), entry.command);
        }
    });

    it("notes in the status bar what is not simply on", () => {
        assert.equal(completionNote({ kind: "on" }, "go", time), undefined);
        assert.equal(completionNote({ kind: "snoozed", until: 7 }, "go", time), "completions snoozed until t7");
        assert.equal(completionNote({ kind: "off", everywhere: false }, "go", time), "completions off for go");
        assert.equal(completionNote({ kind: "off", everywhere: true }, "go", time), "completions off");
    });
});
