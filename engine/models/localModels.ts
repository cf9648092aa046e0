// The models in Hearth's models folder: finished downloads (split parts grouped as one model), interrupted ones, and
// any GGUF file the user put there; and deleting one of them with all its files.
import { readdir, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { checkModelFile } from "../runtime/modelFile";
import type { LocalModel } from "../protocol";
import { catalogModelByUri } from "./catalog";
import { indexFileName, readIndex, removeRecord, type DownloadRecord } from "./downloadIndex";
import { quantizationName } from "./modelFacts";

export const partialSuffix = ".ipull";
const splitPart = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;

export interface FileGroup {
    /** The file to load: the only file, or part 00001 of a split model. */
    entry: string;
    /** Finished files, in part order. */
    parts: string[];
    /** Unfinished download files. */
    unfinished: string[];
    partial: boolean;
    record?: DownloadRecord;
}

/** Groups a folder's file names into models. Pure. */
export function groupModelFiles(fileNames: readonly string[], records: readonly DownloadRecord[]): FileGroup[] {
    const groups = new Map<string, FileGroup & { expectedParts: number }>();
    const groupFor = (name: string) => {
        const split = splitPart.exec(name);
        const entry = split ? `${split[1]}-00001-of-${split[3]}.gguf` : name;
        let group = groups.get(entry);
        if (!group) {
            group = { entry, parts: [], unfinished: [], partial: false, expectedParts: split ? Number(split[3]) : 1 };
            groups.set(entry, group);
        }
        return group;
    };
    for (const name of fileNames) {
        if (name.toLowerCase().endsWith(`.gguf${partialSuffix}`)) groupFor(name.slice(0, -partialSuffix.length)).unfinished.push(name);
        else if (name.toLowerCase().endsWith(".gguf")) groupFor(name).parts.push(name);
    }
    for (const record of records) {
        const group = groups.get(record.fileName);
        if (group) group.record = record;
    }
    return [...groups.values()]
        .map(({ expectedParts, ...group }) => ({
            ...group,
            parts: group.parts.sort(),
            partial: group.unfinished.length > 0 || group.parts.length < expectedParts || group.record?.state === "downloading"
        }))
        .sort((a, b) => a.entry.localeCompare(b.entry));
}

export interface GgufSummary {
    quantization?: string;
    parameters?: number;
    name?: string;
}

/**
 * Quantisation, parameter count and name from the file's header (reads no weights), through the same checks as a
 * load: node-llama-cpp's own reader trusts the header, and a damaged one exhausts the engine's memory.
 */
export async function summarizeGguf(path: string): Promise<GgufSummary> {
    const { header, parameters } = await checkModelFile(path);
    const fileType = header.metadata.get("general.file_type")?.value;
    const name = header.metadata.get("general.name")?.value;
    return {
        quantization: typeof fileType === "number" ? await quantizationName(fileType) : undefined,
        parameters: parameters > 0 ? parameters : undefined,
        name: typeof name === "string" ? name : undefined
    };
}

async function sizeOf(path: string): Promise<number> {
    return (await stat(path).catch(() => undefined))?.size ?? 0;
}

export async function listLocalModels(directory: string): Promise<LocalModel[]> {
    const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [] as string[];
        throw error;
    });
    const groups = groupModelFiles(names, await readIndex(directory));
    return Promise.all(
        groups.map(async (group): Promise<LocalModel> => {
            const path = join(directory, group.entry);
            const files = [...group.parts, ...group.unfinished].map((name) => join(directory, name));
            const sizes = await Promise.all(group.parts.map((name) => sizeOf(join(directory, name))));
            const uri = group.record?.uri;
            const model: LocalModel = {
                path,
                fileName: group.entry,
                sizeBytes: sizes.reduce((a, b) => a + b, 0),
                files,
                ...(uri ? { uri } : {}),
                ...(uri && catalogModelByUri(uri) ? { catalogId: catalogModelByUri(uri)!.id } : {})
            };
            if (group.partial) return { ...model, partial: true };
            try {
                const summary = await summarizeGguf(path);
                return { ...model, ...definedOnly(summary) };
            } catch (error) {
                return { ...model, problem: error instanceof Error ? error.message : String(error) };
            }
        })
    );
}

function definedOnly<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Deletes a model of the folder with all its parts and unfinished files; a model already gone deletes nothing. */
export async function deleteLocalModel(directory: string, path: string): Promise<string[]> {
    const folder = resolve(directory);
    const target = resolve(path);
    // Only ever delete inside the models folder, whatever the client sends.
    if (dirname(target) !== folder || basename(target) === indexFileName) throw new TypeError(`${path} is not a model in Hearth's models folder ${directory}`);
    const model = (await listLocalModels(folder)).find((m) => resolve(m.path) === target);
    if (!model) return [];
    for (const file of model.files) await rm(file, { force: true });
    await removeRecord(folder, model.fileName);
    return model.files;
}
