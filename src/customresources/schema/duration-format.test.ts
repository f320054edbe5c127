import { describe, expect, it } from "vitest";
import { isDuration } from "./duration-format.ts";

describe("isDuration", () => {
  it("accepts Go durations", () => {
    for (const s of ["0", "1h30m", "-1.5s", "+300ms", "2h45m10.5s", "1µs", "1us", ".5s", "5.s"]) expect(isDuration(s), s).toBe(true);
  });

  it("accepts Scala-style durations anywhere in the string", () => {
    for (const s of ["3 days", "10 minutes", "1 hour", "5 weeks", "20 seconds", "in 3 days or so", "3000000h" /* overflows Go's parser, not the fallback */]) expect(isDuration(s), s).toBe(true);
  });

  it("refuses the rest", () => {
    for (const s of ["", "1", "1x", "h", "-", ".s", "5 months", "forever", "99999999999999999999 days", "10000000000000000000ns"]) expect(isDuration(s), s).toBe(false);
  });
});
