// How the engine process is started, whatever carries its messages: where it runs, its environment, and how a
// debugger reaches it. Pure, so that it is tested without VS Code.
import { engineProcessEnv } from "../engine/protocol";

/** The engine's arguments: it keeps its state (which model loads ended an engine) in `stateDir`, Hearth's own storage. */
export function engineArgs(stateDir: string): string[] {
    return ["--state-dir", stateDir];
}

export interface EngineForkOptions {
    cwd: string;
    env: Record<string, string | undefined>;
    execArgv?: string[];
}

/** Whoever reaches an inspector port runs code in the engine: it listens on this machine only. */
export const engineInspectArgs: readonly string[] = ["--nolazy", "--inspect=127.0.0.1:6011"];

/**
 * The engine runs in `cwd`, Hearth's own storage folder, never in the workspace (vscode-languageclient's default):
 * no relative path the engine is given, and nothing a library looks for where it runs, resolves to a workspace file.
 */
export function engineForkOptions(cwd: string, env: Record<string, string | undefined> = process.env): { run: EngineForkOptions; debug: EngineForkOptions } {
    const run = { cwd, env: { ...env, ...engineProcessEnv } };
    return { run, debug: { ...run, execArgv: [...engineInspectArgs] } };
}
