// Reads a GGUF file's header, metadata and tensor table in JavaScript, with every count, length, type and offset
// checked against the file, before llama.cpp or node-llama-cpp's own parser sees it: those trust the header, so a
// damaged one aborts the process or exhausts V8's memory instead of failing. Reads no tensor data.
import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { GgufCursor, GgufFormatError, NeedMoreBytes } from "./ggufCursor";
import { ggmlTypeLayout, ggmlTypeName } from "./ggmlTypes";

export { GgufFormatError } from "./ggufCursor";

/** GGUF's metadata value types (gguf.h `enum gguf_type`). */
export const GgufType = { Uint8: 0, Int8: 1, Uint16: 2, Int16: 3, Uint32: 4, Int32: 5, Float32: 6, Bool: 7, String: 8, Array: 9, Uint64: 10, Int64: 11, Float64: 12 } as const;
const typeNames = ["uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "bool", "string", "array", "uint64", "int64", "float64"];
const scalarBytes = [1, 1, 2, 2, 4, 4, 4, 1, 8, 0, 8, 8, 8];

export function ggufTypeName(type: number): string {
    return typeNames[type] ?? `unknown type ${type}`;
}

export type GgufScalar = number | bigint | boolean | string;

export interface GgufArrayValue {
    itemType: number;
    length: number;
    /** The items of a numeric or boolean array of at most `keptItems`; string arrays (a vocabulary) are only counted. */
    items?: GgufScalar[];
}

export interface GgufEntry {
    type: number;
    value: GgufScalar | GgufArrayValue;
    /** Where the entry (its key's length) starts in the file. */
    offset: number;
}

export interface GgufTensor {
    name: string;
    dims: number[];
    /** ggml type id. */
    type: number;
    /** From the start of the data section. */
    offset: number;
    bytes: number;
    /** Where the tensor's entry in the tensor table starts in the file. */
    infoOffset: number;
}

export interface GgufHeader {
    version: number;
    fileBytes: number;
    metadata: ReadonlyMap<string, GgufEntry>;
    tensors: readonly GgufTensor[];
    alignment: number;
    /** Where the data section starts in the file. */
    dataOffset: number;
    /** Where the last tensor's data ends in the file. */
    dataEnd: number;
}

const keptItems = 4096;
const maxKeyBytes = 65_536;
const maxTensorNameBytes = 63;
const maxDims = 4;
/** No real model has this much metadata; a header claiming more is damaged. */
const maxHeaderBytes = 256 * 1024 * 1024;
const firstReadBytes = 1024 * 1024;

/**
 * Reads the header of the GGUF file at `path`; throws a GgufFormatError saying what is wrong, or the file system's
 * error. Opens without blocking, so a FIFO or device named like a model is refused instead of waited on.
 */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
        const info = await handle.stat();
        if (!info.isFile()) throw new GgufFormatError("it is not a regular file");
        let prefix = await readPrefix(handle, Math.min(info.size, firstReadBytes));
        for (;;) {
            try {
                return parseGguf(new GgufCursor(prefix, info.size));
            } catch (error) {
                if (!(error instanceof NeedMoreBytes)) throw error;
                if (error.bytes > maxHeaderBytes) throw new GgufFormatError(`its header would be larger than ${maxHeaderBytes / 1024 / 1024} MB`);
                prefix = await readPrefix(handle, Math.min(info.size, Math.max(error.bytes, prefix.length * 4)));
            }
        }
    } finally {
        await handle.close();
    }
}

async function readPrefix(handle: FileHandle, bytes: number): Promise<Buffer> {
    const buffer = Buffer.alloc(bytes);
    let done = 0;
    while (done < bytes) {
        const { bytesRead } = await handle.read(buffer, done, bytes - done, done);
        if (bytesRead === 0) break;
        done += bytesRead;
    }
    return buffer.subarray(0, done);
}

/** Parses a whole header from `cursor`; throws NeedMoreBytes when the prefix read so far is too short. */
export function parseGguf(cursor: GgufCursor): GgufHeader {
    cursor.need(4, "the GGUF signature");
    if (cursor.bytes(4).toString("latin1") !== "GGUF") throw new GgufFormatError("it does not start with the GGUF signature");
    const version = cursor.u32("the GGUF version");
    if (version === 1) throw new GgufFormatError("it is GGUF version 1, which llama.cpp no longer reads");
    if (version !== 2 && version !== 3) throw new GgufFormatError(`it says it is GGUF version ${version}, which does not exist (a damaged or big-endian file?)`);
    const tensorCount = cursor.count("its header", 33, "tensors");
    const kvCount = cursor.count("its header", 13, "metadata entries");
    const metadata = new Map<string, GgufEntry>();
    for (let i = 0; i < kvCount; i++) {
        const offset = cursor.pos;
        const key = cursor.string(`the name of metadata entry ${i + 1}`, maxKeyBytes);
        if (key === "") throw new GgufFormatError(`metadata entry ${i + 1} has an empty name`);
        if (metadata.has(key)) throw new GgufFormatError(`the metadata key ${key} appears twice`);
        const type = cursor.u32(`the type of ${key}`);
        metadata.set(key, { type, value: readValue(cursor, key, type), offset });
    }
    const alignment = alignmentOf(metadata);
    const tensors = readTensorTable(cursor, tensorCount, alignment);
    const dataOffset = Math.ceil(cursor.pos / alignment) * alignment;
    const tensorsEnd = tensors.reduce((end, tensor) => Math.max(end, tensor.offset + tensor.bytes), 0);
    const dataEnd = dataOffset + tensorsEnd;
    if (dataEnd > cursor.fileBytes) {
        throw new GgufFormatError(`it is truncated: its tensors need ${dataEnd} bytes but the file has ${cursor.fileBytes}`);
    }
    return { version, fileBytes: cursor.fileBytes, metadata, tensors, alignment, dataOffset, dataEnd };
}

