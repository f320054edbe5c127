import { describe, expect, it } from "vitest";
import { warningHeaders } from "./warning-headers.ts";

describe("warningHeaders", () => {
  it("writes each text once as kube does: code 299, no agent, quotes and backslashes escaped", () => {
    expect(warningHeaders(['unknown field "spec.foo"', "a\\b", 'unknown field "spec.foo"', ""])).toEqual([
      '299 - "unknown field \\"spec.foo\\""',
      '299 - "a\\\\b"',
    ]);
  });

  it("skips texts with control characters", () => {
    expect(warningHeaders(["a\nb", "ok"])).toEqual(['299 - "ok"']);
  });

  it("cuts every text to 256 characters once all of them pass 4096", () => {
    const long = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(300, "x"));
    const headers = warningHeaders(long);
    expect(headers).toHaveLength(16);
    expect(headers.every((h) => h.length === 256 + '299 - ""'.length)).toBe(true);
    expect(headers[0]).toBe(`299 - "${long[0].slice(0, 256)}"`);
  });
});
