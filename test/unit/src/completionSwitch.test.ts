import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CompletionSwitch, type SwitchClock } from "../../../src/completionSwitch";
import type { SettingsStore } from "../../../src/config";

/** A clock whose time the test moves, firing the timers that fall due. */
class Clock implements SwitchClock {
    time = 1_000_000;
    private timers: Array<{ at: number; run: () => void }> = [];
    now = () => this.time;
    setTimeout(run: () => void, ms: number) {
        const timer = { at: this.time + ms, run };
        this.timers.push(timer);
        return { dispose: () => (this.timers = this.timers.filter((t) => t !== timer)) };
    }
    advance(ms: number): void {
        this.time += ms;
        for (const timer of this.timers.filter((t) => t.at <= this.time)) {
            this.timers = this.timers.filter((t) => t !== timer);
            timer.run();
        }
    }
    get pending(): number {
        return this.timers.length;
    }
}

/** `hearth.completion.enabled`, everywhere and per language, written by `update`. */
function store(everywhere = true, languages: Record<string, boolean> = {}): SettingsStore {
    return {
        getConfiguration: (_section, scope) => {
            const languageId = (scope as { languageId?: string } | undefined)?.languageId;
            return {
                get: <T>() => (languageId !== undefined && languageId in languages ? languages[languageId] : everywhere) as T,
                update: async (_key: string, value: unknown, _target?: unknown, inLanguage?: boolean) => {
                    if (inLanguage && languageId !== undefined) languages[languageId] = value as boolean;
                    else everywhere = value as boolean;
                },
                inspect: () => undefined
            };
        }
    };
}

describe("completion switch", () => {
    it("follows hearth.completion.enabled, everywhere and per language", async () => {
        const completions = new CompletionSwitch(new Clock(), store(true, { python: false }));
        assert.equal(completions.wanted({ languageId: "typescript" }), true);
        assert.deepEqual(completions.stateFor({ languageId: "python" }), { kind: "off", everywhere: false });
        await completions.setEnabled(false);
        assert.deepEqual(completions.stateFor({ languageId: "typescript" }), { kind: "off", everywhere: true });
        assert.deepEqual(completions.stateFor(undefined), { kind: "off", everywhere: true });
        await completions.setEnabled(true, "go");
        assert.equal(completions.wanted({ languageId: "go" }), true);
    });

    it("snoozes everything until the time is up, then resumes by itself and says so", () => {
        const clock = new Clock();
        const completions = new CompletionSwitch(clock, store());
        let changes = 0;
        completions.onDidChange(() => changes++);
        completions.snooze(5);
        assert.deepEqual(completions.stateFor({ languageId: "typescript" }), { kind: "snoozed", until: clock.time + 5 * 60_000 });
        assert.equal(completions.wanted({ languageId: "typescript" }), false);
        clock.advance(5 * 60_000 - 1);
        assert.equal(completions.wanted({ languageId: "typescript" }), false);
        clock.advance(1);
        assert.equal(completions.wanted({ languageId: "typescript" }), true);
        assert.equal(changes, 2);
    });

    it("keeps one timer: a new snooze replaces the last, and resuming early cancels it", () => {
        const clock = new Clock();
        const completions = new CompletionSwitch(clock, store());
        completions.snooze(5);
        completions.snooze(60);
        assert.equal(clock.pending, 1);
        completions.resume();
        assert.equal(clock.pending, 0);
        assert.equal(completions.wanted({ languageId: "c" }), true);
    });
});
