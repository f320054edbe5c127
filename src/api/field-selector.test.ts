import { describe, expect, it } from "vitest";
import { escapeFieldValue, parseFieldSelector } from "./field-selector.ts";
import { SelectorParseError } from "./label-selector.ts";

function parseError(text: string): string {
  try {
    parseFieldSelector(text);
  } catch (err) {
    expect(err).toBeInstanceOf(SelectorParseError);
    return (err as Error).message;
  }
  throw new Error(`${JSON.stringify(text)} parsed`);
}

const fields = (values: Record<string, string>) => (field: string) => values[field];

describe("parseFieldSelector", () => {
  it("selects everything when empty", () => {
    const sel = parseFieldSelector("");
    expect(sel.isEmpty()).toBe(true);
    expect(sel.matches(fields({}))).toBe(true);
  });

  it("parses =, == and != terms, sorted as kube sorts them", () => {
    const sel = parseFieldSelector("status.phase!=Running,metadata.name==web,spec.nodeName=n1");
    expect(sel.requirements).toEqual([
      { field: "metadata.name", operator: "=", value: "web" },
      { field: "spec.nodeName", operator: "=", value: "n1" },
      { field: "status.phase", operator: "!=", value: "Running" },
    ]);
    expect(sel.toString()).toBe("metadata.name=web,spec.nodeName=n1,status.phase!=Running");
  });

  it("matches with absent fields reading as empty", () => {
    const sel = parseFieldSelector("metadata.name=web,spec.nodeName!=n1");
    expect(sel.matches(fields({ "metadata.name": "web" }))).toBe(true);
    expect(sel.matches(fields({ "metadata.name": "web", "spec.nodeName": "n1" }))).toBe(false);
    expect(sel.matches(fields({ "metadata.name": "api" }))).toBe(false);
    expect(parseFieldSelector("spec.nodeName=").matches(fields({}))).toBe(true);
    expect(parseFieldSelector("spec.nodeName!=").matches(fields({}))).toBe(false);
  });

  it("tells the exact value a field must have", () => {
    const sel = parseFieldSelector("metadata.name=web,metadata.namespace!=x");
    expect(sel.exactValue("metadata.name")).toBe("web");
    expect(sel.exactValue("metadata.namespace")).toBeUndefined();
    expect(sel.exactValue("spec.x")).toBeUndefined();
  });

  it("unescapes \\\\, \\, and \\= in values", () => {
    expect(parseFieldSelector("a=x\\,y").requirements).toEqual([{ field: "a", operator: "=", value: "x,y" }]);
    expect(parseFieldSelector("a=x\\=y").requirements[0].value).toBe("x=y");
    expect(parseFieldSelector("a=x\\\\,b=c").requirements).toEqual([
      { field: "a", operator: "=", value: "x\\" },
      { field: "b", operator: "=", value: "c" },
    ]);
    expect(parseFieldSelector("a=x!y").requirements[0].value).toBe("x!y");
    expect(parseFieldSelector("a=x\\,y").toString()).toBe("a=x\\,y");
    expect(escapeFieldValue("a\\b,c=d")).toBe("a\\\\b\\,c\\=d");
  });

  it("skips empty terms and a bare '='", () => {
    expect(parseFieldSelector(",a=b,").requirements).toEqual([{ field: "a", operator: "=", value: "b" }]);
    expect(parseFieldSelector("=").isEmpty()).toBe(true);
    expect(parseFieldSelector("=x").requirements).toEqual([{ field: "", operator: "=", value: "x" }]);
  });

  it("keeps whitespace, as kube does", () => {
    expect(parseFieldSelector("a = b").requirements).toEqual([{ field: "a ", operator: "=", value: " b" }]);
  });

  it("reports bad terms and escapes in kube's words", () => {
    expect(parseError("a")).toBe("invalid selector: 'a'; can't understand 'a'");
    expect(parseError("x=1,b")).toBe("invalid selector: 'x=1,b'; can't understand 'b'");
    expect(parseError("a=b=c")).toBe("invalid field selector: unescaped character in value: 61");
    expect(parseError("a=b\\!c")).toBe("invalid field selector: invalid escape sequence: \\!");
    expect(parseError("a=b\\")).toBe("invalid field selector: invalid escape sequence: \\");
  });
});
