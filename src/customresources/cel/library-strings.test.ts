import { describe, expect, it } from "vitest";
import { evaluate } from "./expression.test-support.ts";

describe("strings library", () => {
  it("has cel-go's strings extension", () => {
    expect(evaluate("'hello'.charAt(1)")).toBe("e");
    expect(evaluate("'hello'.charAt(5)")).toBe("");
    expect(() => evaluate("'hello'.charAt(6)")).toThrow("index out of range: 6");
    expect(evaluate("'a-b-c'.replace('-', '+')")).toBe("a+b+c");
    expect(evaluate("'a-b-c'.replace('-', '+', 1)")).toBe("a+b-c");
    expect(evaluate("'ab'.replace('', '.')")).toBe(".a.b.");
    expect(evaluate("strings.quote('a\"b\\n')")).toBe('"a\\"b\\n"');
    expect(evaluate("'Hello'.lowerAscii() + 'x'.upperAscii()")).toBe("helloX");
    expect(evaluate("' x '.trim()")).toBe("x");
    expect(evaluate("'a,b,c'.split(',')")).toEqual(["a", "b", "c"]);
    expect(evaluate("'abc'.substring(1, 2)")).toBe("b");
    expect(evaluate("'abcb'.indexOf('b') + 'abcb'.lastIndexOf('b')")).toBe(4n);
    expect(evaluate("['a', 'b'].join('/')")).toBe("a/b");
  });

  it("formats, mixed argument lists included", () => {
    expect(evaluate("'%s has %d replicas (%.1f%%)'.format(['web', 3, 12.34])")).toBe("web has 3 replicas (12.3%)");
    expect(evaluate("'%x %X %o %b %e'.format([255, 255, 8, 5, 1234.5])")).toBe("ff FF 10 101 1.234500e+03");
    expect(() => evaluate("'%d'.format(['x'])")).toThrow("a number was expected");
    expect(() => evaluate("[1, 'a'].size() == 2")).toThrow("expected type 'int' but found 'string'");
  });
});
