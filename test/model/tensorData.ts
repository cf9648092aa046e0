// The data of a synthetic model's tensors: deterministic random weights (or given values) encoded as f32, f16
// or q8_0, produced in chunks of whole rows so that large models stream to disk.
/** ggml tensor types this writer can produce, with their `enum ggml_type` ids. */
export type TensorType = "f32" | "f16" | "q8_0";
export const GGML_TYPE_ID: Record<TensorType, number> = { f32: 0, f16: 1, q8_0: 8 };
export const Q8_0_BLOCK = 32;
export const Q8_0_BLOCK_BYTES = 2 + Q8_0_BLOCK;

/** How a tensor's values are generated. Rows are runs of `dims[0]` elements. */
export type TensorInit =
    | { kind: "normal"; std: number }
    | { kind: "constant"; value: number }
    /** Every element spelled out; for small tensors such as biases. */
    | { kind: "values"; values: Float32Array };

export interface TensorSpec {
    name: string;
    /** ggml order: dims[0] is the contiguous (innermost) dimension. */
    dims: number[];
    type: TensorType;
    init: TensorInit;
    /** Overrides element 0 of each row (weights.ts marks quiet tokens with it). */
    firstOfRow?: (row: number) => number;
}

export function tensorByteSize(t: TensorSpec): number {
    const count = t.dims.reduce((a, b) => a * b, 1);
    switch (t.type) {
        case "f32": return count * 4;
        case "f16": return count * 2;
        case "q8_0":
            if (t.dims[0] % Q8_0_BLOCK !== 0) throw new Error(`${t.name}: q8_0 needs dims[0] divisible by 32`);
            return (count / Q8_0_BLOCK) * Q8_0_BLOCK_BYTES;
    }
}

const CHUNK_BYTES = 8 << 20;

/** Yields the tensor's data in chunks of whole rows. */
export function* tensorChunks(t: TensorSpec, seed: number): Generator<Uint8Array> {
    const rowLength = t.dims[0];
    const rows = t.dims.slice(1).reduce((a, b) => a * b, 1);
    const rowBytes = tensorByteSize({ ...t, dims: [rowLength] });
    const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / rowBytes));
    const rng = new XorShift32(hashSeed(seed, t.name));
    const writeRow = rowWriter(t, rng);
    const buffer = new Uint8Array(Math.min(rows, rowsPerChunk) * rowBytes);
    for (let first = 0; first < rows; first += rowsPerChunk) {
        const count = Math.min(rowsPerChunk, rows - first);
        for (let r = 0; r < count; r++) writeRow(buffer, r * rowBytes, first + r);
        yield count === rowsPerChunk ? buffer : buffer.subarray(0, count * rowBytes);
    }
}

type RowWriter = (out: Uint8Array, at: number, row: number) => void;

function rowWriter(t: TensorSpec, rng: XorShift32): RowWriter {
    const n = t.dims[0];
    if (t.init.kind === "values") return valuesRowWriter(t, t.init.values);
    if (t.type === "q8_0") {
        if (t.init.kind === "normal") return q8NormalRowWriter(t, t.init.std, rng);
        const floats = new Float32Array(n);
        const value = t.init.value;
        return (out, at, row) => {
            floats.fill(value);
            if (t.firstOfRow) floats[0] = t.firstOfRow(row);
            quantizeQ8(floats, out, at);
        };
    }
    // f32 / f16: look values up in a per-tensor table (host is little-endian, as GGUF is).
    const init = t.init;
    const values = init.kind === "normal"
        ? Float32Array.from(NORMAL_4096, (v) => v * init.std)
        : Float32Array.of(init.value);
    const mask = values.length - 1;
    const table = t.type === "f32" ? values : Uint16Array.from(values, (v) => f32ToF16(v));
    const encode = (v: number) => (t.type === "f32" ? v : f32ToF16(v));
    return (out, at, row) => {
        const dst = t.type === "f32"
            ? new Float32Array(out.buffer, out.byteOffset + at, n)
            : new Uint16Array(out.buffer, out.byteOffset + at, n);
        for (let i = 0; i < n; i += 2) {
            const r = rng.next();
            dst[i] = table[r & mask];
            if (i + 1 < n) dst[i + 1] = table[(r >>> 16) & mask];
        }
        if (t.firstOfRow) dst[0] = encode(t.firstOfRow(row));
    };
}

function valuesRowWriter(t: TensorSpec, values: Float32Array): RowWriter {
    const n = t.dims[0];
    if (values.length !== t.dims.reduce((a, b) => a * b, 1)) throw new Error(`${t.name}: wrong number of values`);
    return (out, at, row) => {
        const src = values.subarray(row * n, (row + 1) * n);
        if (t.type === "q8_0") quantizeQ8(src, out, at);
        else if (t.type === "f32") new Float32Array(out.buffer, out.byteOffset + at, n).set(src);
        else new Uint16Array(out.buffer, out.byteOffset + at, n).set(Array.from(src, (v) => f32ToF16(v)));
    };
}

