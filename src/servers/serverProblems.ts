// Tells the user when a role's server cannot serve (down, refusing the key, no FIM tokens): once per problem, with
// Retry (which checks the servers again) and Open Settings. The problem comes from the engine's status, so a
// failed chat, refactor or completion and the engine's own check all arrive here the same way.
import type { EngineStatus } from "../../engine/protocol";
import type { EngineStateView } from "../engineState";
import { roleLines, type RoleName } from "./roleLines";

export interface ProblemActions {
    /** An error notification with buttons; resolves with the one chosen. */
    show(message: string, ...actions: string[]): PromiseLike<string | undefined>;
    /** Asks the engine to check its servers again; resolves with the status that follows. */
    check(): Promise<EngineStatus | undefined>;
    openSettings(query: string): void;
}

const retry = "Retry";
const openSettings = "Open Settings";

/** The settings to open for a problem: the FIM format for a model without FIM tokens, else the role's server. */
export function settingsQuery(roles: readonly RoleName[], problem: string): string {
    if (/fill-in-the-middle/.test(problem)) return "hearth.server.fimFormat";
    return roles.length === 1 ? `hearth.${roles[0]}.server` : "hearth server";
}

export class ServerProblems {
    private readonly shown = new Map<RoleName, string>();
    private readonly subscription: { dispose(): void };

    constructor(private readonly engine: EngineStateView, private readonly actions: ProblemActions) {
        this.subscription = engine.onDidChange(() => this.update(engine.status));
        this.update(engine.status);
    }

    dispose(): void {
        this.subscription.dispose();
    }

    private update(status: EngineStatus | undefined): void {
        const fresh = new Map<string, RoleName[]>();
        for (const line of roleLines(status)) {
            if (!line.problem) {
                this.shown.delete(line.role);
                continue;
            }
            if (this.shown.get(line.role) === line.problem) continue;
            this.shown.set(line.role, line.problem);
            fresh.set(line.problem, [...(fresh.get(line.problem) ?? []), line.role]);
        }
        // Both roles on one server that is down: one notification, not two.
        for (const [problem, roles] of fresh) void this.notify(problem, roles);
    }

    private async notify(problem: string, roles: RoleName[]): Promise<void> {
        const choice = await this.actions.show(problem, retry, openSettings);
        if (choice === openSettings) return this.actions.openSettings(settingsQuery(roles, problem));
        if (choice !== retry) return;
        const after = await this.actions.check().catch(() => undefined);
        const still = roleLines(after).filter((line) => roles.includes(line.role) && line.problem);
        // The same problem again: say so, since the status did not change and would not.
        if (still.length > 0 && still.every((line) => line.problem === problem)) await this.notify(problem, roles);
    }
}
