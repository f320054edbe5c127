// A small protobuf (proto3) writer: varints, strings, booleans and nested messages, with proto3's rule that
// default values (empty string, false, 0) are not written. Everything goes into one growing buffer; a nested
// message is written in place and then moved up to make room for its length, which keeps the encoding
// canonical (shortest varints) without a second pass.

const utf8 = new TextEncoder();

const WireType = { Varint: 0, LengthDelimited: 2 } as const;
type WireType = (typeof WireType)[keyof typeof WireType];

function varintSize(value: number): number {
  let size = 1;
  for (let v = value; v > 0x7f; v = Math.floor(v / 128)) size++;
  return size;
}

export class ProtoWriter {
  private buf = new Uint8Array(1 << 16);
  private pos = 0;

  /** A string field; skipped when empty. */
  string(field: number, value: string | undefined): this {
    if (!value) return this;
    this.tag(field, WireType.LengthDelimited);
    this.stringBody(value);
    return this;
  }

  /** Each string of a repeated field, in order (empty strings included, as repeated fields keep them). */
  strings(field: number, values: readonly string[] | undefined): this {
    for (const value of values ?? []) {
      this.tag(field, WireType.LengthDelimited);
      this.stringBody(value);
    }
    return this;
  }

  bool(field: number, value: boolean | undefined): this {
    if (!value) return this;
    this.tag(field, WireType.Varint);
    this.varint(1);
    return this;
  }

  /** A non-negative integer field; skipped when 0. */
  uint(field: number, value: number | undefined): this {
    if (!value) return this;
    this.tag(field, WireType.Varint);
    this.varint(value);
    return this;
  }

  /** A nested message field, written by `write`; present even when the message is empty. */
  message(field: number, write: (inner: ProtoWriter) => void): this {
    this.tag(field, WireType.LengthDelimited);
    const start = this.pos;
    write(this);
    this.prefixLength(start);
    return this;
  }

  /** The written bytes. */
  finish(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.pos);
  }

  private tag(field: number, wireType: WireType): void {
    this.varint(field * 8 + wireType);
  }

  private varint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v > 0x7f) {
      this.buf[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }

  private stringBody(value: string): void {
    let ascii = true;
    for (let i = 0; i < value.length && ascii; i++) ascii = value.charCodeAt(i) < 0x80;
    if (ascii) {
      this.varint(value.length);
      this.ensure(value.length);
      for (let i = 0; i < value.length; i++) this.buf[this.pos++] = value.charCodeAt(i);
      return;
    }
    const bytes = utf8.encode(value);
    this.varint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Moves what was written since `start` up to put its length, as a varint, in front of it. */
  private prefixLength(start: number): void {
    const length = this.pos - start;
    const size = varintSize(length);
    this.ensure(size);
    this.buf.copyWithin(start + size, start, this.pos);
    const end = this.pos + size;
    this.pos = start;
    this.varint(length);
    this.pos = end;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }
}
