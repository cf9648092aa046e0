// A folder of JSON files, each replaced atomically: the new text goes to a temporary file, is flushed to the disk,
// and is renamed over the old one. A crash, a killed process or a window reload at any moment leaves either the
// old file or the new one, never a part of either.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";

const tempSuffix = ".tmp";
/** On Windows a rename fails while another program (a virus scanner, an indexer) briefly holds the target open. */
const renameRetries = 5;
const renameRetryMs = 40;

function isMissing(error: unknown): boolean {
    return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}

export class JsonFolder {
    constructor(readonly path: string) {}

    /** The value a file holds; undefined when there is no such file. A file that is not JSON is an error. */
    async read<T>(name: string): Promise<T | undefined> {
        try {
            return JSON.parse(await readFile(this.file(name), "utf8")) as T;
        } catch (error) {
            if (isMissing(error)) return undefined;
            throw error;
        }
    }

    async write(name: string, value: unknown): Promise<number> {
        // Every time: the folder may have been removed since (VS Code clears the storage of a removed workspace).
        await mkdir(this.path, { recursive: true });
        const text = JSON.stringify(value);
        const temp = this.file(`${name}.${randomBytes(6).toString("hex")}${tempSuffix}`);
        const handle = await open(temp, "w");
        try {
            await handle.writeFile(text, "utf8");
            await handle.sync();
        } finally {
            await handle.close();
        }
        await this.replace(temp, this.file(name));
        return Buffer.byteLength(text);
    }

    async remove(name: string): Promise<void> {
        await rm(this.file(name), { force: true });
    }

    /** The files in the folder (none when it does not exist yet). */
    async names(): Promise<string[]> {
        return readdir(this.path).catch((error: unknown) => {
            if (isMissing(error)) return [] as string[];
            throw error;
        });
    }

    /** Removes what an interrupted write left behind. */
    async removeLeftovers(): Promise<void> {
        const names = await this.names();
        await Promise.all(names.filter((name) => name.endsWith(tempSuffix)).map((name) => rm(this.file(name), { force: true })));
    }

    private file(name: string): string {
        if (!/^[\w.-]+$/.test(name) || name.startsWith(".")) throw new Error(`not a file name: ${name}`);
        return join(this.path, name);
    }

    private async replace(temp: string, target: string): Promise<void> {
        for (let attempt = 1; ; attempt++) {
            try {
                await rename(temp, target);
                return;
            } catch (error) {
                const code = (error as NodeJS.ErrnoException).code;
                if (attempt >= renameRetries || !["EPERM", "EACCES", "EBUSY"].includes(code ?? "")) {
                    await rm(temp, { force: true });
                    throw error;
                }
                await new Promise((resolve) => setTimeout(resolve, renameRetryMs * attempt));
            }
        }
    }
}
