// The engine's state as the extension knows it, kept in one place: what the engine last reported, or that the
// extension is restarting it or has stopped. The status bar, the context keys, the commands, the chat and the
// model and refactor controllers read it here and follow its one change event; nothing else keeps a copy.
import type { EngineStatus } from "../engine/protocol";

export type ClientState = { kind: "engine"; status: EngineStatus } | { kind: "restarting" } | { kind: "stopped"; message: string };

/** What the views need: the state, whether requests can be served, and its changes. */
export interface EngineStateView {
    readonly value: ClientState;
    /** The engine's own status while it runs; undefined while it is restarting or stopped. */
    readonly status: EngineStatus | undefined;
    readonly ready: boolean;
    onDidChange(listener: (state: ClientState) => void): { dispose(): void };
}

export class EngineStateOwner implements EngineStateView {
    private current: ClientState = { kind: "engine", status: { state: "starting" } };
    private readonly listeners = new Set<(state: ClientState) => void>();

    /** `onListenerError` hears about a listener that threw; the others are still told. */
    constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

    get value(): ClientState {
        return this.current;
    }

    get status(): EngineStatus | undefined {
        return this.current.kind === "engine" ? this.current.status : undefined;
    }

    /** The model can serve requests: it is loaded, or was unloaded while idle and loads again on the next one. */
    get ready(): boolean {
        const state = this.status?.state;
        return state === "ready" || state === "idle";
    }

    onDidChange(listener: (state: ClientState) => void): { dispose(): void } {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
    }

    /** The engine said how it is (`hearth/status`, or the answer to asking for it). */
    reported(status: EngineStatus): void {
        this.set({ kind: "engine", status });
    }

    /** The extension is starting the engine (again, when the user asked for a restart). */
    starting(): void {
        this.set({ kind: "engine", status: { state: "starting" } });
    }

    /** The engine process stopped unexpectedly and is being started again. */
    restarting(): void {
        this.set({ kind: "restarting" });
    }

    /** The engine is not running and will not be started again until the user asks; `message` says what to do. */
    stopped(message: string): void {
        this.set({ kind: "stopped", message });
    }

    private set(next: ClientState): void {
        if (JSON.stringify(next) === JSON.stringify(this.current)) return;
        this.current = next;
        for (const listener of [...this.listeners]) {
            try {
                listener(next);
            } catch (error) {
                this.onListenerError(error);
            }
        }
    }
}

/** Why a command that needs a ready model cannot run in `state`, in words the user can act on. */
export function whyNotReady(state: ClientState): string {
    if (state.kind === "restarting") return "The Hearth engine stopped and is restarting. Try again once it is ready.";
    if (state.kind === "stopped") return `The Hearth engine is not running. ${state.message}`;
    switch (state.status.state) {
        case "noModel":
            return "Hearth has no model yet. Choose one with \"Hearth: Select Model…\" or \"Hearth: Choose Model File…\".";
        case "error":
            return `Hearth's model could not be loaded. ${state.status.message ?? ""} Choose another with "Hearth: Select Model…", or see "Hearth: Show Log".`.replace(/\s+/g, " ");
        default:
            return "Hearth's model is not ready yet. Wait for it to load, or choose a model with \"Hearth: Choose Model File…\".";
    }
}
