// A native load can end the whole process with nothing to catch: llama.cpp aborts on some files it cannot handle,
// and the system kills a process that runs out of memory. The restarted engine would load the same file again and
// die again, on every restart. So each load runs with a marker file of its own process in the state folder, removed
// when the load ends either way or the process exits. A marker whose process is gone (on the same boot) names a file
// whose load ended an engine: that file is refused until it changes or the user asks to try it again.
// A loaded model keeps a marker of its own while it is in use: llama.cpp reads the weights from the file through a
// memory map, so a file truncated during an evaluation (what `cp new.gguf model.gguf` does first) ends the process
// with SIGBUS. Such a marker left behind with its file changed since tells the next engine, and so the user, why.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { uptime } from "node:os";
import { basename, join } from "node:path";
import { EngineErrorCode } from "../protocol";
import { EngineError } from "../server/engineError";
import type { Logger } from "../server/log";
import { fileChange, fileStamp } from "./modelFile";

export interface LoadRecord {
    path: string;
    size: number;
    mtimeMs: number;
    pid: number;
    /** When the machine booted, in minutes since the epoch: a marker from before a reboot says nothing about its file. */
    boot: number;
    /** When the load began (ISO 8601). */
    at: string;
    /** The file's inode: a file replaced by another one (a rename over it) leaves a loaded model's memory map intact. */
    ino?: number;
}

/** How `record`'s file changed in place since, which can end a process that maps it; undefined if it did not. */
function changedInPlace(record: LoadRecord): string | undefined {
    const ino = inodeOf(record.path);
    // Deleted or moved, the mapped file lives on until it is unmapped; another file renamed over it is another inode.
    if (ino === undefined || (record.ino !== undefined && record.ino !== ino)) return undefined;
    return fileChange(record.path, record);
}

const markerName = /^loading-(\d+)-(\d+)\.json$/;
const inUseName = /^using-(\d+)-(\d+)\.json$/;
const crashedFile = "crashed-loads.json";
const maxRecords = 20;

export function bootMinute(): number {
    return Math.round((Date.now() - uptime() * 1000) / 60_000);
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === "EPERM";
    }
}

function isRecord(value: unknown): value is LoadRecord {
    const r = value as Partial<LoadRecord> | null;
    return typeof r === "object" && r !== null && typeof r.path === "string" && typeof r.size === "number" && typeof r.mtimeMs === "number" && typeof r.pid === "number" && typeof r.boot === "number" && typeof r.at === "string";
}

function inodeOf(path: string): number | undefined {
    try {
        return statSync(path).ino;
    } catch {
        return undefined;
    }
}

function readJson(file: string): unknown {
    try {
        return JSON.parse(readFileSync(file, "utf8"));
    } catch {
        return undefined;
    }
}

export class LoadGuard {
    private dir: string | undefined;
    private crashed: LoadRecord[] = [];
    private readonly markers = new Set<string>();
    private count = 0;
    private exitHooked = false;

