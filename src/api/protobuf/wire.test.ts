import { describe, expect, it } from "vitest";
import { WireError, WireReader, WireType, WireWriter } from "./wire.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, "hex"));

describe("varints", () => {
  it("writes unsigned values in base-128 groups, low first", () => {
    expect(hex(new WireWriter().uint32(0).finish())).toBe("00");
    expect(hex(new WireWriter().uint32(127).finish())).toBe("7f");
    expect(hex(new WireWriter().uint32(128).finish())).toBe("8001");
    expect(hex(new WireWriter().uint32(300).finish())).toBe("ac02");
    expect(hex(new WireWriter().uint32(0xffffffff).finish())).toBe("ffffffff0f");
  });

  it("writes a negative int32 as ten bytes of two's complement, as Go does", () => {
    expect(hex(new WireWriter().int32(-1).finish())).toBe("ffffffffffffffffff01");
    expect(hex(new WireWriter().int32(-2147483648).finish())).toBe("80808080f8ffffffff01");
    expect(new WireReader(fromHex("ffffffffffffffffff01")).int32()).toBe(-1);
    expect(new WireReader(fromHex("80808080f8ffffffff01")).int32()).toBe(-2147483648);
  });

  it("round-trips int32 and int64 across their ranges", () => {
    for (const v of [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 150, -150]) {
      expect(new WireReader(new WireWriter().int32(v).finish()).int32()).toBe(v);
    }
    for (const v of [0, 1, -1, 2 ** 32, 2 ** 53 - 1, -(2 ** 53) + 1, -(2 ** 40), 1_700_000_000, -62135596800]) {
      expect(new WireReader(new WireWriter().int64(v).finish()).int64()).toBe(v);
    }
    for (const v of [0n, -1n, 9223372036854775807n, -9223372036854775808n]) {
      expect(new WireReader(new WireWriter().int64Big(v).finish()).int64Big()).toBe(v);
    }
  });

  it("reads an int32 from the low 32 bits of a longer varint, as Go does", () => {
    expect(new WireReader(new WireWriter().int64(2 ** 32 + 5).finish()).int32()).toBe(5);
  });

  it("rejects a truncated varint and one longer than ten bytes", () => {
    expect(() => new WireReader(fromHex("80")).uint32()).toThrow(WireError);
    expect(() => new WireReader(fromHex("ffffffffffffffffffff01")).varint64()).toThrow("integer overflow");
  });

  it("reads bools as any non-zero varint", () => {
    expect(new WireReader(fromHex("00")).bool()).toBe(false);
    expect(new WireReader(fromHex("01")).bool()).toBe(true);
    expect(new WireReader(fromHex("8001")).bool()).toBe(true);
  });
});

