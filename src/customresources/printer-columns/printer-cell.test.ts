import { describe, expect, it } from "vitest";
import { GoNumber } from "./go-values.ts";
import { dateCell, goHumanDuration, parseRfc3339, printerCell } from "./printer-cell.ts";

const now = new Date("2025-01-01T00:00:00Z");

describe("printerCell", () => {
  it("prints string columns as jsonpath does: JSON for maps and lists, <no value> for null", () => {
    expect(printerCell("string", "nginx:1.27", now)).toBe("nginx:1.27");
    expect(printerCell("string", 3, now)).toBe("3");
    expect(printerCell("string", 1234567.5, now)).toBe("1.2345675e+06");
    expect(printerCell("string", true, now)).toBe("true");
    expect(printerCell("string", null, now)).toBe("<no value>");
    expect(printerCell("string", { tier: "web", app: "<x>" }, now)).toBe('{"app":"\\u003cx\\u003e","tier":"web"}');
    expect(printerCell("string", ["a", 1], now)).toBe('["a",1]');
    expect(printerCell("string", new GoNumber("int", 7), now)).toBe("7");
  });

  it("keeps integers, truncating floats; anything else is null", () => {
    expect(printerCell("integer", 3, now)).toBe(3);
    expect(printerCell("integer", 2.7, now)).toBe(2);
    expect(printerCell("integer", -2.7, now)).toBe(-2);
    expect(printerCell("integer", "3", now)).toBeNull();
    expect(printerCell("integer", true, now)).toBeNull();
    expect(printerCell("integer", null, now)).toBeNull();
    expect(printerCell("integer", { a: 1 }, now)).toBeNull();
    // A path's int literal is a Go int, which kube's conversion does not take; a float literal is a float64.
    expect(printerCell("integer", new GoNumber("int", 3), now)).toBeNull();
    expect(printerCell("integer", new GoNumber("float", 2.5), now)).toBe(2);
  });

  it("keeps numbers and booleans of their type only", () => {
    expect(printerCell("number", 3, now)).toBe(3);
    expect(printerCell("number", 0.25, now)).toBe(0.25);
    expect(printerCell("number", "0.25", now)).toBeNull();
    expect(printerCell("number", new GoNumber("int", 3), now)).toBeNull();
    expect(printerCell("boolean", false, now)).toBe(false);
    expect(printerCell("boolean", "true", now)).toBeNull();
    expect(printerCell("boolean", 1, now)).toBeNull();
    expect(printerCell("object", { a: 1 }, now)).toBeNull();
  });

  it("turns date columns into an age; non-strings are null", () => {
    expect(printerCell("date", "2024-12-31T23:55:00Z", now)).toBe("5m");
    expect(printerCell("date", 1735689600, now)).toBeNull();
    expect(printerCell("date", null, now)).toBeNull();
  });
});

describe("dateCell", () => {
  it("prints kube's HumanDuration of the time since", () => {
    expect(dateCell("2024-12-31T23:59:58.5Z", now)).toBe("1s");
    expect(dateCell("2024-12-31T23:58:30Z", now)).toBe("90s");
    expect(dateCell("2024-12-31T23:54:30Z", now)).toBe("5m30s");
    expect(dateCell("2024-12-31T21:30:00Z", now)).toBe("150m");
    expect(dateCell("2024-12-31T19:15:00Z", now)).toBe("4h45m");
    expect(dateCell("2024-12-29T21:00:00Z", now)).toBe("2d3h");
    expect(dateCell("2024-10-01T00:00:00Z", now)).toBe("92d");
    expect(dateCell("2021-12-01T00:00:00+01:00", now)).toBe("3y32d");
    expect(dateCell("1900-01-01T00:00:00Z", now)).toBe("125y");
    expect(dateCell("2025-01-01T01:00:00+01:00", now)).toBe("0s");
  });

  it("tolerates a clock a second ahead, and calls later times invalid", () => {
    expect(dateCell("2025-01-01T00:00:01Z", now)).toBe("0s");
    expect(dateCell("2025-01-01T00:00:05Z", now)).toBe("<invalid>");
  });

  it("answers <unknown> for empty, null and the zero time, <invalid> for what is not RFC 3339", () => {
    expect(dateCell("", now)).toBe("<unknown>");
    expect(dateCell("null", now)).toBe("<unknown>");
    expect(dateCell("0001-01-01T00:00:00Z", now)).toBe("<unknown>");
    expect(dateCell("0001-01-01T01:00:00+01:00", now)).toBe("<unknown>");
    expect(dateCell("yesterday", now)).toBe("<invalid>");
    expect(dateCell("2024-12-31", now)).toBe("<invalid>");
    expect(dateCell("2024-12-31 23:55:00Z", now)).toBe("<invalid>");
    expect(dateCell("2024-12-31t23:55:00z", now)).toBe("<invalid>");
    expect(dateCell("2024-02-30T00:00:00Z", now)).toBe("<invalid>");
    expect(dateCell("2024-12-31T24:00:00Z", now)).toBe("<invalid>");
  });
});

describe("parseRfc3339 and goHumanDuration", () => {
  it("parses what time.Parse(RFC3339) takes, fractions and offsets included", () => {
    expect(parseRfc3339("2024-02-29T12:00:00.123456789-05:30")?.ms).toBeCloseTo(Date.parse("2024-02-29T17:30:00.123Z") + 0.456789, 3);
    expect(parseRfc3339("2024-12-31T23:59:59,5Z")?.ms).toBe(Date.parse("2024-12-31T23:59:59.500Z"));
    expect(parseRfc3339("0099-01-01T00:00:00Z")?.ms).toBe(-59042995200000);
    expect(parseRfc3339("2023-02-29T00:00:00Z")).toBeUndefined();
  });

  it("saturates as time.Duration does, near 292 years", () => {
    expect(goHumanDuration(1e15)).toBe("292y");
    expect(goHumanDuration(-1e15)).toBe("<invalid>");
    expect(goHumanDuration(-1999)).toBe("0s");
  });
});
