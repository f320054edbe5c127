import { describe, expect, it } from "vitest";
import { goFormat } from "./go-format.ts";

describe("goFormat", () => {
  it("quote: strconv.Quote", () => {
    expect(goFormat.quote("spec.x")).toBe(`"spec.x"`);
    expect(goFormat.quote(`a"b\\c`)).toBe(`"a\\"b\\\\c"`);
    expect(goFormat.quote("tab\tnl\n\x00\x7f")).toBe(`"tab\\tnl\\n\\x00\\x7f"`);
    expect(goFormat.quote("héllo ☃ 😀")).toBe(`"héllo ☃ 😀"`);
    expect(goFormat.quote("\u00a0\u200b")).toBe(`"\\u00a0\\u200b"`);
  });

  it("float: %v of a float64", () => {
    expect(goFormat.float(1.5)).toBe("1.5");
    expect(goFormat.float(10)).toBe("10");
    expect(goFormat.float(123456)).toBe("123456");
    expect(goFormat.float(1e6)).toBe("1e+06");
    expect(goFormat.float(1234567.5)).toBe("1.2345675e+06");
    expect(goFormat.float(0.0001)).toBe("0.0001");
    expect(goFormat.float(0.00001)).toBe("1e-05");
    expect(goFormat.float(-2.5e-7)).toBe("-2.5e-07");
    expect(goFormat.float(1e21)).toBe("1e+21");
    expect(goFormat.float(1e100)).toBe("1e+100");
  });

  it("json: encoding/json.Marshal, keys sorted, HTML escaped", () => {
    expect(goFormat.json({ b: 1, a: [true, null, "x"] })).toBe(`{"a":[true,null,"x"],"b":1}`);
    expect(goFormat.json("<a&b>")).toBe(`"\\u003ca\\u0026b\\u003e"`);
    expect(goFormat.json("\u0001\n")).toBe(`"\\u0001\\n"`);
  });
});
