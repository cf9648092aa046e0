// Every Hearth command, in one table, registered in one loop. Each entry says what it needs: the loop refuses a
// command whose need is unmet, saying why, and keeps the context keys that package.json's `when` clauses read.
import type { CompletionSwitch } from "./completionSwitch";
import type { ClientState, EngineStateView } from "./engineState";
import { whyNotReady } from "./engineState";
import type { ModelsController } from "./models/modelsController";
import type { RefactorController } from "./refactor/refactorController";
import type { InstructionBox } from "./refactor/instructionBox";
import type { Reviews } from "./review/reviews";

export interface CommandHost {
    restartEngine(): Promise<void>;
    showLog(): void;
    openChat(): Promise<void>;
    newChat(): Promise<void>;
    showChatHistory(): Promise<void>;
    /** Edit, explain, fix, document, test, commit message; optional args `(uri, range)` from a code action. */
    refactor: RefactorController;
    /** Accept, Discard and Refine of the proposal under review; optional arg: the review's id, from a CodeLens. */
    reviews: Reviews;
    /** Send, Cancel and Recent Instructions… of the instruction box at the code; Send's arg: the comment typed into. */
    instructions: Pick<InstructionBox, "send" | "cancel" | "recent">;
    /** The model picker, downloads and deletion. */
    models: ModelsController;
    /** Asks for a role's server API key and keeps it in the secret storage. */
    setServerApiKey(): Promise<void>;
    /** Whether inline completions are offered: the setting, per language, and a snooze. */
    completions: Pick<CompletionSwitch, "setEnabled" | "resume">;
    /** Snoozes completions for `minutes`, or for a number of minutes the user picks. */
    snoozeCompletions(minutes?: unknown): Promise<void>;
    /** The status bar item's menu. */
    showStatusMenu(): Promise<void>;
}

/** `{ languageId }`, as the status menu passes it: the command then applies to that language only. */
function languageOf(arg: unknown): string | undefined {
    const languageId = (arg as { languageId?: unknown } | undefined)?.languageId;
    return typeof languageId === "string" && languageId !== "" ? languageId : undefined;
}

/** What VS Code offers for commands: `vscode.commands` and a warning from `vscode.window`. */
export interface CommandApi {
    registerCommand(id: string, run: (...args: unknown[]) => unknown): { dispose(): void };
    setContext(key: string, value: unknown): void;
    showWarning(message: string): void;
}

/** A state a command needs, with the context key that says it holds and the words for when it does not. */
interface Need {
    contextKey: string;
    holds(engine: EngineStateView): boolean;
    why(state: ClientState): string;
}

export const needs = {
    /** A model that answers requests (refactors change code through it, so they wait for it). */
    readyEngine: { contextKey: "hearth.engineReady", holds: (engine) => engine.ready, why: whyNotReady }
} satisfies Record<string, Need>;

interface Command {
    run(host: CommandHost, ...args: unknown[]): unknown;
    needs?: keyof typeof needs;
}

export const commands: Record<string, Command> = {
    "hearth.restartEngine": { run: (host) => host.restartEngine() },
    "hearth.showLog": { run: (host) => host.showLog() },
    "hearth.openChat": { run: (host) => host.openChat() },
    "hearth.newChat": { run: (host) => host.newChat() },
    "hearth.showChatHistory": { run: (host) => host.showChatHistory() },
    "hearth.editSelection": { run: (host, ...args) => host.refactor.editSelection(...args), needs: "readyEngine" },
    "hearth.explainSelection": { run: (host, ...args) => host.refactor.explainSelection(...args), needs: "readyEngine" },
    "hearth.fixSelection": { run: (host, ...args) => host.refactor.fixSelection(...args), needs: "readyEngine" },
    "hearth.documentSelection": { run: (host, ...args) => host.refactor.documentSelection(...args), needs: "readyEngine" },
    "hearth.generateTests": { run: (host, ...args) => host.refactor.generateTests(...args), needs: "readyEngine" },
    "hearth.commitMessage": { run: (host, repository) => host.refactor.commitMessage(repository), needs: "readyEngine" },
    "hearth.acceptEdit": { run: (host, review) => host.reviews.accept(review) },
    "hearth.discardEdit": { run: (host, review) => host.reviews.discard(review) },
    "hearth.refineEdit": { run: (host, review) => host.reviews.refine(review), needs: "readyEngine" },
    "hearth.instruction.send": { run: (host, comment) => host.instructions.send(comment) },
    "hearth.instruction.cancel": { run: (host) => host.instructions.cancel() },
    "hearth.instruction.recent": { run: (host) => host.instructions.recent() },
    "hearth.selectModel": { run: (host) => host.models.selectModel() },
    "hearth.selectChatModel": { run: (host) => host.models.selectChatModel() },
    "hearth.downloadRecommendedModel": { run: (host) => host.models.downloadRecommended() },
    "hearth.deleteModel": { run: (host) => host.models.deleteModel() },
    "hearth.selectModelFile": { run: (host) => host.models.chooseModelFile() },
    "hearth.retryModelLoad": { run: (host) => host.models.retryLoad() },
    "hearth.setServerApiKey": { run: (host) => host.setServerApiKey() },
    "hearth.showStatusMenu": { run: (host) => host.showStatusMenu() },
    "hearth.enableCompletions": { run: (host, scope) => host.completions.setEnabled(true, languageOf(scope)) },
    "hearth.disableCompletions": { run: (host, scope) => host.completions.setEnabled(false, languageOf(scope)) },
    "hearth.snoozeCompletions": { run: (host, minutes) => host.snoozeCompletions(minutes) },
    "hearth.resumeCompletions": { run: (host) => host.completions.resume() }
};

/** Registers every command and keeps each need's context key in step with the engine's state. */
export function registerCommands(host: CommandHost, engine: EngineStateView, api: CommandApi): Array<{ dispose(): void }> {
    const shown = new Map<string, boolean>();
    const setContextKeys = () => {
        for (const need of Object.values(needs)) {
            const holds = need.holds(engine);
            if (shown.get(need.contextKey) === holds) continue;
            shown.set(need.contextKey, holds);
            api.setContext(need.contextKey, holds);
        }
    };
    setContextKeys();
    const registrations = Object.entries(commands).map(([id, command]) =>
        api.registerCommand(id, (...args: unknown[]) => {
            const need = command.needs && needs[command.needs];
            if (need && !need.holds(engine)) {
                api.showWarning(need.why(engine.value));
                return undefined;
            }
            return command.run(host, ...args);
        })
    );
    return [engine.onDidChange(setContextKeys), ...registrations];
}
