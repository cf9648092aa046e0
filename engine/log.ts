// The engine logs to stderr: the extension shows it in the Hearth output channel, and stdout may carry the protocol.
export type LogLevel = "error" | "warn" | "info" | "debug";

const order: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
let threshold: LogLevel = process.env.HEARTH_LOG === "debug" ? "debug" : "info";

export function setLogLevel(level: LogLevel): void {
    threshold = level;
}

export function logs(level: LogLevel): boolean {
    return order[level] <= order[threshold];
}

export function log(level: LogLevel, message: string): void {
    if (order[level] > order[threshold]) return;
    const time = new Date().toISOString().slice(11, 23);
    process.stderr.write(`[${time}] ${level.padEnd(5)} ${message}\n`);
}

export const logger = {
    error: (message: string) => log("error", message),
    warn: (message: string) => log("warn", message),
    info: (message: string) => log("info", message),
    debug: (message: string) => log("debug", message)
};
export type Logger = typeof logger;
