import { describe, expect, it } from "vitest";
import { parseTemplate, unquote, type JsonPathNode } from "./json-path-parser.ts";

function nodes(template: string): JsonPathNode[] {
  const parsed = parseTemplate(template);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.nodes;
}

function error(template: string): string {
  const parsed = parseTemplate(template);
  if (parsed.ok) throw new Error(`${template} parsed`);
  return parsed.error;
}

const field = (name: string): JsonPathNode => ({ type: "field", name });
const list = (...children: JsonPathNode[]): JsonPathNode => ({ type: "list", nodes: children });
const param = (value: number, known: boolean, derived = false) => ({ value, known, derived });

describe("parseTemplate", () => {
  it("splits text and actions", () => {
    expect(nodes("hello jsonpath")).toEqual([{ type: "text", text: "hello jsonpath" }]);
    expect(nodes("hello {.jsonpath}")).toEqual([{ type: "text", text: "hello " }, list(field("jsonpath"))]);
    expect(nodes("{.a}-{.b}")).toEqual([list(field("a")), { type: "text", text: "-" }, list(field("b"))]);
  });

  it("skips @, $ and spaces; a quoted string is text", () => {
    expect(nodes("{ $.a @.b }")).toEqual([list(field("a"), field("b"))]);
    expect(nodes('{"{"}')).toEqual([list({ type: "text", text: "{" })]);
  });

  it("reads fields up to a terminator, with backslash escapes (the way to a dotted key)", () => {
    expect(nodes("{.metadata.labels.kubernetes\\.io/hostname}")).toEqual([list(field("metadata"), field("labels"), field("kubernetes.io/hostname"))]);
    expect(nodes("{.Labels.k8s-app}")).toEqual([list(field("Labels"), field("k8s-app"))]);
    expect(nodes("{.}")).toEqual([list(field(""))]);
  });

  it("reads a bracketed single-quoted key as the fields it spells: ['a.b'] is .a.b", () => {
    expect(nodes("{['jsonpath']}")).toEqual([list(field("jsonpath"))]);
    expect(nodes("{['book.price']}")).toEqual([list(field("book"), field("price"))]);
    expect(nodes("{['a\\.b']}")).toEqual([list(field("a.b"))]);
  });

  it("reads indexes and slices, [i] ending at i+1 (derived)", () => {
    expect(nodes("{[1:3]}")).toEqual([list({ type: "array", params: [param(1, true), param(3, true), param(0, false)] })]);
    expect(nodes("{.book[*].author}")).toEqual([
      list(field("book"), { type: "array", params: [param(0, false), param(0, false), param(0, false)] }, field("author")),
    ]);
    expect(nodes("{[-5:]}")).toEqual([list({ type: "array", params: [param(-5, true), param(0, false), param(0, false)] })]);
    expect(nodes("{[-1]}")).toEqual([list({ type: "array", params: [param(-1, true), param(0, true, true), param(0, false)] })]);
    expect(nodes("{[1:-1]}")).toEqual([list({ type: "array", params: [param(1, true), param(-1, true), param(0, false)] })]);
    expect(nodes("{[::2]}")).toEqual([list({ type: "array", params: [param(0, false), param(0, false), param(2, true)] })]);
  });

  it("reads wildcards and recursive descent", () => {
    expect(nodes("{.bicycle.*}")).toEqual([list(field("bicycle"), { type: "wildcard" })]);
    expect(nodes("{..}")).toEqual([list({ type: "recursive" })]);
    expect(nodes("{..price}")).toEqual([list({ type: "recursive" }, field("price"))]);
    expect(nodes("{...price}")).toEqual([list({ type: "recursive" }, field("price"))]);
  });

  it("reads unions of keys and indexes", () => {
    expect(nodes("{['bicycle.price', 3, 'book.price']}")).toEqual([
      list({
        type: "union",
        lists: [
          { type: "list", nodes: [field("bicycle"), field("price")] },
          { type: "list", nodes: [{ type: "array", params: [param(3, true), param(4, true, true), param(0, false)] }] },
          { type: "list", nodes: [field("book"), field("price")] },
        ],
      }),
    ]);
  });

  it("reads filters: a comparison, or existence without an operator", () => {
    expect(nodes("{[?(@.price<3)]}")).toEqual([
      list({ type: "filter", left: { type: "list", nodes: [field("price")] }, right: { type: "list", nodes: [{ type: "int", value: 3 }] }, operator: "<" }),
    ]);
    expect(nodes('{.status.conditions[?(@.type=="Ready")].status}')).toEqual([
      list(
        field("status"),
        field("conditions"),
        {
          type: "filter",
          left: { type: "list", nodes: [field("type")] },
          right: { type: "list", nodes: [{ type: "text", text: "Ready" }] },
          operator: "==",
        },
        field("status"),
      ),
    ]);
    expect(nodes("{[?(@.z)]}")).toEqual([list({ type: "filter", left: { type: "list", nodes: [field("z")] }, right: { type: "list", nodes: [] }, operator: "exists" })]);
  });

  it("keeps parentheses and escaped quotes inside a filter's quoted value", () => {
    const right = (template: string) => {
      const [outer] = nodes(template);
      const filter = (outer as { nodes: JsonPathNode[] }).nodes[0] as { right: { nodes: JsonPathNode[] } };
      return filter.right.nodes;
    };
    expect(right('{[?(@.os == "()")]}')).toEqual([{ type: "text", text: "()" }]);
    expect(right('{[?(@.os == "(\\"\\")")]}')).toEqual([{ type: "text", text: '("")' }]);
    expect(right('{[?(@.test == "())(")]}')).toEqual([{ type: "text", text: "())(" }]);
    expect(right("{[?(@.os == 'Linux')]}")).toEqual([{ type: "text", text: "Linux" }]);
    expect(right('{[?(@.os == "{[()]}")]}')).toEqual([{ type: "text", text: "{[()]}" }]);
    expect(right(`{[?(@.os == '""')]}`)).toEqual([{ type: "text", text: '""' }]);
  });

  it("reads numbers, booleans and identifiers", () => {
    expect(nodes("{3}")).toEqual([list({ type: "int", value: 3 })]);
    expect(nodes("{-2.5}")).toEqual([list({ type: "float", value: -2.5 })]);
    expect(nodes("{3.0}")).toEqual([list({ type: "float", value: 3 })]);
    expect(nodes("{true}")).toEqual([list({ type: "bool", value: true })]);
    expect(nodes("{range .items}{.name},{end}")).toEqual([
      list({ type: "identifier", name: "range" }, field("items")),
      list(field("name")),
      { type: "text", text: "," },
      list({ type: "identifier", name: "end" }),
    ]);
  });

  it("fails with client-go's messages", () => {
    expect(error("{.hello")).toBe("unclosed action");
    expect(error("{*}")).toBe("unrecognized character in action: U+002A '*'");
    expect(error("{.a\t}")).toBe("unrecognized character in action: U+0009");
    expect(error("{+12.3.0}")).toBe("cannot parse number +12.3.0");
    expect(error("{[1}")).toBe("unterminated array");
    expect(error("{[?(.price]}")).toBe("unterminated filter");
    expect(error("{[?(@.a)}")).toBe("unclosed array expect ]");
    expect(error("{........}")).toBe("invalid multiple recursive descent");
    expect(error("{..*}")).toBe("unrecognized character in action: U+002A '*'");
    expect(error("{[a]}")).toBe("invalid array index a");
    expect(error('{["a"]}')).toBe('invalid array index "a"');
    expect(error("{[-]}")).toBe("array index - is not a number");
    expect(error("{.a[0,b]}")).toBe("invalid array index b");
    expect(error("{'abc}")).toBe("unterminated quoted string");
    expect(error("{'a\\q'}")).toBe("unquote string 'a\\q' error invalid syntax");
    expect(error("{\\\\\\}")).toBe("unrecognized character in action: U+005C '\\'");
    expect(error("{.a}{")).toBe("unclosed action");
  });
});

describe("unquote", () => {
  it("unquotes as Go's strconv does, single quotes too", () => {
    expect(unquote('"a\\tb"')).toBe("a\tb");
    expect(unquote("'it\\'s'")).toBe("it's");
    expect(unquote('"\\u00e9\\x41\\101"')).toBe("éAA");
    expect(unquote("'a\\\"b'")).toBeUndefined();
    expect(unquote('"\\ud800"')).toBeUndefined();
  });
});
