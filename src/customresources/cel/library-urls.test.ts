import { describe, expect, it } from "vitest";
import { evaluate } from "./expression.test-support.ts";

describe("urls library", () => {
  it("takes URLs as Go's ParseRequestURI does", () => {
    expect(evaluate("isURL('https://example.com/path?q=1')")).toBe(true);
    expect(evaluate("isURL('/absolute/path')")).toBe(true);
    expect(evaluate("isURL('mailto:someone@example.com')")).toBe(true);
    expect(evaluate("isURL('relative/path')")).toBe(false);
    expect(evaluate("isURL('')")).toBe(false);
    expect(evaluate("isURL('https://example.com:x/')")).toBe(false);
    expect(() => evaluate("url('foo').getScheme() == ''")).toThrow(
      'URL parse error during conversion from string: parse "foo": invalid URI for request',
    );
  });

  it("reads a URL's parts", () => {
    const u = "url('https://user@example.com:8443/a%20b/c?x=1&x=2&y=z')";
    expect(evaluate(`${u}.getScheme()`)).toBe("https");
    expect(evaluate(`${u}.getHost()`)).toBe("example.com:8443");
    expect(evaluate(`${u}.getHostname()`)).toBe("example.com");
    expect(evaluate(`${u}.getPort()`)).toBe("8443");
    expect(evaluate(`${u}.getEscapedPath()`)).toBe("/a%20b/c");
    expect(evaluate(`${u}.getQuery()`)).toEqual(new Map([["x", ["1", "2"]], ["y", ["z"]]]));
    expect(evaluate("url('https://[::1]:80/').getHostname()")).toBe("::1");
    expect(evaluate("url('https://example.com').getPort()")).toBe("");
  });
});