    /**
     * Keeps markers in `dir` from now on, and takes note of the loads that ended an earlier engine. Returns, for the
     * user, why an earlier engine ended when its model's file changed under it.
     */
    open(dir: string, log: Logger): string[] {
        const notices: string[] = [];
        try {
            mkdirSync(dir, { recursive: true });
            this.dir = dir;
            const stored = readJson(join(dir, crashedFile));
            this.crashed = Array.isArray(stored) ? stored.filter(isRecord) : [];
            const found = this.collectDeadMarkers(dir);
            for (const record of found) log.warn(`loading ${record.path} (started ${record.at}) ended an engine; Hearth does not load that file again until it changes or you ask to try it again`);
            if (found.length > 0) this.save();
            for (const record of this.collectDead(dir, inUseName)) {
                const change = changedInPlace(record);
                if (!change) {
                    log.info(`an earlier engine ended while ${record.path} (loaded ${record.at}) was in use; the file was not changed in place`);
                    continue;
                }
                log.warn(`an earlier engine ended while ${record.path} was in use: ${change}`);
                notices.push(
                    `Hearth's engine stopped because ${change}: llama.cpp reads a model from its file while it runs. ` +
                        `Hearth loads it again once the new file is complete. To switch models without this, copy the new file next to the old one and choose it.`
                );
            }
        } catch (error) {
            this.dir = undefined;
            log.warn(`Hearth cannot keep track of model loads in ${dir}: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (this.exitHooked) return notices;
        this.exitHooked = true;
        process.on("exit", () => {
            for (const marker of this.markers) this.remove(marker);
        });
        return notices;
    }

    /** Throws when loading `path` ended an engine before and the file is as it was then. */
    check(path: string): void {
        const record = this.recordOf(path);
        if (!record) return;
        const name = basename(path);
        throw new EngineError(
            EngineErrorCode.ModelEndedEngine,
            `Hearth did not load ${name}: loading it ended the engine on ${new Date(record.at).toLocaleString()}, so the file may be damaged or too large for this machine's memory. Choose another model, or run "Hearth: Try Loading the Model Again" to load ${name} anyway.`
        );
    }

    /** Runs `load` (the native part of loading `path`) with this process's marker in place. */
    async during<T>(path: string, load: () => Promise<T>): Promise<T> {
        const marker = this.mark(path, "loading");
        try {
            return await load();
        } finally {
            this.unmark(marker);
        }
    }

    /** Marks `path` as in use by this process (its model is loaded) until the returned function is called. */
    inUse(path: string): () => void {
        const marker = this.mark(path, "using");
        return () => this.unmark(marker);
    }

    /** The user asks to load `path` again: its record goes. */
    forget(path: string): boolean {
        const before = this.crashed.length;
        this.crashed = this.crashed.filter((record) => record.path !== path);
        if (this.crashed.length === before) return false;
        this.save();
        return true;
    }

    private recordOf(path: string): LoadRecord | undefined {
        const stamp = fileStamp(path);
        return stamp && this.crashed.find((record) => record.path === path && record.size === stamp.size && record.mtimeMs === stamp.mtimeMs);
    }

    private mark(path: string, kind: "loading" | "using"): string | undefined {
        const stamp = fileStamp(path);
        if (!this.dir || !stamp) return undefined;
        const marker = join(this.dir, `${kind}-${process.pid}-${++this.count}.json`);
        const ino = kind === "using" ? inodeOf(path) : undefined;
        const record: LoadRecord = { path, ...stamp, pid: process.pid, boot: bootMinute(), at: new Date().toISOString(), ...(ino !== undefined ? { ino } : {}) };
        try {
            writeFileSync(marker, JSON.stringify(record));
            this.markers.add(marker);
            return marker;
        } catch {
            return undefined;
        }
    }

    private unmark(marker: string | undefined): void {
        if (!marker) return;
        this.markers.delete(marker);
        this.remove(marker);
    }

    /** Load markers of processes that are gone: each is a load that ended its engine. */
    private collectDeadMarkers(dir: string): LoadRecord[] {
        const found = this.collectDead(dir, markerName);
        for (const record of found) this.crashed = [...this.crashed.filter((known) => known.path !== record.path), record].slice(-maxRecords);
        return found;
    }

    /** Removes the markers named like `pattern` whose process is gone, and returns those left on this boot (for in-use markers: an engine that ended while its model was loaded). */
    private collectDead(dir: string, pattern: RegExp): LoadRecord[] {
        const found: LoadRecord[] = [];
        const boot = bootMinute();
        for (const name of readdirSync(dir)) {
            const pid = Number(pattern.exec(name)?.[1]);
            if (!pid) continue;
            const file = join(dir, name);
            const record = readJson(file);
            const sameBoot = isRecord(record) && Math.abs(record.boot - boot) <= 1;
            if (sameBoot && alive(pid)) continue;
            this.remove(file);
            if (sameBoot) found.push(record);
        }
        return found;
    }

    private save(): void {
        if (!this.dir) return;
        const file = join(this.dir, crashedFile);
        try {
            writeFileSync(`${file}.tmp`, JSON.stringify(this.crashed, null, 2));
            renameSync(`${file}.tmp`, file);
        } catch {
            // The record lives on in memory for this engine; the next one may load the file again.
        }
    }

    private remove(file: string): void {
        try {
            unlinkSync(file);
        } catch {
            // Gone already.
        }
    }
}

/** The engine's one guard: every model load of every role goes through it. */
export const loadGuard = new LoadGuard();
