// Whether Hearth offers inline completions in a document: `hearth.completion.enabled` (everywhere, or for one
// language) and a snooze for a few minutes. The one place the client decides it: the inline completion
// middleware asks it before every request, the status bar and its menu show and change it.
import { completionEnabled, completionEnabledByDefault, setCompletionEnabled, type DocumentScope, type SettingsStore } from "./config";

export type CompletionState =
    | { kind: "on" }
    /** `everywhere`: off for every language; otherwise off for this document's language only. */
    | { kind: "off"; everywhere: boolean }
    | { kind: "snoozed"; until: number };

export interface SwitchClock {
    now(): number;
    setTimeout(run: () => void, ms: number): { dispose(): void };
}

const realClock: SwitchClock = {
    now: () => Date.now(),
    setTimeout: (run, ms) => {
        const timer = setTimeout(run, ms);
        return { dispose: () => clearTimeout(timer) };
    }
};

export class CompletionSwitch {
    private snoozedUntil: number | undefined;
    private wake: { dispose(): void } | undefined;
    private readonly listeners = new Set<() => void>();

    /** `store` is VS Code's settings unless a test passes its own. */
    constructor(private readonly clock: SwitchClock = realClock, private readonly store?: SettingsStore) {}

    /** Whether to ask the engine for a completion in `document` now. */
    wanted(document: DocumentScope): boolean {
        return this.stateFor(document).kind === "on";
    }

    stateFor(document: DocumentScope | undefined): CompletionState {
        if (this.snoozedUntil !== undefined && this.clock.now() < this.snoozedUntil) return { kind: "snoozed", until: this.snoozedUntil };
        const everywhere = !completionEnabledByDefault(this.store);
        if (document === undefined) return everywhere ? { kind: "off", everywhere } : { kind: "on" };
        return completionEnabled(document, this.store) ? { kind: "on" } : { kind: "off", everywhere };
    }

    /** No completions anywhere for `minutes`; they come back by themselves. */
    snooze(minutes: number): void {
        this.wake?.dispose();
        this.snoozedUntil = this.clock.now() + minutes * 60_000;
        this.wake = this.clock.setTimeout(() => this.resume(), minutes * 60_000);
        this.changed();
    }

    resume(): void {
        this.wake?.dispose();
        this.wake = undefined;
        if (this.snoozedUntil === undefined) return;
        this.snoozedUntil = undefined;
        this.changed();
    }

    /** Writes the setting (the listeners hear of it through `settingsChanged`, as of any other change). */
    setEnabled(enabled: boolean, languageId?: string): Promise<void> {
        return setCompletionEnabled(enabled, languageId, this.store);
    }

    /** `hearth.completion.enabled` changed, by the menu or by hand. */
    settingsChanged(): void {
        this.changed();
    }

    onDidChange(listener: () => void): { dispose(): void } {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
    }

    dispose(): void {
        this.wake?.dispose();
        this.listeners.clear();
    }

    private changed(): void {
        for (const listener of [...this.listeners]) listener();
    }
}
