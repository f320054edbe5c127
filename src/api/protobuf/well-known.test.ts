import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeMessage, encodeMessage } from "./codec.ts";
import { formatDuration, parseDuration } from "./well-known.ts";
import { WireType, WireWriter } from "./wire.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

const special = z.object({
  time: z.string().meta({ proto: 1, protoType: "Time" }).optional(),
  micro: z.string().meta({ proto: 2, protoType: "MicroTime" }).optional(),
  duration: z.string().meta({ proto: 3, protoType: "Duration" }).optional(),
  quantity: z.union([z.string(), z.number()]).meta({ proto: 4, protoType: "Quantity" }).optional(),
  port: z.union([z.number().int(), z.string()]).meta({ proto: 5, protoType: "IntOrString" }).optional(),
  raw: z.unknown().meta({ proto: 6, protoType: "RawExtension" }).optional(),
  bytes: z.string().meta({ proto: 7, protoType: "bytes" }).optional(),
  times: z.array(z.string()).meta({ proto: 8, protoType: "Time" }).optional(),
  limits: z.record(z.string(), z.union([z.string(), z.number()]).meta({ protoType: "Quantity" })).meta({ proto: 9 }).optional(),
});

const decode = (bytes: Uint8Array) => decodeMessage(bytes, special);
const roundTrip = (json: Record<string, unknown>) => expect(decode(encodeMessage(json, special))).toEqual({ ok: true, value: json });

describe("Time and MicroTime", () => {
  it("carries seconds and nanoseconds, both always written", () => {
    const bytes = encodeMessage({ time: "2024-02-29T12:34:56Z" }, special);
    expect(hex(bytes)).toBe(`0a08` + `08` + hex(new WireWriter().int64(1709210096).finish()) + `1000`);
    roundTrip({ time: "2024-02-29T12:34:56Z", micro: "2024-02-29T12:34:56.123456Z" });
  });

  it("writes Time in UTC to the second and MicroTime with six digits", () => {
    const bytes = encodeMessage({ time: "2024-01-01T01:00:00.9+01:00", micro: "2024-01-01T00:00:00.5Z" }, special);
    expect(decode(bytes)).toEqual({ ok: true, value: { time: "2024-01-01T00:00:00Z", micro: "2024-01-01T00:00:00.500000Z" } });
  });

  it("reads times before 1970 (negative seconds, ten-byte varints)", () => {
    roundTrip({ time: "1969-12-31T23:59:59Z", times: ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"] });
  });

  it("reads an empty Time message as Go's zero time: absent", () => {
    const bytes = new WireWriter().tag(1, WireType.bytes).bytes(new Uint8Array(0)).finish();
    expect(decode(bytes)).toEqual({ ok: true, value: {} });
  });

  it("refuses a year Go cannot write", () => {
    const inner = new WireWriter().tag(1, WireType.varint).int64(400_000_000_000).finish();
    const result = decode(new WireWriter().tag(1, WireType.bytes).bytes(inner).finish());
    expect(result).toEqual({ ok: false, error: "Time.MarshalJSON: year outside of range [0,9999]" });
  });
});

describe("Duration", () => {
  it("formats nanoseconds as Go's time.Duration does", () => {
    const cases: [bigint, string][] = [
      [0n, "0s"],
      [1n, "1ns"],
      [1100n, "1.1µs"],
      [2_200_000n, "2.2ms"],
      [3_300_000_000n, "3.3s"],
      [245_000_000_000n, "4m5s"],
      [3_600_000_000_000n, "1h0m0s"],
      [-3_600_000_000_000n, "-1h0m0s"],
      [18_367_001_000_000n, "5h6m7.001s"],
      [480_000_000_001n, "8m0.000000001s"],
      [9223372036854775807n, "2562047h47m16.854775807s"],
    ];
    for (const [ns, text] of cases) {
      expect(formatDuration(ns)).toBe(text);
      expect(parseDuration(text)).toBe(ns);
    }
  });

  it("parses what time.ParseDuration accepts", () => {
    expect(parseDuration("1.5h")).toBe(5_400_000_000_000n);
    expect(parseDuration("1h30m")).toBe(5_400_000_000_000n);
    expect(parseDuration(".5s")).toBe(500_000_000n);
    expect(parseDuration("300us")).toBe(300_000n);
    expect(parseDuration("0")).toBe(0n);
    for (const bad of ["", "1", "h", "1x", "--1s", "1.s.", "."]) expect(() => parseDuration(bad)).toThrow();
  });

  it("is an int64 of nanoseconds on the wire", () => {
    expect(hex(encodeMessage({ duration: "1s" }, special))).toBe("1a0608" + hex(new WireWriter().int64(1e9).finish()));
    roundTrip({ duration: "1m30s" });
  });
});

describe("Quantity and IntOrString", () => {
  it("carries a quantity as its string; numbers become strings", () => {
    expect(hex(encodeMessage({ quantity: "500m" }, special))).toBe("2206" + "0a04" + hex(new TextEncoder().encode("500m")));
    expect(decode(encodeMessage({ quantity: 2 }, special))).toEqual({ ok: true, value: { quantity: "2" } });
    roundTrip({ limits: { cpu: "1", memory: "1Gi" } });
  });

  it("writes type, intVal and strVal always, as Go does", () => {
    expect(hex(encodeMessage({ port: 8080 }, special))).toBe("2a07" + "0800" + "10903f" + "1a00");
    expect(hex(encodeMessage({ port: "http" }, special))).toBe("2a0a" + "0801" + "1000" + "1a0468747470");
    roundTrip({ port: 0 });
    roundTrip({ port: "" });
    roundTrip({ port: -1 });
  });
});

describe("RawExtension and bytes", () => {
  it("embeds JSON in raw", () => {
    roundTrip({ raw: { apiVersion: "v1", kind: "X", list: [1, "two", null, { nested: true }] } });
    roundTrip({ raw: "just a string" });
  });

  it("refuses raw bytes that are not JSON", () => {
    const inner = new WireWriter().tag(1, WireType.bytes).string("{not json").finish();
    const result = decode(new WireWriter().tag(6, WireType.bytes).bytes(inner).finish());
    expect(result.ok).toBe(false);
  });

  it("carries bytes as base64 in JSON", () => {
    expect(hex(encodeMessage({ bytes: "AAH+/w==" }, special))).toBe("3a040001feff");
    roundTrip({ bytes: "AAH+/w==" });
    roundTrip({ bytes: "" });
  });
});