// Fast path for the big matrices: one random byte per weight, mapped through a
// normal-quantile table straight to int8, with one shared scale per tensor.
const Q8_TABLE_SCALE = 40;
function q8NormalRowWriter(t: TensorSpec, std: number, rng: XorShift32): RowWriter {
    const n = t.dims[0];
    const table = new Uint8Array(256);
    for (let i = 0; i < 256; i++) table[i] = Math.round(NORMAL_256[i] * Q8_TABLE_SCALE) & 0xff;
    const view = new DataView(new ArrayBuffer(4));
    const scaleBits = f32ToF16(std / Q8_TABLE_SCALE, view);
    const floats = new Float32Array(Q8_0_BLOCK);
    return (out, at, row) => {
        let block = 0;
        if (t.firstOfRow) {
            for (let i = 0; i < Q8_0_BLOCK; i++) floats[i] = NORMAL_4096[rng.next() & 4095] * std;
            floats[0] = t.firstOfRow(row);
            quantizeQ8(floats, out, at);
            block = 1;
        }
        for (; block < n / Q8_0_BLOCK; block++) {
            let p = at + block * Q8_0_BLOCK_BYTES;
            out[p] = scaleBits & 0xff;
            out[p + 1] = scaleBits >> 8;
            p += 2;
            for (let j = 0; j < Q8_0_BLOCK; j += 4) {
                const r = rng.next();
                out[p + j] = table[r & 0xff];
                out[p + j + 1] = table[(r >>> 8) & 0xff];
                out[p + j + 2] = table[(r >>> 16) & 0xff];
                out[p + j + 3] = table[r >>> 24];
            }
        }
    };
}

/** Reference Q8_0 quantisation (ggml's quantize_row_q8_0_ref) of whole blocks. */
function quantizeQ8(values: Float32Array, out: Uint8Array, at: number): void {
    const view = new DataView(new ArrayBuffer(4));
    for (let b = 0; b < values.length / Q8_0_BLOCK; b++) {
        let amax = 0;
        for (let j = 0; j < Q8_0_BLOCK; j++) amax = Math.max(amax, Math.abs(values[b * Q8_0_BLOCK + j]));
        const d = amax / 127;
        const inv = d === 0 ? 0 : 1 / d;
        const p = at + b * Q8_0_BLOCK_BYTES;
        const bits = f32ToF16(d, view);
        out[p] = bits & 0xff;
        out[p + 1] = bits >> 8;
        for (let j = 0; j < Q8_0_BLOCK; j++) out[p + 2 + j] = Math.round(values[b * Q8_0_BLOCK + j] * inv) & 0xff;
    }
}

/** IEEE half from a float, round-to-nearest-even, via the float's bits. */
export function f32ToF16(value: number, scratch = new DataView(new ArrayBuffer(4))): number {
    scratch.setFloat32(0, value);
    const x = scratch.getUint32(0);
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
    const e = exp - 127 + 15;
    if (e >= 0x1f) return sign | 0x7c00;
    if (e <= 0) {
        if (e < -10) return sign;
        mant |= 0x800000;
        const shift = 14 - e;
        let half = mant >> shift;
        const rest = mant & ((1 << shift) - 1);
        const mid = 1 << (shift - 1);
        if (rest > mid || (rest === mid && (half & 1))) half++;
        return sign | half;
    }
    let half = (e << 10) | (mant >> 13);
    const rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half++;
    return sign | half;
}

/** Marsaglia xorshift32: tiny, fast and plenty for weights nobody reads. */
export class XorShift32 {
    private state: number;
    constructor(seed: number) {
        this.state = seed >>> 0 || 0x9e3779b9;
    }
    next(): number {
        let x = this.state;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        this.state = x >>> 0;
        return this.state;
    }
}

/** FNV-1a over the seed and the tensor name, so each tensor's data is independent of write order. */
export function hashSeed(seed: number, name: string): number {
    let h = 0x811c9dc5 ^ (seed >>> 0);
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    return h >>> 0;
}

/** Standard-normal quantiles at the midpoints of `n` equal-probability bins, rescaled to unit variance. */
function normalQuantiles(n: number): Float64Array {
    // Shore's approximation of the inverse normal CDF; good to ~1e-2, ample here.
    const inv = (p: number): number => p >= 0.5 ? 5.5556 * (1 - ((1 - p) / p) ** 0.1186) : -inv(1 - p);
    const q = Float64Array.from({ length: n }, (_, i) => inv((i + 0.5) / n));
    const std = Math.sqrt(q.reduce((s, v) => s + v * v, 0) / n);
    return q.map((v) => v / std);
}
const NORMAL_256 = normalQuantiles(256);
const NORMAL_4096 = normalQuantiles(4096);
