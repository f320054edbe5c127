import { describe, expect, it } from "vitest";
import { evaluate } from "./expression.test-support.ts";

describe("sets library", () => {
  it("compares lists as sets", () => {
    expect(evaluate("sets.contains([1, 2, 3], [3, 1])")).toBe(true);
    expect(evaluate("sets.contains([1, 2], [4])")).toBe(false);
    expect(evaluate("sets.equivalent([1, 2, 2], [2, 1])")).toBe(true);
    expect(evaluate("sets.intersects(['a', 'b'], ['c', 'b'])")).toBe(true);
    expect(evaluate("sets.intersects([1], [2])")).toBe(false);
  });
});
