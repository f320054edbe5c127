import { describe, expect, it } from "vitest";
import { evaluate } from "./expression.test-support.ts";

describe("lists library", () => {
  it("has kube's list functions", () => {
    expect(evaluate("[1, 2, 2].isSorted() && !['b', 'a'].isSorted()")).toBe(true);
    expect(evaluate("[1, 2, 3].sum()")).toBe(6n);
    expect(evaluate("[1.5, 2.5].sum()")).toBe(4);
    expect(evaluate("[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3")).toBe(true);
    expect(evaluate("['b', 'a'].min()")).toBe("a");
    expect(evaluate("[duration('1s'), duration('2m')].max() == duration('2m')")).toBe(true);
    expect(() => evaluate("[0].slice(0, 0).min() == 1")).toThrow("min called on empty list");
    expect(evaluate("[1, 2, 1].indexOf(1) == 0 && [1, 2, 1].lastIndexOf(1) == 2 && [1].indexOf(5) == -1")).toBe(true);
    expect(() => evaluate("[9223372036854775807, 1].sum() > 0")).toThrow("integer overflow");
  });

  it("has cel-go's lists extension (version 3)", () => {
    expect(evaluate("[1, 2, 3, 4].slice(1, 3)")).toEqual([2n, 3n]);
    expect(() => evaluate("[1].slice(0, 2).size() == 0")).toThrow("cannot slice(0, 2), list is length 1");
    expect(evaluate("[[1], [2, 3]].flatten()")).toEqual([1n, 2n, 3n]);
    expect(evaluate("[[[1]], [[2]]].flatten()")).toEqual([[1n], [2n]]);
    expect(evaluate("[[[1]], [[2]]].flatten(2)")).toEqual([1n, 2n]);
    expect(() => evaluate("[[1]].flatten(-1).size() == 1")).toThrow("level must be non-negative");
    expect(evaluate("[1, 2, 1, 3].distinct()")).toEqual([1n, 2n, 3n]);
    expect(evaluate("[1, 2, 3].reverse()")).toEqual([3n, 2n, 1n]);
    expect(evaluate("['b', 'c', 'a'].sort()")).toEqual(["a", "b", "c"]);
    expect(evaluate("lists.range(3)")).toEqual([0n, 1n, 2n]);
  });
});
