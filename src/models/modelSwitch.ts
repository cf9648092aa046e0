// Switching the completion model, followed to its end: the engine's status says whether the new file loaded. When
// it did not (a file that is no model, too large, broken), the user is told why and offered the model used before.
import { basename } from "node:path";
import type { ClientState, EngineStateView } from "../engineState";

export type SwitchOutcome = { kind: "pending" } | { kind: "loaded" } | { kind: "failed"; reason?: string };

/** What a state of the engine, after `hearth.model.path` became `path`, says about that file. */
export function switchOutcome(path: string, state: ClientState): SwitchOutcome {
    if (state.kind === "restarting") return { kind: "pending" };
    if (state.kind === "stopped") return { kind: "failed", reason: state.message };
    const status = state.status;
    switch (status.state) {
        case "starting":
        case "loading":
            return { kind: "pending" };
        case "ready":
        case "idle":
            // The engine may keep the model it had when the new one cannot be loaded: then it serves another path.
            return status.path === path ? { kind: "loaded" } : { kind: "failed", reason: status.message ?? status.note };
        case "noModel":
        case "error":
            return { kind: "failed", reason: status.message };
    }
}

export interface ModelSwitchPorts {
    setPath(path: string): Promise<void>;
    loaded(label: string): void;
    /** Says why `label` did not load; resolves true when the user wants `previousLabel` back. */
    failed(label: string, reason: string | undefined, previousLabel: string | undefined): Promise<boolean>;
}

export class ModelSwitch {
    private watching: { dispose(): void } | undefined;

    constructor(private readonly engineState: EngineStateView, private readonly ports: ModelSwitchPorts) {}

    /** Sets the completion model to `path` and follows its load; the model set before is the way back. */
    async switchTo(path: string, label: string, previous: string): Promise<void> {
        this.watching?.dispose();
        const subscription = this.engineState.onDidChange((state) => {
            const outcome = switchOutcome(path, state);
            if (outcome.kind === "pending") return;
            subscription.dispose();
            if (outcome.kind === "loaded") this.ports.loaded(label);
            else void this.offerWayBack(label, outcome.reason, previous === path ? "" : previous);
        });
        this.watching = subscription;
        await this.ports.setPath(path);
    }

    dispose(): void {
        this.watching?.dispose();
    }

    private async offerWayBack(label: string, reason: string | undefined, previous: string): Promise<void> {
        const back = await this.ports.failed(label, reason, previous === "" ? undefined : basename(previous));
        if (back && previous !== "") await this.switchTo(previous, basename(previous), "");
    }
}
