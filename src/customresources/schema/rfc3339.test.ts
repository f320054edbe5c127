import { describe, expect, it } from "vitest";
import { parseRFC3339 } from "./rfc3339.ts";

describe("parseRFC3339", () => {
  it("re-encodes in UTC, whole seconds", () => {
    expect(parseRFC3339("2024-01-01T10:00:00Z")).toEqual({ ok: true, time: "2024-01-01T10:00:00Z" });
    expect(parseRFC3339("2024-01-01T00:30:00.123456+01:00")).toEqual({ ok: true, time: "2023-12-31T23:30:00Z" });
    expect(parseRFC3339("2024-02-29T1:02:03-00:30")).toEqual({ ok: true, time: "2024-02-29T01:32:03Z" });
  });

  it("fails with Go's messages", () => {
    expect(parseRFC3339("yesterday")).toEqual({
      ok: false,
      error: `parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"`,
    });
    expect(parseRFC3339("2024-01-01")).toEqual({
      ok: false,
      error: `parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"`,
    });
    expect(parseRFC3339("2024-01-01T10:00:00")).toEqual({
      ok: false,
      error: `parsing time "2024-01-01T10:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"`,
    });
    expect(parseRFC3339("2024-13-01T10:00:00Z")).toEqual({ ok: false, error: `parsing time "2024-13-01T10:00:00Z": month out of range` });
    expect(parseRFC3339("2023-02-29T10:00:00Z")).toEqual({ ok: false, error: `parsing time "2023-02-29T10:00:00Z": day out of range` });
    expect(parseRFC3339("2024-01-01T10:00:00Zjunk")).toEqual({ ok: false, error: `parsing time "2024-01-01T10:00:00Zjunk": extra text: "junk"` });
  });
});
