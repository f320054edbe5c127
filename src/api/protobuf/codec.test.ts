import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeMessage, EncodeError, encodeMessage } from "./codec.ts";
import { WireType, WireWriter } from "./wire.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

const item = z
  .object({
    name: z.string().meta({ proto: 1 }),
    weight: z.number().meta({ proto: 2 }).optional(),
  })
  .meta({ definition: "test.Item" });

const sample = z.object({
  title: z.string().meta({ proto: 1 }).optional(),
  count: z.number().int().meta({ proto: 2 }).optional(),
  big: z.number().int().meta({ proto: 3, protoType: "int64" }).optional(),
  on: z.boolean().meta({ proto: 4 }).optional(),
  tags: z.array(z.string()).meta({ proto: 5 }).optional(),
  scores: z.array(z.number().int()).meta({ proto: 6 }).optional(),
  labels: z.record(z.string(), z.string()).meta({ proto: 7 }).optional(),
  blobs: z.record(z.string(), z.string()).meta({ proto: 8, protoType: "bytes" }).optional(),
  child: item.meta({ proto: 9 }).optional(),
  children: z.array(item).meta({ proto: 10 }).optional(),
  byName: z.record(z.string(), item).meta({ proto: 11 }).optional(),
  mode: z.enum(["A", "B"]).meta({ proto: 12 }).optional(),
  notOnTheWire: z.string().optional(),
  nullable: z.string().nullable().optional().meta({ proto: 13 }),
  withDefault: z.string().default("x").meta({ proto: 14 }),
});

function roundTrip(schema: z.ZodType, json: Record<string, unknown>) {
  const bytes = encodeMessage(json, schema);
  const back = decodeMessage(bytes, schema);
  expect(back).toEqual({ ok: true, value: json });
  return bytes;
}

