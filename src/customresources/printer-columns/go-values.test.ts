import { describe, expect, it } from "vitest";
import { compareGoStrings, formatGoFloat, formatGoScalar, goKind, GoNumber, marshalGoJson } from "./go-values.ts";

describe("formatGoFloat", () => {
  it("prints as fmt's %v: shortest digits, exponent form below 1e-4 and from 1e6", () => {
    expect(formatGoFloat(1.5)).toBe("1.5");
    expect(formatGoFloat(3)).toBe("3");
    expect(formatGoFloat(100000)).toBe("100000");
    expect(formatGoFloat(999999.5)).toBe("999999.5");
    expect(formatGoFloat(1e6)).toBe("1e+06");
    expect(formatGoFloat(1234567.5)).toBe("1.2345675e+06");
    expect(formatGoFloat(1e21)).toBe("1e+21");
    expect(formatGoFloat(0.0001)).toBe("0.0001");
    expect(formatGoFloat(0.00001)).toBe("1e-05");
    expect(formatGoFloat(-2.5e-7)).toBe("-2.5e-07");
    expect(formatGoFloat(1e100)).toBe("1e+100");
    expect(formatGoFloat(-0)).toBe("-0");
  });
});

describe("formatGoScalar", () => {
  it("prints int64 in full, float64 as %v, null as <no value>", () => {
    expect(formatGoScalar(3)).toBe("3");
    expect(formatGoScalar(2 ** 60)).toBe("1152921504606846976");
    expect(formatGoScalar(9e18)).toBe("9000000000000000000");
    // Beyond int64, a JSON integer decodes to float64.
    expect(formatGoScalar(1e19)).toBe("1e+19");
    expect(formatGoScalar(2.5)).toBe("2.5");
    expect(formatGoScalar(true)).toBe("true");
    expect(formatGoScalar("x")).toBe("x");
    expect(formatGoScalar(null)).toBe("<no value>");
    expect(formatGoScalar(new GoNumber("float", 3))).toBe("3");
    expect(formatGoScalar(new GoNumber("byte", 97))).toBe("97");
  });
});

describe("marshalGoJson", () => {
  it("sorts map keys and writes compact JSON", () => {
    expect(marshalGoJson({ b: 1, a: [true, null, 2.5], c: { z: "x", y: {} } })).toBe('{"a":[true,null,2.5],"b":1,"c":{"y":{},"z":"x"}}');
    expect(marshalGoJson([])).toBe("[]");
  });

  it("escapes as encoding/json: HTML characters, U+2028/9, short control escapes", () => {
    expect(marshalGoJson("<a&b>")).toBe('"\\u003ca\\u0026b\\u003e"');
    expect(marshalGoJson("a\u2028b\u2029")).toBe('"a\\u2028b\\u2029"');
    expect(marshalGoJson('q"\\\n\r\t\b\f\u0001\u007f')).toBe('"q\\"\\\\\\n\\r\\t\\b\\f\\u0001\u007f"');
    expect(marshalGoJson("é😀")).toBe('"é😀"');
    expect(marshalGoJson("\ud800x")).toBe('"\ufffdx"');
  });

  it("prints numbers as Go does: int64 in full, floats in ES6 form", () => {
    expect(marshalGoJson([1, 1.5, 1e-7, 1e21, 2 ** 60, -0])).toBe("[1,1.5,1e-7,1e+21,1152921504606846976,-0]");
  });
});

describe("goKind and compareGoStrings", () => {
  it("classifies JSON integers as int, other numbers as float", () => {
    expect([goKind(3), goKind(3.5), goKind("s"), goKind(false), goKind(null), goKind({}), goKind(new GoNumber("byte", 1))]).toEqual([
      "int",
      "float",
      "string",
      "bool",
      "invalid",
      "invalid",
      "uint",
    ]);
  });

  it("orders by code point as Go's bytewise UTF-8 compare", () => {
    expect(compareGoStrings("a", "b")).toBeLessThan(0);
    expect(compareGoStrings("ab", "a")).toBeGreaterThan(0);
    expect(compareGoStrings("\uffff", "😀")).toBeLessThan(0);
    expect(compareGoStrings("x", "x")).toBe(0);
  });
});
