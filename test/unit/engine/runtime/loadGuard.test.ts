import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { EngineErrorCode } from "../../../../engine/protocol";
import { bootMinute, LoadGuard, type LoadRecord } from "../../../../engine/runtime/loadGuard";
import { EngineError } from "../../../../engine/server/engineError";
import type { Logger } from "../../../../engine/server/log";

/** The pid of a process that has exited. */
function deadPid(): number {
    return spawnSync(process.execPath, ["-e", ""]).pid;
}

function quietLog(lines: string[] = []): Logger {
    const note = (line: string) => void lines.push(line);
    return { error: note, warn: note, info: note, debug: note };
}

describe("load guard", () => {
    let dir: string;
    let model: string;

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "hearth-load-guard-"));
        model = join(dir, "model.gguf");
        writeFileSync(model, "weights");
        // Whole seconds, so that setting the time back gives the very stamp the marker holds.
        utimesSync(model, 1_700_000_000, 1_700_000_000);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** A marker as an engine with `pid` leaves while it loads the model as it is now. */
    function marker(pid: number, changes: Partial<LoadRecord> = {}): void {
        const { size, mtimeMs } = statSync(model);
        const record: LoadRecord = { path: model, size, mtimeMs, pid, boot: bootMinute(), at: "2026-12-02T03:00:00.000Z", ...changes };
        writeFileSync(join(dir, `loading-${pid}-1.json`), JSON.stringify(record));
    }

    function refuses(guard: LoadGuard, path = model): boolean {
        try {
            guard.check(path);
            return false;
        } catch (error) {
            assert.ok(error instanceof EngineError && error.code === EngineErrorCode.ModelEndedEngine);
            assert.match(error.message, /Hearth did not load model\.gguf: loading it ended the engine .*Choose another model, or run "Hearth: Try Loading the Model Again"/);
            return true;
        }
    }

    it("refuses a file whose load a process that is gone had begun, and says so in the log", () => {
        marker(deadPid());
        const lines: string[] = [];
        const guard = new LoadGuard();
        guard.open(dir, quietLog(lines));
        assert.ok(refuses(guard));
        assert.match(lines.join("\n"), /model\.gguf .*ended an engine/);
        assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith("loading-")), [], "the dead engine's marker is gone");
    });

    it("remembers the refusal in the next engine too", () => {
        marker(deadPid());
        new LoadGuard().open(dir, quietLog());
        const next = new LoadGuard();
        next.open(dir, quietLog());
        assert.ok(refuses(next));
    });

    it("leaves alone a load another engine is running now", () => {
        marker(process.ppid);
        const guard = new LoadGuard();
        guard.open(dir, quietLog());
        assert.ok(!refuses(guard));
        assert.ok(existsSync(join(dir, `loading-${process.ppid}-1.json`)), "the live engine's marker stays");
    });

    it("ignores a marker from before the machine restarted, and a damaged one", () => {
        marker(deadPid(), { boot: bootMinute() - 60 });
        writeFileSync(join(dir, `loading-${deadPid()}-2.json`), "{ not json");
        const guard = new LoadGuard();
        guard.open(dir, quietLog());
        assert.ok(!refuses(guard));
        assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith("loading-")), []);
    });

    it("loads the file again once it changed, or once the user asks", () => {
        marker(deadPid());
        const guard = new LoadGuard();
        guard.open(dir, quietLog());
        utimesSync(model, 1_700_000_060, 1_700_000_060);
        assert.ok(!refuses(guard), "a changed file is another file");
        utimesSync(model, 1_700_000_000, 1_700_000_000);
        assert.ok(refuses(guard));
        assert.equal(guard.forget(model), true);
        assert.ok(!refuses(guard));
        assert.equal(guard.forget(model), false, "nothing left to forget");
        const next = new LoadGuard();
        next.open(dir, quietLog());
        assert.ok(!refuses(next), "forgotten for the next engine too");
    });

    it("keeps a marker naming the file only while the load runs, whether it succeeds or fails", async () => {
        const guard = new LoadGuard();
        guard.open(dir, quietLog());
        const markers = () => readdirSync(dir).filter((name) => name.startsWith(`loading-${process.pid}-`));
        const seen = await guard.during(model, async () => markers().map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as LoadRecord));
        assert.equal(seen.length, 1);
        assert.equal(seen[0].path, model);
        assert.equal(seen[0].pid, process.pid);
        assert.deepEqual(markers(), []);
        await assert.rejects(guard.during(model, async () => {
            assert.equal(markers().length, 1);
            throw new Error("llama.cpp refused it");
        }), /refused/);
        assert.deepEqual(markers(), []);
    });

    describe("a model in use", () => {
        const inUse = () => readdirSync(dir).filter((name) => name.startsWith("using-"));

        /** The marker an engine with `pid` leaves while it uses the model as it is now. */
        function inUseMarker(pid: number, changes: Partial<LoadRecord> = {}): void {
            const { size, mtimeMs, ino } = statSync(model);
            const record: LoadRecord = { path: model, size, mtimeMs, ino, pid, boot: bootMinute(), at: "2026-12-02T03:00:00.000Z", ...changes };
            writeFileSync(join(dir, `using-${pid}-1.json`), JSON.stringify(record));
        }

        it("is marked until it is released", () => {
            const guard = new LoadGuard();
            guard.open(dir, quietLog());
            const release = guard.inUse(model);
            assert.equal(inUse().length, 1);
            const record = JSON.parse(readFileSync(join(dir, inUse()[0]), "utf8")) as LoadRecord;
            assert.equal(record.pid, process.pid);
            assert.equal(record.ino, statSync(model).ino);
            release();
            assert.deepEqual(inUse(), []);
        });

        it("whose file was rewritten in place under an engine that is gone explains why that engine stopped, once", () => {
            inUseMarker(deadPid());
            writeFileSync(model, "new weights, still being copied");
            const lines: string[] = [];
            const notices = new LoadGuard().open(dir, quietLog(lines));
            assert.equal(notices.length, 1);
            assert.match(notices[0], /^Hearth's engine stopped because model\.gguf changed on disk while loaded \(7 bytes, now 31\): llama\.cpp reads a model from its file while it runs\. Hearth loads it again once the new file is complete\./);
            assert.match(notices[0], /copy the new file next to the old one and choose it/);
            assert.match(lines.join("\n"), /an earlier engine ended while .*model\.gguf was in use/);
            assert.deepEqual(inUse(), [], "the dead engine's marker is gone");
            assert.deepEqual(new LoadGuard().open(dir, quietLog()), [], "said once");
            assert.ok(!refuses(new LoadGuard()), "the file is not refused: it was not the file's fault");
        });

        it("says nothing to the user when the file is unchanged, replaced by another file or deleted: none of those ends a process", () => {
            for (const change of ["none", "replaced", "deleted"] as const) {
                inUseMarker(deadPid());
                if (change === "replaced") {
                    writeFileSync(`${model}.new`, "other weights");
                    renameSync(`${model}.new`, model);
                }
                if (change === "deleted") rmSync(model);
                const lines: string[] = [];
                assert.deepEqual(new LoadGuard().open(dir, quietLog(lines)), [], change);
                assert.match(lines.join("\n"), /ended while .* was in use; the file was not changed in place/, change);
                writeFileSync(model, "weights");
                utimesSync(model, 1_700_000_000, 1_700_000_000);
            }
        });

        it("of an engine still running is left alone", () => {
            inUseMarker(process.pid);
            writeFileSync(model, "rewritten");
            assert.deepEqual(new LoadGuard().open(dir, quietLog()), []);
            assert.equal(inUse().length, 1);
        });
    });
});
