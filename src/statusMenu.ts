// The menu the status bar item opens: completions paused or resumed (everywhere, for the current language, for a
// few minutes), and the log and the model picker at hand. Every entry runs a command of the commands table.
import type { CompletionState } from "./completionSwitch";
import type { ClientState } from "./engineState";

export interface MenuEntry {
    label: string;
    description?: string;
    command: string;
    args?: unknown[];
}

export const snoozeChoices = [5, 15, 60] as const;

export interface MenuContext {
    /** Completions in the active editor (or everywhere, without one). */
    completions: CompletionState;
    /** Whether completions are on where no language says otherwise. */
    onByDefault: boolean;
    /** The active editor's language, and whether completions are on for it (snooze aside). */
    language?: { id: string; on: boolean };
    engine: ClientState;
    /** A time of day, as the status bar shows it. */
    time(at: number): string;
}

export function statusMenuEntries(context: MenuContext): MenuEntry[] {
    const entries: MenuEntry[] = [];
    const { engine, completions, language } = context;
    if (engine.kind === "stopped" || (engine.kind === "engine" && engine.status.state === "error")) {
        entries.push({ label: "$(debug-restart) Restart Engine", command: "hearth.restartEngine" });
    }
    if (completions.kind === "snoozed") {
        entries.push({ label: "$(play) Resume Completions", description: `snoozed until ${context.time(completions.until)}`, command: "hearth.resumeCompletions" });
    } else {
        for (const minutes of snoozeChoices) entries.push({ label: `$(clock) Snooze Completions for ${minutes} Minutes`, command: "hearth.snoozeCompletions", args: [minutes] });
    }
    entries.push(context.onByDefault
        ? { label: "$(circle-slash) Disable Completions", description: "everywhere", command: "hearth.disableCompletions" }
        : { label: "$(check) Enable Completions", description: "everywhere", command: "hearth.enableCompletions" });
    if (language) {
        const args = [{ languageId: language.id }];
        entries.push(language.on
            ? { label: `$(circle-slash) Disable Completions for ${language.id}`, command: "hearth.disableCompletions", args }
            : { label: `$(check) Enable Completions for ${language.id}`, command: "hearth.enableCompletions", args });
    }
    entries.push({ label: "$(output) Show Log", command: "hearth.showLog" }, { label: "$(file) Select Model…", command: "hearth.selectModel" });
    return entries;
}

/** What the status bar adds to its label about completions, if they are not simply on. */
export function completionNote(completions: CompletionState, languageId: string | undefined, time: (at: number) => string): string | undefined {
    if (completions.kind === "snoozed") return `completions snoozed until ${time(completions.until)}`;
    if (completions.kind === "off") return completions.everywhere || languageId === undefined ? "completions off" : `completions off for ${languageId}`;
    return undefined;
}
