// The channel the language client writes its message trace to (hearth.trace.server), with every API key Hearth
// handed to the engine replaced: the trace quotes each message's params, and `hearth/serverKeys/set` carries keys.
import type { LogOutputChannel } from "vscode";

const hidden = "••••";
const writers = new Set(["trace", "debug", "info", "warn", "error", "append", "appendLine", "replace"]);

export function redactedTrace(channel: LogOutputChannel, secrets: () => readonly string[]): LogOutputChannel {
    const redact = (text: string): string => {
        let result = text;
        for (const secret of secrets()) {
            if (secret.length < 4) continue;
            // As written, and as JSON quotes it inside the params.
            for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) result = result.split(form).join(hidden);
        }
        return result;
    };
    return new Proxy(channel, {
        get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver) as unknown;
            if (typeof value !== "function") return value;
            const method = value as (...args: unknown[]) => unknown;
            if (typeof property === "string" && writers.has(property)) {
                return (message: unknown, ...rest: unknown[]): unknown => method.call(target, typeof message === "string" ? redact(message) : message instanceof Error ? new Error(redact(message.message)) : message, ...rest);
            }
            return method.bind(target);
        }
    });
}
