// Every Hearth command, in one table, registered in one loop.
import * as vscode from "vscode";
import { setModelPath } from "./config";

export interface CommandHost {
    restartEngine(): Promise<void>;
    showLog(): void;
}

type Handler = (host: CommandHost, ...args: unknown[]) => unknown;

const commands: Record<string, Handler> = {
    "hearth.restartEngine": (host) => host.restartEngine(),
    "hearth.showLog": (host) => host.showLog(),
    "hearth.selectModelFile": async () => {
        const picked = await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: "Use this model",
            title: "Choose a GGUF model file for Hearth",
            filters: { "GGUF models": ["gguf"] }
        });
        if (picked?.[0]) await setModelPath(picked[0].fsPath);
    }
};

export function registerCommands(host: CommandHost): vscode.Disposable[] {
    return Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, (...args: unknown[]) => handler(host, ...args)));
}