function readValue(cursor: GgufCursor, key: string, type: number): GgufScalar | GgufArrayValue {
    if (type === GgufType.Array) return readArray(cursor, key);
    if (type > GgufType.Float64) throw new GgufFormatError(`the metadata key ${key} has type ${type}, which GGUF does not have`);
    return readScalar(cursor, key, type);
}

function readScalar(cursor: GgufCursor, what: string, type: number): GgufScalar {
    switch (type) {
        case GgufType.String: return cursor.string(`the value of ${what}`);
        case GgufType.Uint64: return cursor.u64Exact(`the value of ${what}`);
        case GgufType.Int64: return cursor.i64(`the value of ${what}`);
        case GgufType.Bool: return cursor.u8(`the value of ${what}`) !== 0;
        default: return cursor.number(type, `the value of ${what}`);
    }
}

function readArray(cursor: GgufCursor, key: string): GgufArrayValue {
    const itemType = cursor.u32(`the item type of ${key}`);
    if (itemType === GgufType.Array) throw new GgufFormatError(`the metadata key ${key} is an array of arrays, which GGUF does not allow`);
    if (itemType > GgufType.Float64) throw new GgufFormatError(`the metadata key ${key} is an array of type ${itemType}, which GGUF does not have`);
    const length = cursor.count(`the length of ${key}`, scalarBytes[itemType], "items");
    if (itemType === GgufType.String) {
        for (let i = 0; i < length; i++) cursor.skipString(`item ${i} of ${key}`);
        return { itemType, length };
    }
    if (length > keptItems) {
        cursor.skip(length * scalarBytes[itemType], `the items of ${key}`);
        return { itemType, length };
    }
    const items: GgufScalar[] = [];
    for (let i = 0; i < length; i++) items.push(readScalar(cursor, `item ${i} of ${key}`, itemType));
    return { itemType, length, items };
}

function alignmentOf(metadata: ReadonlyMap<string, GgufEntry>): number {
    const entry = metadata.get("general.alignment");
    if (!entry) return 32;
    if (entry.type !== GgufType.Uint32) throw new GgufFormatError(`general.alignment is a ${ggufTypeName(entry.type)}, not a uint32`);
    const alignment = entry.value as number;
    if (alignment === 0 || (alignment & (alignment - 1)) !== 0) throw new GgufFormatError(`general.alignment is ${alignment}, not a power of two`);
    return alignment;
}

function readTensorTable(cursor: GgufCursor, count: number, alignment: number): GgufTensor[] {
    const tensors: GgufTensor[] = [];
    const names = new Set<string>();
    let expectedOffset = 0;
    for (let i = 0; i < count; i++) {
        const infoOffset = cursor.pos;
        const name = cursor.string(`the name of tensor ${i + 1}`, maxTensorNameBytes);
        if (name === "") throw new GgufFormatError(`tensor ${i + 1} has an empty name`);
        if (names.has(name)) throw new GgufFormatError(`the tensor ${name} appears twice`);
        names.add(name);
        const tensor = readTensorInfo(cursor, name, infoOffset);
        if (tensor.offset !== expectedOffset) {
            throw new GgufFormatError(`the tensor ${name} starts at byte ${tensor.offset} of the data, but the tensors before it end at byte ${expectedOffset}`);
        }
        expectedOffset = tensor.offset + Math.ceil(tensor.bytes / alignment) * alignment;
        tensors.push(tensor);
    }
    return tensors;
}

function readTensorInfo(cursor: GgufCursor, name: string, infoOffset: number): GgufTensor {
    const dimCount = cursor.u32(`the number of dimensions of ${name}`);
    if (dimCount < 1 || dimCount > maxDims) throw new GgufFormatError(`the tensor ${name} has ${dimCount} dimensions; ggml allows 1 to ${maxDims}`);
    const dims: number[] = [];
    let elements = 1;
    for (let d = 0; d < dimCount; d++) {
        const size = cursor.u64(`dimension ${d} of ${name}`);
        if (size < 1) throw new GgufFormatError(`the tensor ${name} has a dimension of size 0`);
        elements *= size;
        if (!Number.isSafeInteger(elements) || elements > cursor.fileBytes * 64) throw new GgufFormatError(`the tensor ${name} has more elements than any file could hold`);
        dims.push(size);
    }
    const type = cursor.u32(`the type of ${name}`);
    const layout = ggmlTypeLayout(type);
    if (!layout) throw new GgufFormatError(`the tensor ${name} has type ${type}, which ggml does not have`);
    const [blockElements, blockBytes] = layout;
    if (dims[0] % blockElements !== 0) {
        throw new GgufFormatError(`the tensor ${name} has rows of ${dims[0]} values, which ${ggmlTypeName(type)} cannot hold (blocks of ${blockElements})`);
    }
    const offset = cursor.u64(`the data offset of ${name}`);
    return { name, dims, type, offset, bytes: (elements / blockElements) * blockBytes, infoOffset };
}
