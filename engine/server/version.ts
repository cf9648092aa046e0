// Which Hearth this engine is: the version in package.json, which the bundle carries from the build.
import { version } from "../../package.json";

export const hearthVersion: string = version;

/** The engine's first log line: which Hearth, on which Node, in which process, for which editor. */
export function startupLine(pid: number, client: string | undefined): string {
    return `Hearth ${hearthVersion} engine (Node ${process.version}, pid ${pid}) for ${client ?? "an editor that did not name itself"}`;
}
