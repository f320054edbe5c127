import { describe, expect, it } from "vitest";
import { evaluate } from "./expression.test-support.ts";

describe("regex library", () => {
  it("matches with RE2 syntax", () => {
    expect(evaluate("'ABC'.matches('(?i)^abc$')")).toBe(true);
    expect(evaluate("'abc'.matches('b')")).toBe(true);
    expect(evaluate("matches('abc', '^b')")).toBe(false);
    expect(evaluate("self.matches(self)", "x", { type: "string" })).toBe(true);
  });

  it("runs a backtracking-hostile pattern in linear time", () => {
    expect(evaluate("self.matches('^(a+)+$')", `${"a".repeat(50_000)}b`, { type: "string" })).toBe(false);
  });

  it("finds", () => {
    expect(evaluate("'abc 123 def 456'.find('[0-9]+')")).toBe("123");
    expect(evaluate("'abc'.find('[0-9]+')")).toBe("");
    expect(evaluate("'abc 123 def 456'.findAll('[0-9]+')")).toEqual(["123", "456"]);
    expect(evaluate("'a1b2c3'.findAll('[0-9]', 2)")).toEqual(["1", "2"]);
    expect(evaluate("'abc'.findAll('x*')")).toEqual(["", "", "", ""]);
  });

  it("rejects bad patterns as kube does", () => {
    expect(() => evaluate("'a'.matches('(')")).toThrow("ERROR: <input>:1:13: invalid matches argument\n | 'a'.matches('(')\n | ............^");
    expect(() => evaluate("'a'.matches('(?=a)')")).toThrow("invalid matches argument");
    expect(() => evaluate("'a'.find('(') == ''")).toThrow("error parsing regexp: missing closing ): `(`");
    expect(() => evaluate("'a'.matches(self)", "(", { type: "string" })).toThrow("Illegal regex: error parsing regexp");
  });
});
