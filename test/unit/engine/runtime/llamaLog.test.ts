import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { captureProblems, LlamaLogFanOut, type LlamaLogLevel } from "../../../../engine/runtime/llamaLog";

describe("llama.cpp log fan-out", () => {
    it("gives every line to every subscriber, and one unsubscribing does not silence the other", () => {
        const log = new LlamaLogFanOut();
        const engineLog: string[] = [];
        const load: string[] = [];
        log.subscribe((_, message) => engineLog.push(message));
        const stopLoad = log.subscribe((_, message) => load.push(message));
        log.emit("warn", "one");
        stopLoad();
        log.emit("error", "two");
        assert.deepEqual(engineLog, ["one", "two"]);
        assert.deepEqual(load, ["one"]);
    });

    it("keeps two subscriptions of the same function apart", () => {
        const log = new LlamaLogFanOut();
        const lines: string[] = [];
        const sink = (_: LlamaLogLevel, message: string) => void lines.push(message);
        const first = log.subscribe(sink);
        log.subscribe(sink);
        first();
        log.emit("info", "still heard");
        assert.deepEqual(lines, ["still heard"]);
    });

    it("keeps delivering when a subscriber throws", () => {
        const log = new LlamaLogFanOut();
        const lines: string[] = [];
        log.subscribe(() => {
            throw new Error("broken sink");
        });
        log.subscribe((_, message) => lines.push(message));
        log.emit("warn", "delivered");
        assert.deepEqual(lines, ["delivered"]);
    });

    it("captures a load's warnings and errors, the latest ones, until stopped", () => {
        const log = new LlamaLogFanOut();
        const first = captureProblems(log, 2);
        const second = captureProblems(log, 5);
        log.emit("info", "loading tensors");
        log.emit("warn", "a");
        log.emit("error", "b");
        log.emit("error", "c");
        first.stop();
        log.emit("error", "d");
        assert.deepEqual(first.lines, ["b", "c"]);
        assert.deepEqual(second.lines, ["a", "b", "c", "d"]);
        second.stop();
    });
});
