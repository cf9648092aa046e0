// Reads one line the engine wrote to stderr ("[12:00:00.123] info  loaded …", see engine/log.ts), so the
// Hearth log shows it at its own level. Anything else on stderr (a crash, a native library) is an error.
export type EngineLogLevel = "error" | "warn" | "info" | "debug";

const engineLine = /^\[\d\d:\d\d:\d\d\.\d{3}\] (error|warn|info|debug) +(.*)$/;

export function parseEngineLogLine(line: string): { level: EngineLogLevel; message: string } {
    const match = engineLine.exec(line);
    return match ? { level: match[1] as EngineLogLevel, message: match[2] } : { level: "error", message: line };
}
