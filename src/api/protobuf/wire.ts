// The protobuf wire format: varints (64-bit, as two 32-bit halves), fixed32/fixed64, length-delimited
// fields, and skipping whatever a reader does not know. Reading never trusts a length: past the end of the
// buffer is a WireError, which callers turn into a value.

export const WireType = { varint: 0, fixed64: 1, bytes: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;
export type WireTypeNumber = 0 | 1 | 2 | 3 | 4 | 5;

/** Malformed input; thrown inside this module's callers only and caught at the decode entry points. */
export class WireError extends Error {}

const maxGroupDepth = 64;
const utf8 = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

/** A 64-bit varint as its low and high 32 bits (both unsigned). */
export interface Varint64 {
  lo: number;
  hi: number;
}

export class WireReader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  private byte(): number {
    if (this.pos >= this.end) throw new WireError("unexpected EOF");
    return this.buf[this.pos++];
  }

  /** A varint of up to 10 bytes, as Go reads it: bits past 64 are an overflow. */
  varint64(): Varint64 {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >> 4;
      } else {
        hi |= bits << (7 * i - 32); // the tenth byte keeps one bit; Go drops the rest silently too
      }
      if (b < 0x80) return { lo: lo >>> 0, hi: hi >>> 0 };
    }
    throw new WireError("integer overflow");
  }

  /** A tag, a length or an int32 field: the low 32 bits, unsigned. */
  uint32(): number {
    // Fast path for the common one- and two-byte varints.
    const p = this.pos;
    if (p + 1 < this.end) {
      const b0 = this.buf[p];
      if (b0 < 0x80) {
        this.pos = p + 1;
        return b0;
      }
      const b1 = this.buf[p + 1];
      if (b1 < 0x80) {
        this.pos = p + 2;
        return (b0 & 0x7f) | (b1 << 7);
      }
    }
    return this.varint64().lo;
  }

  int32(): number {
    return this.varint64().lo | 0;
  }

  /** An int64 as a JS number (exact up to 2^53, as JSON numbers are). */
  int64(): number {
    const { lo, hi } = this.varint64();
    return (hi | 0) * 0x1_0000_0000 + lo;
  }

  int64Big(): bigint {
    const { lo, hi } = this.varint64();
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
  }

  bool(): boolean {
    const { lo, hi } = this.varint64();
    return lo !== 0 || hi !== 0;
  }

  double(): number {
    if (this.end - this.pos < 8) throw new WireError("unexpected EOF");
    const value = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return value;
  }

  /** The content of a length-delimited field, as a view into the buffer. */
  bytes(): Uint8Array {
    const length = this.uint32();
    if (length > this.end - this.pos) throw new WireError("unexpected EOF");
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** A length-delimited field read as a nested message. */
  sub(): WireReader {
    const length = this.uint32();
    if (length > this.end - this.pos) throw new WireError("unexpected EOF");
    const reader = new WireReader(this.buf, this.pos, this.pos + length);
    this.pos += length;
    return reader;
  }

  /** A string: invalid UTF-8 becomes U+FFFD, as Go's JSON encoder writes it. */
  string(): string {
    return utf8.decode(this.bytes());
  }

  tag(): { field: number; wireType: WireTypeNumber } {
    const tag = this.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 0) throw new WireError(`illegal tag 0 (wire type ${wireType})`);
    if (wireType > 5) throw new WireError(`illegal wire type ${wireType} for field ${field}`);
    return { field, wireType: wireType as WireTypeNumber };
  }

  /** Skips one field's value whose tag was just read. */
  skip(wireType: WireTypeNumber, field = 0, depth = 0): void {
    switch (wireType) {
      case WireType.varint:
        this.varint64();
        return;
      case WireType.fixed64:
        this.advance(8);
        return;
      case WireType.fixed32:
        this.advance(4);
        return;
      case WireType.bytes:
        this.advance(this.uint32());
        return;
      case WireType.startGroup: {
        if (depth >= maxGroupDepth) throw new WireError("groups nested too deeply");
        for (;;) {
          const next = this.tag();
          if (next.wireType === WireType.endGroup) {
            if (next.field !== field) throw new WireError(`end of group ${next.field} does not close group ${field}`);
            return;
          }
          this.skip(next.wireType, next.field, depth + 1);
        }
      }
      case WireType.endGroup:
        throw new WireError(`unexpected end of group ${field}`);
    }
  }

  private advance(n: number): void {
    if (n > this.end - this.pos) throw new WireError("unexpected EOF");
    this.pos += n;
  }
}

export class WireWriter {
  private buf: Uint8Array;
  private len = 0;

  /** `capacity`: the bytes to start with (the buffer doubles as needed). */
  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** The bytes written (a view: the writer is done with once finished). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** An unsigned varint from two 32-bit halves. */
  varint64(lo: number, hi: number): this {
    this.reserve(10);
    lo >>>= 0;
    hi >>>= 0;
    while (hi !== 0 || lo > 0x7f) {
      this.buf[this.len++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buf[this.len++] = lo;
    return this;
  }

  uint32(value: number): this {
    return this.varint64(value >>> 0, 0);
  }

  /** An int32: negative values are sign-extended to ten bytes, as Go writes them. */
  int32(value: number): this {
    return this.varint64(value >>> 0, value < 0 ? 0xffffffff : 0);
  }

  /** An int64 from a JS integer, two's complement when negative. */
  int64(value: number): this {
    if (value >= 0 && value <= 0xffffffff) return this.varint64(value, 0);
    return this.int64Big(BigInt(Math.trunc(value)));
  }

  int64Big(value: bigint): this {
    const u = BigInt.asUintN(64, value);
    return this.varint64(Number(u & 0xffffffffn), Number(u >> 32n));
  }

  bool(value: boolean): this {
    return this.varint64(value ? 1 : 0, 0);
  }

  double(value: number): this {
    this.reserve(8);
    new DataView(this.buf.buffer, this.len, 8).setFloat64(0, value, true);
    this.len += 8;
    return this;
  }

  tag(field: number, wireType: WireTypeNumber): this {
    return this.uint32(((field << 3) | wireType) >>> 0);
  }

  bytes(value: Uint8Array): this {
    return this.uint32(value.length).raw(value);
  }

  string(value: string): this {
    const start = this.begin();
    this.reserve(value.length * 3);
    this.len += utf8Encoder.encodeInto(value, this.buf.subarray(this.len)).written;
    return this.end(start);
  }

  /**
   * Starts a length-delimited value written in place (a nested message, a string): one byte is kept for its
   * length, which end() fills in, moving the content when the length needs more bytes. No writer per message.
   */
  begin(): number {
    this.reserve(1);
    return this.len++;
  }

  end(start: number): this {
    const size = this.len - start - 1;
    let extra = 0;
    for (let rest = size >>> 7; rest > 0; rest >>>= 7) extra++;
    if (extra > 0) {
      this.reserve(extra);
      this.buf.copyWithin(start + 1 + extra, start + 1, this.len);
      this.len += extra;
    }
    let at = start;
    let rest = size;
    while (rest > 0x7f) {
      this.buf[at++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.buf[at] = rest;
    return this;
  }
}
