// API keys of the servers Hearth's roles run on, kept in VS Code's SecretStorage under each server's origin and
// handed to the engine over the protocol (`hearth/serverKeys/set`) when it starts, and whenever a key or a
// server setting changes. Never in settings, never in a log: the engine never logs them, and the message trace
// hides them (redactedTrace).
import * as vscode from "vscode";
import { userSetting } from "../config";

const secretPrefix = "hearth.serverKey:";

/** The origins of the servers the user's settings run a role on. */
export function configuredOrigins(): string[] {
    const origins = new Set<string>();
    for (const role of ["completion", "chat"] as const) {
        if (userSetting(`${role}.backend`) === "local") continue;
        try {
            origins.add(new URL(userSetting(`${role}.server.url`)).origin);
        } catch {
            // No valid URL yet: the engine says what is wrong with it.
        }
    }
    return [...origins];
}

export interface KeyedEngine {
    setServerKeys(apiKeys: Record<string, string>): Promise<void>;
}

export class ServerKeys implements vscode.Disposable {
    /** Every key handed to the engine, so the trace can hide it. */
    private readonly sent = new Set<string>();
    private readonly subscriptions: vscode.Disposable[];

    constructor(private readonly secrets: vscode.SecretStorage, private readonly engine: KeyedEngine, private readonly log: vscode.LogOutputChannel) {
        this.subscriptions = [
            secrets.onDidChange((event) => {
                if (event.key.startsWith(secretPrefix)) void this.send();
            }),
            vscode.workspace.onDidChangeConfiguration((event) => {
                if (event.affectsConfiguration("hearth.completion") || event.affectsConfiguration("hearth.chat")) void this.send();
            })
        ];
    }

    get hidden(): readonly string[] {
        return [...this.sent];
    }

    /** Hands the engine the keys of the servers the settings name now. */
    async send(): Promise<void> {
        const apiKeys: Record<string, string> = {};
        for (const origin of configuredOrigins()) {
            const key = await this.secrets.get(secretPrefix + origin);
            if (key) apiKeys[origin] = key;
        }
        for (const key of Object.values(apiKeys)) this.sent.add(key);
        await this.engine.setServerKeys(apiKeys).catch((error: unknown) => this.log.warn(`could not hand the engine its server keys: ${error instanceof Error ? error.message : String(error)}`));
    }

    /** Hearth: Set Server API Key…: asks which server (when roles use several) and its key; an empty key removes it. */
    async ask(): Promise<void> {
        const origins = configuredOrigins();
        if (origins.length === 0) {
            const choice = await vscode.window.showInformationMessage("No Hearth role runs on a server yet: set hearth.completion.backend or hearth.chat.backend and its server URL first.", "Open Settings");
            if (choice) await vscode.commands.executeCommand("workbench.action.openSettings", "hearth server");
            return;
        }
        const origin = origins.length === 1 ? origins[0] : await vscode.window.showQuickPick(origins, { title: "Hearth: which server's API key?" });
        if (!origin) return;
        const key = await vscode.window.showInputBox({ title: `API key for ${origin}`, prompt: "Kept in VS Code's secret storage, sent only to this server. Leave empty to remove it.", password: true, ignoreFocusOut: true });
        if (key === undefined) return;
        if (key.trim() === "") await this.secrets.delete(secretPrefix + origin);
        else await this.secrets.store(secretPrefix + origin, key.trim());
        this.log.info(key.trim() === "" ? `removed the API key for ${origin}` : `stored an API key for ${origin}`);
        await this.send();
    }

    dispose(): void {
        for (const subscription of this.subscriptions) subscription.dispose();
    }
}
