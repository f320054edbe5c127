import { describe, expect, it } from "vitest";
import { goRegexpError } from "./go-regexp.ts";

describe("goRegexpError", () => {
  it("accepts RE2 syntax, including what JavaScript lacks", () => {
    expect(goRegexpError("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")).toBeUndefined();
    expect(goRegexpError("\\pL+[[:alpha:]](?P<x>a)\\z")).toBeUndefined();
  });

  it("gives Go's error text for what RE2 refuses", () => {
    expect(goRegexpError("(a")).toBe("error parsing regexp: missing closing ): `(a`");
    expect(goRegexpError("(?=a)")).toBe("error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
    expect(goRegexpError("(a)\\1")).toBe("error parsing regexp: invalid escape sequence: `\\1`");
    expect(goRegexpError("a**")).toBe("error parsing regexp: invalid nested repetition operator: `**`");
  });
});