describe("the generic codec", () => {
  it("round-trips scalars, lists, maps and messages", () => {
    roundTrip(sample, {
      title: "t",
      count: -7,
      big: 2 ** 40,
      on: false,
      tags: ["a", "", "b"],
      scores: [1, -1, 300],
      labels: { b: "2", a: "", "ü": "x" },
      blobs: { k: "AAH+/w==", empty: "" },
      child: { name: "one", weight: 0.25 },
      children: [{ name: "x" }, { name: "" }],
      byName: { first: { name: "f" } },
      mode: "B",
      nullable: "n",
      withDefault: "d",
    });
  });

  it("writes fields in number order and map entries sorted by key, as Go does", () => {
    const bytes = encodeMessage({ count: 1, title: "t", labels: { b: "2", a: "1" } }, sample);
    expect(hex(bytes)).toBe(["0a0174", "1001", "3a060a0161120131", "3a060a0162120132"].join(""));
  });

  it("leaves out absent and null fields, and fields without a number", () => {
    expect(encodeMessage({ title: undefined, nullable: null, notOnTheWire: "x" }, sample)).toEqual(new Uint8Array(0));
  });

  it("reads repeated numbers packed and unpacked", () => {
    const w = new WireWriter();
    w.tag(6, WireType.varint).int32(1);
    const packed = new WireWriter().int32(2).int32(-3).finish();
    w.tag(6, WireType.bytes).bytes(packed);
    w.tag(6, WireType.varint).int32(4);
    expect(decodeMessage(w.finish(), sample)).toEqual({ ok: true, value: { scores: [1, 2, -3, 4] } });
  });

  it("gives a map entry without key or value their zero values", () => {
    const w = new WireWriter();
    w.tag(7, WireType.bytes).bytes(new WireWriter().tag(2, WireType.bytes).string("v").finish());
    w.tag(7, WireType.bytes).bytes(new WireWriter().tag(1, WireType.bytes).string("k").finish());
    w.tag(11, WireType.bytes).bytes(new WireWriter().tag(1, WireType.bytes).string("m").finish());
    expect(decodeMessage(w.finish(), sample)).toEqual({ ok: true, value: { labels: { "": "v", k: "" }, byName: { m: {} } } });
  });

  it("skips field numbers the schema does not know, of every wire type", () => {
    const w = new WireWriter();
    w.tag(99, WireType.varint).uint32(1);
    w.tag(98, WireType.fixed64).double(1);
    w.tag(97, WireType.bytes).string("zzz");
    w.tag(96, WireType.fixed32).raw(Uint8Array.of(0, 0, 0, 0));
    w.tag(95, WireType.startGroup).tag(1, WireType.varint).uint32(5).tag(95, WireType.endGroup);
    w.tag(1, WireType.bytes).string("kept");
    expect(decodeMessage(w.finish(), sample)).toEqual({ ok: true, value: { title: "kept" } });
  });

  it("merges a message field that appears twice, and keeps the last scalar", () => {
    const w = new WireWriter();
    w.tag(9, WireType.bytes).bytes(new WireWriter().tag(1, WireType.bytes).string("a").finish());
    w.tag(9, WireType.bytes).bytes(new WireWriter().tag(2, WireType.fixed64).double(2).finish());
    w.tag(1, WireType.bytes).string("first").tag(1, WireType.bytes).string("second");
    expect(decodeMessage(w.finish(), sample)).toEqual({ ok: true, value: { child: { name: "a", weight: 2 }, title: "second" } });
  });

  it("decodes exactly what is present, empty strings included, unless asked to omit them", () => {
    const bytes = new WireWriter().tag(1, WireType.bytes).string("").tag(2, WireType.varint).int32(0).finish();
    expect(decodeMessage(bytes, sample)).toEqual({ ok: true, value: { title: "", count: 0 } });
    expect(decodeMessage(bytes, sample, { omitEmpty: true })).toEqual({ ok: true, value: { count: 0 } });
  });

  it("leaves out the zero of a field marked omitEmpty, and keeps the zero of one that is not", () => {
    const goLike = z.object({
      plain: z.number().int().meta({ proto: 1, omitEmpty: true }).optional(),
      flag: z.boolean().meta({ proto: 2, omitEmpty: true }).optional(),
      pointer: z.number().int().meta({ proto: 3 }).optional(),
      pointerFlag: z.boolean().meta({ proto: 4 }).optional(),
    });
    const zeros = new WireWriter().tag(1, WireType.varint).int32(0).tag(2, WireType.varint).bool(false).tag(3, WireType.varint).int32(0).tag(4, WireType.varint).bool(false).finish();
    expect(decodeMessage(zeros, goLike, { omitEmpty: true })).toEqual({ ok: true, value: { pointer: 0, pointerFlag: false } });
    expect(decodeMessage(zeros, goLike)).toEqual({ ok: true, value: { plain: 0, flag: false, pointer: 0, pointerFlag: false } });
    const set = new WireWriter().tag(1, WireType.varint).int32(7).tag(2, WireType.varint).bool(true).finish();
    expect(decodeMessage(set, goLike, { omitEmpty: true })).toEqual({ ok: true, value: { plain: 7, flag: true } });
  });

  it("refuses omitEmpty on a field that is not a bool or a number", () => {
    const wrong = z.object({ name: z.string().meta({ proto: 1, omitEmpty: true }).optional() });
    expect(decodeMessage(new Uint8Array(0), wrong)).toEqual({ ok: false, error: "schema: message.name: omitEmpty is for a bool or a number" });
  });

  it("answers a wire type that does not fit the field with an error value", () => {
    const bytes = new WireWriter().tag(1, WireType.varint).uint32(1).finish();
    expect(decodeMessage(bytes, sample)).toEqual({ ok: false, error: "wrong wireType = 0 for field title" });
  });

  it("answers truncated input with an error value", () => {
    const bytes = encodeMessage({ title: "hello", child: { name: "x" } }, sample);
    for (let n = 1; n < bytes.length; n++) {
      const result = decodeMessage(bytes.subarray(0, n), sample);
      if (!result.ok) expect(result.error).toMatch(/unexpected EOF|illegal|wrong wireType/);
    }
    expect(decodeMessage(bytes.subarray(0, bytes.length - 1), sample).ok).toBe(false);
  });

  it("refuses to encode a value of the wrong type", () => {
    expect(() => encodeMessage({ count: "1" }, sample)).toThrow(EncodeError);
    expect(() => encodeMessage({ count: 2 ** 31 }, sample)).toThrow("count: expected an int32");
    expect(() => encodeMessage({ tags: "a" }, sample)).toThrow("tags: expected an array");
    expect(() => encodeMessage({ children: [{ name: 1 }] }, sample)).toThrow("children[0].name: expected a string");
  });
});

describe("schemas the codec cannot read", () => {
  it("names a numbered union without a protoType", () => {
    const bad = z.object({ v: z.union([z.string(), z.number()]).meta({ proto: 1 }) }).meta({ definition: "test.Bad" });
    expect(decodeMessage(new Uint8Array(0), bad)).toEqual({ ok: false, error: "schema: test.Bad.v: a union needs a protoType to say its wire form" });
    expect(() => encodeMessage({}, bad)).toThrow("a union needs a protoType");
  });

  it("names two fields with one number", () => {
    const bad = z.object({ a: z.string().meta({ proto: 1 }), b: z.string().meta({ proto: 1 }) });
    expect(decodeMessage(new Uint8Array(0), bad)).toEqual({ ok: false, error: "schema: message: fields a and b both have number 1" });
  });

  it("reads a union of strings as a string, and an unknown value only with a protoType", () => {
    const ok = z.object({ v: z.union([z.literal("a"), z.string()]).meta({ proto: 1 }), j: z.unknown().meta({ proto: 2, protoType: "JSON" }) });
    roundTrip(ok, { v: "a", j: { any: ["json", 1, null] } });
    const bad = z.object({ j: z.unknown().meta({ proto: 2 }) });
    expect(decodeMessage(new Uint8Array(0), bad).ok).toBe(false);
  });

  it("follows a recursive schema", () => {
    type Node = { name?: string; children?: Node[] };
    const node: z.ZodType<Node> = z.lazy(() =>
      z.object({ name: z.string().meta({ proto: 1 }).optional(), children: z.array(node).meta({ proto: 2 }).optional() }),
    );
    roundTrip(z.object({ root: node.meta({ proto: 1 }) }), { root: { name: "a", children: [{ name: "b", children: [{ name: "c" }] }] } });
  });
});

