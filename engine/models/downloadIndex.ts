// A small JSON file in the models folder that remembers where each model came from, so an interrupted download can be
// resumed from the picker and downloaded models keep their origin.
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface DownloadRecord {
    /** The file to load: the first part of a split model. */
    fileName: string;
    /** Every file of the model. */
    files: string[];
    uri: string;
    catalogId?: string;
    state: "downloading" | "complete";
    sizeBytes?: number;
    sha256?: string;
    updatedAt: string;
}

export const indexFileName = "hearth-downloads.json";
const writes = new Map<string, Promise<void>>();

export async function readIndex(directory: string): Promise<DownloadRecord[]> {
    try {
        const parsed = JSON.parse(await readFile(join(directory, indexFileName), "utf8")) as { downloads?: unknown };
        return Array.isArray(parsed.downloads) ? parsed.downloads.filter(isRecord) : [];
    } catch {
        return [];
    }
}

function isRecord(value: unknown): value is DownloadRecord {
    const r = value as Partial<DownloadRecord> | null;
    return typeof r === "object" && r !== null && typeof r.fileName === "string" && typeof r.uri === "string" && Array.isArray(r.files);
}

/** Applies `change` to the index; changes to one folder are written one after another, each atomically. */
export function updateIndex(directory: string, change: (records: DownloadRecord[]) => DownloadRecord[]): Promise<void> {
    const previous = writes.get(directory) ?? Promise.resolve();
    const next = previous.then(async () => {
        const records = change(await readIndex(directory));
        const path = join(directory, indexFileName);
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify({ downloads: records }, null, 2));
        await rename(temporary, path);
    });
    const settled = next.catch(() => undefined);
    writes.set(directory, settled);
    void settled.then(() => {
        if (writes.get(directory) === settled) writes.delete(directory);
    });
    return next;
}

export function upsertRecord(directory: string, record: DownloadRecord): Promise<void> {
    return updateIndex(directory, (records) => [...records.filter((r) => r.fileName !== record.fileName), record]);
}

export function removeRecord(directory: string, fileName: string): Promise<void> {
    return updateIndex(directory, (records) => records.filter((r) => r.fileName !== fileName));
}
