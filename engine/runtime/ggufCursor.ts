// Reads little-endian GGUF fields from the start of a file held in memory, checking each against the whole file's
// size: a length that runs past the file's end is a damaged file; one that only runs past what was read asks for more.

/** What is wrong with a file's GGUF structure, as the end of a sentence ("… is damaged: <message>"). */
export class GgufFormatError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "GgufFormatError";
    }
}

/** The file holds more than was read: read at least `bytes` of it and parse again. */
export class NeedMoreBytes extends Error {
    constructor(readonly bytes: number) {
        super(`the header needs at least ${bytes} bytes`);
        this.name = "NeedMoreBytes";
    }
}

export class GgufCursor {
    pos = 0;

    constructor(private readonly buffer: Buffer, readonly fileBytes: number) {}

    need(bytes: number, what: string): void {
        if (this.pos + bytes > this.fileBytes) throw new GgufFormatError(`the file ends (at byte ${this.fileBytes}) inside ${what}: it is truncated`);
        if (this.pos + bytes > this.buffer.length) throw new NeedMoreBytes(this.pos + bytes);
    }

    bytes(count: number): Buffer {
        const slice = this.buffer.subarray(this.pos, this.pos + count);
        this.pos += count;
        return slice;
    }

    skip(count: number, what: string): void {
        this.need(count, what);
        this.pos += count;
    }

    u8(what: string): number {
        this.need(1, what);
        return this.buffer.readUInt8(this.pos++);
    }

    u32(what: string): number {
        this.need(4, what);
        const value = this.buffer.readUInt32LE(this.pos);
        this.pos += 4;
        return value;
    }

    /** A uint64 as a number: exact up to 2^53, which is more than any count or size in a file can be. */
    u64(what: string): number {
        this.need(8, what);
        // Two halves, not a BigInt: a vocabulary has hundreds of thousands of string lengths.
        const value = this.buffer.readUInt32LE(this.pos) + this.buffer.readUInt32LE(this.pos + 4) * 2 ** 32;
        this.pos += 8;
        return value;
    }

    u64Exact(what: string): bigint {
        this.need(8, what);
        const value = this.buffer.readBigUInt64LE(this.pos);
        this.pos += 8;
        return value;
    }

    i64(what: string): bigint {
        this.need(8, what);
        const value = this.buffer.readBigInt64LE(this.pos);
        this.pos += 8;
        return value;
    }

    /** A numeric scalar of GGUF type `type` (uint8 to float64, not 64-bit integers). */
    number(type: number, what: string): number {
        const size = [1, 1, 2, 2, 4, 4, 4][type] ?? 8;
        this.need(size, what);
        const at = this.pos;
        this.pos += size;
        switch (type) {
            case 0: return this.buffer.readUInt8(at);
            case 1: return this.buffer.readInt8(at);
            case 2: return this.buffer.readUInt16LE(at);
            case 3: return this.buffer.readInt16LE(at);
            case 4: return this.buffer.readUInt32LE(at);
            case 5: return this.buffer.readInt32LE(at);
            case 6: return this.buffer.readFloatLE(at);
            default: return this.buffer.readDoubleLE(at);
        }
    }

    /** A count of things of at least `itemBytes` each, which must fit in what is left of the file. */
    count(what: string, itemBytes: number, things: string): number {
        const value = this.u64(what);
        const left = this.fileBytes - this.pos;
        if (value * Math.max(1, itemBytes) > left) throw new GgufFormatError(`${what} says ${value} ${things}, but only ${left} bytes follow it`);
        return value;
    }

    string(what: string, maxBytes = Number.MAX_SAFE_INTEGER): string {
        const length = this.stringLength(what, maxBytes);
        this.need(length, what);
        return this.bytes(length).toString("utf8");
    }

    skipString(what: string): void {
        this.skip(this.stringLength(what, Number.MAX_SAFE_INTEGER), what);
    }

    private stringLength(what: string, maxBytes: number): number {
        const length = this.u64(`the length of ${what}`);
        const left = this.fileBytes - this.pos;
        if (length > left) throw new GgufFormatError(`${what} says it is ${length} bytes long, more than the ${left} bytes left in the file`);
        if (length > maxBytes) throw new GgufFormatError(`${what} is ${length} bytes long; at most ${maxBytes} are allowed`);
        return length;
    }
}