describe("embedded structs JSON flattens (inline)", () => {
  const handler = { proto: 1, definition: "test.Handler", fields: ["exec", "port"] };
  const probe = z
    .object({
      exec: z.object({ command: z.array(z.string()).meta({ proto: 1 }) }).meta({ proto: 1 }).optional(),
      port: z.number().int().meta({ proto: 2 }).optional(),
      delay: z.number().int().meta({ proto: 2 }).optional(),
      period: z.number().int().meta({ proto: 3 }).optional(),
    })
    .meta({ definition: "test.Probe", inline: [handler] });

  it("nests the listed fields in their own message, written always, and flattens them back", () => {
    const bytes = encodeMessage({ exec: { command: ["true"] }, port: 80, delay: 5 }, probe);
    // Handler = 1 {exec = 1 {command = 1}, port = 2}, then delay = 2.
    expect(hex(bytes)).toBe("0a0a" + "0a060a0474727565" + "1050" + "1005");
    roundTrip(probe, { exec: { command: ["true"] }, port: 80, delay: 5, period: 1 });
    expect(hex(encodeMessage({ delay: 1 }, probe))).toBe("0a00" + "1001");
  });

  it("refuses an inline field number taken by another field", () => {
    const bad = z.object({ a: z.string().meta({ proto: 1 }) }).meta({ inline: [{ proto: 1, definition: "test.X", fields: [] }] });
    expect(decodeMessage(new Uint8Array(0), bad)).toEqual({ ok: false, error: "schema: message: fields a and test.X both have number 1" });
  });
});

describe("map keys", () => {
  it("are sorted as Go sorts them, by UTF-8 bytes", () => {
    const schema = z.object({ m: z.record(z.string(), z.string()).meta({ proto: 1 }) });
    const bytes = encodeMessage({ m: { "\u{1F600}": "", "\uFF00": "", b: "", a: "" } }, schema);
    const decoded = decodeMessage(bytes, schema);
    expect(decoded.ok && Object.keys(decoded.value.m as object)).toEqual(["a", "b", "\uFF00", "\u{1F600}"]);
  });
});

describe("hostile map keys", () => {
  it("keeps __proto__ as an ordinary key", () => {
    const schema = z.object({ m: z.record(z.string(), z.string()).meta({ proto: 1 }) });
    const decoded = decodeMessage(encodeMessage({ m: JSON.parse('{"__proto__":"x","a":"b"}') }, schema), schema);
    if (!decoded.ok) throw new Error(decoded.error);
    const m = decoded.value.m as Record<string, string>;
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    expect(Object.keys(m)).toEqual(["__proto__", "a"]);
    expect(JSON.stringify(m)).toBe('{"__proto__":"x","a":"b"}');
  });
});

describe("a user's extra attributes (map<string, ExtraValue>)", () => {
  it("round-trips as {items: repeated string = 1} per key, as kube writes them", () => {
    const schema = z.object({ extra: z.record(z.string(), z.array(z.string())).meta({ proto: 5, protoType: "StringList" }).optional() });
    const json = { extra: { "scopes.example.com": ["read", "write"], empty: [] } };
    const bytes = encodeMessage(json, schema);
    // One map entry per key, sorted: {key = 1, value = 2: {items = 1 ...}}.
    const entry = (key: string, items: string[]) => {
      const value = new WireWriter();
      for (const item of items) value.tag(1, WireType.bytes).string(item);
      return new WireWriter().tag(1, WireType.bytes).string(key).tag(2, WireType.bytes).bytes(value.finish()).finish();
    };
    const expected = new WireWriter().tag(5, WireType.bytes).bytes(entry("empty", [])).tag(5, WireType.bytes).bytes(entry("scopes.example.com", ["read", "write"])).finish();
    expect(bytes).toEqual(expected);
    expect(decodeMessage(bytes, schema, { omitEmpty: true })).toEqual({ ok: true, value: json });
  });
});
