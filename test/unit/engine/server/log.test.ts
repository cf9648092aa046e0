import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { LogMessageNotification, MessageType, type LogMessageParams } from "vscode-languageserver-protocol";
import { logger, logThrough, messageTypeOf, setLogLevel, type LogLevel } from "../../../../engine/server/log";
import { connectionPair } from "../../../support/connectionPair";

/** What `write` puts on stderr while it runs. */
function stderrOf(write: () => void): string {
    const written: string[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back as it was, never called
    const original = process.stderr.write;
    process.stderr.write = (chunk: string) => (written.push(chunk), true);
    try {
        write();
    } finally {
        process.stderr.write = original;
    }
    return written.join("");
}

afterEach(() => {
    logThrough(undefined);
    setLogLevel("info");
});

describe("the engine log over window/logMessage", () => {
    // vscode-languageclient writes these four types to error(), warn(), info() and debug() of its LogOutputChannel.
    const levels: Array<[LogLevel, MessageType]> = [
        ["error", MessageType.Error],
        ["warn", MessageType.Warning],
        ["info", MessageType.Info],
        ["debug", MessageType.Debug]
    ];
    for (const [level, type] of levels) {
        it(`sends ${level} as message type ${type}`, () => assert.equal(messageTypeOf[level], type));
    }

    it("reaches the other end of a connection at each level, debug only when asked for", async () => {
        const pair = connectionPair();
        const received: LogMessageParams[] = [];
        pair.client.onNotification(LogMessageNotification.type, (params) => void received.push(params));
        pair.server.onRequest("test/flush", () => null);
        logThrough((params) => pair.server.sendNotification(LogMessageNotification.type, params));
        const stderr = stderrOf(() => {
            logger.error("e");
            logger.warn("w");
            logger.info("i");
            logger.debug("hidden");
            setLogLevel("debug");
            logger.debug("d");
        });
        // Whatever the engine sent before it answers arrives before its answer.
        await pair.client.sendRequest("test/flush");
        pair.dispose();
        assert.deepEqual(received, [
            { type: MessageType.Error, message: "e" },
            { type: MessageType.Warning, message: "w" },
            { type: MessageType.Info, message: "i" },
            { type: MessageType.Debug, message: "d" }
        ]);
        assert.equal(stderr, "");
    });
});

describe("the engine log on stderr", () => {
    const line = /^\[\d\d:\d\d:\d\d\.\d{3}\] warn {2}a line\n$/;

    it("is where lines go before the connection listens", () => {
        assert.match(stderrOf(() => logger.warn("a line")), line);
    });

    it("is where lines go when the connection is closed", () => {
        logThrough(() => {
            throw new Error("Connection is closed.");
        });
        assert.match(stderrOf(() => logger.warn("a line")), line);
    });

    it("is where a line goes when sending it fails", { timeout: 10_000 }, async () => {
        logThrough(() => Promise.reject(new Error("write EPIPE")));
        // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back as it was, never called
        const original = process.stderr.write;
        const written = await new Promise<string>((resolve) => {
            process.stderr.write = (chunk: string) => (resolve(chunk), true);
            logger.warn("a line");
        }).finally(() => (process.stderr.write = original));
        assert.match(written, line);
    });
});
