// Where the engine keeps what must outlive its process (which model loads ended an engine): the folder
// `--state-dir <path>` names (the extension passes its own storage), else the user's state folder for Hearth.
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

export function stateDirectory(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
    const at = argv.indexOf("--state-dir");
    const given = at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith("--state-dir="))?.slice("--state-dir=".length);
    if (given && isAbsolute(given)) return given;
    if (platform === "win32") return join(env.LOCALAPPDATA || join(home, "AppData", "Local"), "Hearth", "engine");
    if (platform === "darwin") return join(home, "Library", "Application Support", "Hearth", "engine");
    const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(home, ".local", "state");
    return join(state, "hearth", "engine");
}
