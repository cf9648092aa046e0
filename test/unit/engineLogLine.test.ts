import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logger } from "../../engine/log";
import { parseEngineLogLine } from "../../src/engineLogLine";

describe("engine log lines in the Hearth log", () => {
    it("keeps the level the engine logged at and drops its timestamp", () => {
        assert.deepEqual(parseEngineLogLine("[12:39:46.213] info  downloaded hf:x (25 MB)"), { level: "info", message: "downloaded hf:x (25 MB)" });
        assert.deepEqual(parseEngineLogLine("[00:00:00.000] warn  hearth.model.threads must be a number"), { level: "warn", message: "hearth.model.threads must be a number" });
        assert.deepEqual(parseEngineLogLine("[23:59:59.999] debug completion 12 ms"), { level: "debug", message: "completion 12 ms" });
    });

    it("reads what engine/log.ts writes", () => {
        const written: string[] = [];
        const write = process.stderr.write;
        process.stderr.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stderr.write;
        try {
            logger.warn("a warning");
        } finally {
            process.stderr.write = write;
        }
        assert.deepEqual(parseEngineLogLine(written.join("").trimEnd()), { level: "warn", message: "a warning" });
    });

    it("treats anything else on stderr as an error", () => {
        assert.deepEqual(parseEngineLogLine("    at Object.<anonymous> (engine.js:1:1)"), { level: "error", message: "    at Object.<anonymous> (engine.js:1:1)" });
    });
});
