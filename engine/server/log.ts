// The engine's log. Once the connection listens, each line goes to the editor as window/logMessage at its level
// (vscode-languageclient writes Error, Warning, Info and Debug to the same level of the LogOutputChannel it was
// given, so the Hearth log keeps them apart). Before that, and whenever sending fails, lines go to stderr.
import { MessageType, type LogMessageParams } from "vscode-languageserver-protocol";

export type LogLevel = "error" | "warn" | "info" | "debug";

const order: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
let threshold: LogLevel = process.env.HEARTH_LOG === "debug" ? "debug" : "info";

/** The window/logMessage type of each level; `Debug` is LSP 3.18's. */
export const messageTypeOf: Readonly<Record<LogLevel, MessageType>> = {
    error: MessageType.Error,
    warn: MessageType.Warning,
    info: MessageType.Info,
    debug: MessageType.Debug
};

export type LogSender = (params: LogMessageParams) => Promise<void>;
let sender: LogSender | undefined;

/** From now on the log goes to `send` (window/logMessage on the connection); undefined sends it to stderr again. */
export function logThrough(send: LogSender | undefined): void {
    sender = send;
}

export function setLogLevel(level: LogLevel): void {
    threshold = level;
}

export function logs(level: LogLevel): boolean {
    return order[level] <= order[threshold];
}

export function log(level: LogLevel, message: string): void {
    if (!logs(level)) return;
    if (sender) {
        try {
            sender({ type: messageTypeOf[level], message }).catch(() => toStderr(level, message));
            return;
        } catch {
            // The connection is closed: these are the engine's last words.
        }
    }
    toStderr(level, message);
}

function toStderr(level: LogLevel, message: string): void {
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