describe("fields", () => {
  it("writes tags as (number << 3) | wire type", () => {
    expect(hex(new WireWriter().tag(1, WireType.bytes).finish())).toBe("0a");
    expect(hex(new WireWriter().tag(17, WireType.bytes).finish())).toBe("8a01");
    const { field, wireType } = new WireReader(fromHex("8a01")).tag();
    expect([field, wireType]).toEqual([17, 2]);
  });

  it("refuses tag 0 and wire types 6 and 7", () => {
    expect(() => new WireReader(fromHex("00")).tag()).toThrow("illegal tag 0");
    expect(() => new WireReader(fromHex("0e")).tag()).toThrow("illegal wire type 6");
  });

  it("reads length-delimited strings and bytes, refusing lengths past the end", () => {
    const w = new WireWriter().string("héllo").bytes(Uint8Array.of(0, 255));
    const r = new WireReader(w.finish());
    expect(r.string()).toBe("héllo");
    expect([...r.bytes()]).toEqual([0, 255]);
    expect(r.done).toBe(true);
    expect(() => new WireReader(fromHex("0561")).bytes()).toThrow("unexpected EOF");
  });

  it("reads doubles as little-endian fixed64", () => {
    const bytes = new WireWriter().double(1.5).finish();
    expect(hex(bytes)).toBe("000000000000f83f");
    expect(new WireReader(bytes).double()).toBe(1.5);
    expect(() => new WireReader(bytes.subarray(0, 7)).double()).toThrow(WireError);
  });

  it("skips every wire type, groups included, and stops at the end of what it skips", () => {
    const w = new WireWriter();
    w.tag(1, WireType.varint).int32(-5);
    w.tag(2, WireType.fixed64).double(2.5);
    w.tag(3, WireType.bytes).string("skip me");
    w.tag(4, WireType.fixed32).raw(Uint8Array.of(1, 2, 3, 4));
    w.tag(5, WireType.startGroup).tag(6, WireType.varint).uint32(1).tag(5, WireType.endGroup);
    w.tag(9, WireType.varint).uint32(42);
    const r = new WireReader(w.finish());
    for (let i = 0; i < 5; i++) {
      const { field, wireType } = r.tag();
      r.skip(wireType, field);
    }
    expect(r.tag().field).toBe(9);
    expect(r.uint32()).toBe(42);
  });

  it("refuses truncated skips and unbalanced groups", () => {
    expect(() => new WireReader(fromHex("0102")).skip(WireType.fixed64)).toThrow("unexpected EOF");
    expect(() => new WireReader(fromHex("0102")).skip(WireType.fixed32)).toThrow("unexpected EOF");
    expect(() => new WireReader(fromHex("2c")).skip(WireType.startGroup, 4)).toThrow("does not close group 4");
    expect(() => new WireReader(fromHex("")).skip(WireType.endGroup, 4)).toThrow("unexpected end of group");
    const deep = new Uint8Array(200).fill(0x0b); // field 1, start group, forever
    expect(() => new WireReader(deep).skip(WireType.startGroup, 1)).toThrow(WireError);
  });

  it("reads a nested message through a bounded sub-reader", () => {
    const inner = new WireWriter().tag(1, WireType.varint).uint32(7).finish();
    const outer = new WireWriter().tag(2, WireType.bytes).bytes(inner).tag(3, WireType.varint).uint32(8).finish();
    const r = new WireReader(outer);
    r.tag();
    const sub = r.sub();
    expect(sub.tag().field).toBe(1);
    expect(sub.uint32()).toBe(7);
    expect(sub.done).toBe(true);
    expect(r.tag().field).toBe(3);
  });

  it("grows its buffer for large values", () => {
    const big = new Uint8Array(100_000).fill(7);
    const out = new WireWriter().bytes(big).finish();
    expect(out.length).toBe(100_003);
    expect(new WireReader(out).bytes()).toEqual(big);
  });
});

describe("length-delimited values written in place", () => {
  it("prefixes each nested value with its length, moving the content when the length takes more bytes", () => {
    for (const size of [0, 1, 127, 128, 300, 16383, 16384, 70000]) {
      const content = new Uint8Array(size).map((_, i) => i % 251);
      const w = new WireWriter(8);
      w.tag(1, WireType.varint).uint32(7).tag(2, WireType.bytes);
      const start = w.begin();
      w.raw(content);
      w.end(start);
      w.tag(3, WireType.bytes).string("é".repeat(size % 200));
      const expected = new WireWriter().tag(1, WireType.varint).uint32(7).tag(2, WireType.bytes).bytes(content).tag(3, WireType.bytes).bytes(new TextEncoder().encode("é".repeat(size % 200))).finish();
      expect(w.finish()).toEqual(expected);
    }
  });

  it("nests: an outer length counts the inner value's prefix", () => {
    const w = new WireWriter();
    w.tag(1, WireType.bytes);
    const outer = w.begin();
    w.tag(2, WireType.bytes);
    const inner = w.begin();
    w.raw(new Uint8Array(200).fill(9));
    w.end(inner);
    w.end(outer);
    const innerBytes = new WireWriter().tag(2, WireType.bytes).bytes(new Uint8Array(200).fill(9)).finish();
    expect(w.finish()).toEqual(new WireWriter().tag(1, WireType.bytes).bytes(innerBytes).finish());
  });
});
