import { describe, expect, it } from "vitest";
import { structural } from "./structural.ts";

describe("structural", () => {
  it("is computed once per schema node", () => {
    const schema = { type: "string", pattern: "^a" };
    expect(structural(schema)).toBe(structural(schema));
    expect(structural(schema).pattern()).toBe(structural(schema).pattern());
  });

  it("reads the effective types and the format kube checks", () => {
    expect(structural({ "x-kubernetes-int-or-string": true, type: "string" }).typeText).toBe("integer,string");
    expect(structural({}).types).toEqual([]);
    expect(structural({ type: "integer", format: "int32" }).format).toBe("");
    expect(structural({ type: "string", format: "date-time" }).format).toBe("date-time");
    expect(structural({ type: "string", format: "date-time" }).checkFormat?.("2024-01-01T00:00:00Z")).toBe(true);
  });

  it("compiles patterns as Go does (RE2), keeping Go's compile error", () => {
    expect(structural({ pattern: "^[[:alpha:]]+\\z" }).pattern()?.regexp?.test("abc")).toBe(true);
    expect(structural({ pattern: "a(?=b)" }).pattern()?.error).toBe("error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
    expect(structural({ pattern: "" }).pattern()).toBeUndefined();
  });

  it("separates one item schema from a tuple", () => {
    const item = { type: "string" };
    expect(structural({ items: item }).items).toBe(item);
    expect(structural({ items: [item] }).tupleItems).toEqual([item]);
  });
});
