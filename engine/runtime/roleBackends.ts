// Which backend runs each role: inline completions (hearth.completion.backend) and chat with refactors
// (hearth.chat.backend), each on the engine's own model or on an inference server. The services ask this for a
// model and never learn which it is. The local model is loaded only while a role runs on it; the status the
// editor sees is the local model's while it is needed, and says per role who serves it.
import type { EngineStatus, HearthSettings, RoleStatus } from "../protocol";
import { localModelNeeded } from "../settings";
import type { ChatModel, CompletionModel, InferenceBackend } from "./inference";
import { LocalBackend, type LocalBackendDeps } from "./local/localBackend";
import { ServerRole, type Role, type ServerRoleSettings } from "./server/serverRole";

export type RoleBackendsDeps = LocalBackendDeps;

/** The status the editor sees: the local model's while a role runs on it, else ready; with who serves each role. */
export function combinedStatus(local: EngineStatus, settings: HearthSettings, roles: Record<Role, RoleStatus | undefined>): EngineStatus {
    const chatModel = settings.chat.model.path === "" ? local.model : settings.chat.model.path.split(/[\\/]/).pop();
    const localRole = (model: string | undefined): RoleStatus => ({ backend: "local", ...(model ? { model } : {}) });
    const completion = roles.completion ?? localRole(local.model);
    const chat = roles.chat ?? localRole(chatModel);
    const base: EngineStatus = localModelNeeded(settings) ? local : { state: "ready" };
    return { ...base, roles: { completion, chat } };
}

function serverSettingsOf(settings: HearthSettings, role: Role): ServerRoleSettings | undefined {
    const { backend, server } = settings[role];
    if (backend === "local") return undefined;
    return { role, kind: backend, url: server.url, model: server.model, fimFormat: settings.server.fimFormat, allowInsecureHttp: settings.server.allowInsecureHttp };
}

export class RoleBackends implements InferenceBackend {
    private readonly local: LocalBackend;
    private readonly servers: Record<Role, ServerRole | undefined> = { completion: undefined, chat: undefined };
    private localStatus: EngineStatus = { state: "starting" };
    private configured = false;
    private apiKeys: Readonly<Record<string, string>> = {};

    constructor(private readonly deps: RoleBackendsDeps) {
        this.local = new LocalBackend({ ...deps, status: (status) => this.localChanged(status) });
    }

    get status(): EngineStatus {
        if (!this.configured) return { state: "starting" };
        return combinedStatus(this.localStatus, this.deps.settings(), { completion: this.servers.completion?.status, chat: this.servers.chat?.status });
    }

    /**
     * Follows the settings: a role whose server settings changed gets a fresh connection, checked at once; the
     * local model loads (or unloads, when no role runs on it any more) only when `reloadLocal`.
     */
    configure(settings: HearthSettings, reloadLocal: boolean): void {
        for (const role of ["completion", "chat"] as const) {
            const wanted = serverSettingsOf(settings, role);
            const current = this.servers[role];
            if (JSON.stringify(wanted) === JSON.stringify(current?.settings)) continue;
            const next = wanted && new ServerRole(wanted, { apiKey: (origin) => this.apiKeys[origin], changed: () => this.publish(), log: this.deps.log });
            this.servers[role] = next;
            void next?.check();
        }
        this.configured = true;
        if (reloadLocal) void this.local.configure(localModelNeeded(settings) ? settings.model : { ...settings.model, path: "" });
        this.publish();
    }

    setUnloadAfterMinutes(minutes: number): void {
        this.local.setUnloadAfterMinutes(minutes);
    }

    /** The servers' API keys by origin; when they changed, the roles on a server check it again with them. */
    async setApiKeys(keys: Record<string, string>): Promise<void> {
        if (JSON.stringify(keys) === JSON.stringify(this.apiKeys)) return;
        this.apiKeys = { ...keys };
        await this.check();
    }

    /** Asks every role's server again (the editor's Retry); resolves with the status that follows. */
    async check(): Promise<EngineStatus> {
        await Promise.all([this.servers.completion?.check(), this.servers.chat?.check()]);
        return this.status;
    }

    completionModel(signal: AbortSignal): Promise<CompletionModel> {
        const server = this.servers.completion;
        return server ? server.completionModel(this.deps.settings().model.contextSize, signal) : this.local.completionModel(signal);
    }

    chatModel(signal: AbortSignal): Promise<ChatModel> {
        const server = this.servers.chat;
        return server ? server.chatModel(this.deps.settings().chat.contextSize, signal) : this.local.chatModel(signal);
    }

    async dispose(): Promise<void> {
        await this.local.dispose();
    }

    private localChanged(status: EngineStatus): void {
        this.localStatus = status;
        // Load progress and the rest of the local model's life matter only while a role runs on it.
        if (this.configured) this.publish();
    }

    private publish(): void {
        this.deps.status(this.status);
    }
}
