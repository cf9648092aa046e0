// GGUF v3 writer for Hearth's synthetic test models: metadata, tensor infos and
// deterministic random tensor data, streamed to disk chunk by chunk.
import { open, type FileHandle } from "node:fs/promises";
import { GGML_TYPE_ID, tensorByteSize, tensorChunks, type TensorSpec } from "./tensorData";

export type { TensorInit, TensorSpec, TensorType } from "./tensorData";

const GGUF_MAGIC = 0x46554747; // "GGUF" read as little-endian u32
const GGUF_VERSION = 3;
export const GGUF_ALIGNMENT = 32;

/** GGUF metadata value types (gguf.h `enum gguf_type`). */
export enum GgufType {
    UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5,
    FLOAT32 = 6, BOOL = 7, STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12
}

type ScalarType = Exclude<GgufType, GgufType.ARRAY>;
export type GgufValue =
    | { type: ScalarType; value: number | bigint | boolean | string }
    | { type: GgufType.ARRAY; itemType: ScalarType; items: ArrayLike<number | bigint | boolean | string> };

export const gguf = {
    u32: (value: number): GgufValue => ({ type: GgufType.UINT32, value }),
    i32: (value: number): GgufValue => ({ type: GgufType.INT32, value }),
    u64: (value: number | bigint): GgufValue => ({ type: GgufType.UINT64, value }),
    f32: (value: number): GgufValue => ({ type: GgufType.FLOAT32, value }),
    bool: (value: boolean): GgufValue => ({ type: GgufType.BOOL, value }),
    str: (value: string): GgufValue => ({ type: GgufType.STRING, value }),
    strings: (items: readonly string[]): GgufValue => ({ type: GgufType.ARRAY, itemType: GgufType.STRING, items }),
    i32s: (items: ArrayLike<number>): GgufValue => ({ type: GgufType.ARRAY, itemType: GgufType.INT32, items }),
    f32s: (items: ArrayLike<number>): GgufValue => ({ type: GgufType.ARRAY, itemType: GgufType.FLOAT32, items })
};

export interface GgufFile {
    metadata: Array<[key: string, value: GgufValue]>;
    tensors: TensorSpec[];
    /** Mixed with each tensor's name to seed its random data. */
    seed: number;
}

const align = (n: number) => Math.ceil(n / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;

/** Writes the whole file; tensor data never lives in memory more than one chunk at a time. */
export async function writeGguf(path: string, file: GgufFile): Promise<void> {
    const header = new ByteWriter();
    header.u32(GGUF_MAGIC).u32(GGUF_VERSION).u64(file.tensors.length).u64(file.metadata.length);
    for (const [key, value] of file.metadata) {
        header.string(key).u32(value.type);
        if (value.type === GgufType.ARRAY) {
            header.u32(value.itemType).u64(value.items.length);
            for (let i = 0; i < value.items.length; i++) header.scalar(value.itemType, value.items[i]);
        } else {
            header.scalar(value.type, value.value);
        }
    }
    let offset = 0;
    for (const t of file.tensors) {
        header.string(t.name).u32(t.dims.length);
        for (const d of t.dims) header.u64(d);
        header.u32(GGML_TYPE_ID[t.type]).u64(offset);
        offset = align(offset + tensorByteSize(t));
    }
    header.pad(GGUF_ALIGNMENT);

    const fh = await open(path, "w");
    try {
        await writeAll(fh, header.toBuffer());
        for (const t of file.tensors) {
            const size = tensorByteSize(t);
            for (const chunk of tensorChunks(t, file.seed)) await writeAll(fh, chunk);
            const padding = align(size) - size;
            if (padding > 0) await writeAll(fh, Buffer.alloc(padding));
        }
    } finally {
        await fh.close();
    }
}

async function writeAll(fh: FileHandle, buf: Uint8Array): Promise<void> {
    let done = 0;
    while (done < buf.length) done += (await fh.write(buf, done, buf.length - done)).bytesWritten;
}

/** Growable little-endian buffer for the header, metadata and tensor infos. */
class ByteWriter {
    private buf = Buffer.alloc(1 << 16);
    private len = 0;

    /** Makes room for `n` bytes; returns the (possibly new) buffer and the write position. */
    private reserve(n: number): [Buffer, number] {
        if (this.len + n > this.buf.length) {
            const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
            this.buf.copy(bigger, 0, 0, this.len);
            this.buf = bigger;
        }
        const at = this.len;
        this.len += n;
        return [this.buf, at];
    }
    u32(v: number): this { const [b, at] = this.reserve(4); b.writeUInt32LE(v >>> 0, at); return this; }
    u64(v: number | bigint): this { const [b, at] = this.reserve(8); b.writeBigUInt64LE(BigInt(v), at); return this; }
    string(s: string): this {
        const bytes = Buffer.from(s, "utf8");
        this.u64(bytes.length);
        const [b, at] = this.reserve(bytes.length);
        bytes.copy(b, at);
        return this;
    }
    scalar(type: ScalarType, v: number | bigint | boolean | string): this {
        if (type === GgufType.STRING) return this.string(String(v));
        const size = SCALAR_SIZE[type];
        const [b, at] = this.reserve(size);
        const num = Number(v);
        switch (type) {
            case GgufType.UINT8: b.writeUInt8(num, at); break;
            case GgufType.INT8: b.writeInt8(num, at); break;
            case GgufType.UINT16: b.writeUInt16LE(num, at); break;
            case GgufType.INT16: b.writeInt16LE(num, at); break;
            case GgufType.UINT32: b.writeUInt32LE(num, at); break;
            case GgufType.INT32: b.writeInt32LE(num, at); break;
            case GgufType.FLOAT32: b.writeFloatLE(num, at); break;
            case GgufType.BOOL: b.writeUInt8(v ? 1 : 0, at); break;
            case GgufType.UINT64: b.writeBigUInt64LE(BigInt(v), at); break;
            case GgufType.INT64: b.writeBigInt64LE(BigInt(v), at); break;
            case GgufType.FLOAT64: b.writeDoubleLE(num, at); break;
        }
        return this;
    }
    pad(alignment: number): this { this.reserve(Math.ceil(this.len / alignment) * alignment - this.len); return this; }
    toBuffer(): Buffer { return this.buf.subarray(0, this.len); }
}

const SCALAR_SIZE: Record<Exclude<ScalarType, GgufType.STRING>, number> = {
    [GgufType.UINT8]: 1, [GgufType.INT8]: 1, [GgufType.UINT16]: 2, [GgufType.INT16]: 2,
    [GgufType.UINT32]: 4, [GgufType.INT32]: 4, [GgufType.FLOAT32]: 4, [GgufType.BOOL]: 1,
    [GgufType.UINT64]: 8, [GgufType.INT64]: 8, [GgufType.FLOAT64]: 8
};
