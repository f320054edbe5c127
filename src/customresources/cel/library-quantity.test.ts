import { describe, expect, it } from "vitest";
import { evaluate } from "./expression.test-support.ts";
import { parseQuantity, Quantity } from "./library-quantity.ts";

describe("parseQuantity", () => {
  it("reads resource.Quantity's grammar exactly", () => {
    expect(parseQuantity("1.5Gi")).toEqual(new Quantity(1610612736n, 1n));
    expect(parseQuantity("100m")).toEqual(new Quantity(1n, 10n));
    expect(parseQuantity("-2e3")).toEqual(new Quantity(-2000n, 1n));
    expect(parseQuantity(".5")).toEqual(new Quantity(1n, 2n));
    expect(() => parseQuantity("1KM")).toThrow("unable to parse quantity's suffix");
    expect(() => parseQuantity("1Q")).toThrow("quantities must match the regular expression");
    expect(() => parseQuantity("abc")).toThrow("quantities must match the regular expression");
  });
});

describe("quantity library", () => {
  it("compares and computes", () => {
    expect(evaluate("quantity('1Gi').isGreaterThan(quantity('1000Mi'))")).toBe(true);
    expect(evaluate("quantity('500m').isLessThan(quantity('1'))")).toBe(true);
    expect(evaluate("quantity('1').compareTo(quantity('1000m'))")).toBe(0n);
    expect(evaluate("quantity('1') == quantity('1000m')")).toBe(true);
    expect(evaluate("quantity('1').add(quantity('500m')) == quantity('1.5')")).toBe(true);
    expect(evaluate("quantity('2').sub(2).sign() == 0 && sign(quantity('-1')) == -1")).toBe(true);
    expect(evaluate("quantity('1k').asInteger()")).toBe(1000n);
    expect(evaluate("quantity('1.5').isInteger()")).toBe(false);
    expect(() => evaluate("quantity('1.5').asInteger() == 1")).toThrow("cannot convert value to integer");
    expect(evaluate("quantity('250m').asApproximateFloat()")).toBe(0.25);
    expect(evaluate("isQuantity('1Ki') && !isQuantity('1 Ki')")).toBe(true);
  });
});
