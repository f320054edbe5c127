import { describe, expect, it } from "vitest";
import { formatLabelSelector, LabelSelector, parseLabelSelector, SelectorParseError, selectorFromObject } from "./label-selector.ts";

const labelValueMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const keyNameMsg =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function parseError(text: string): string {
  try {
    parseLabelSelector(text);
  } catch (err) {
    expect(err).toBeInstanceOf(SelectorParseError);
    return (err as Error).message;
  }
  throw new Error(`${JSON.stringify(text)} parsed`);
}

describe("parseLabelSelector", () => {
  it("selects everything when empty or blank", () => {
    for (const text of ["", "  \t"]) {
      const sel = parseLabelSelector(text);
      expect(sel.isEmpty()).toBe(true);
      expect(sel.matches(undefined)).toBe(true);
      expect(sel.toString()).toBe("");
    }
  });

  it("parses every operator into requirements sorted by key", () => {
    const sel = parseLabelSelector("tier notin (b,a), app == web, env != prod, x in (1), !legacy, has, n>5, m<10, k=v");
    expect(sel.requirements).toEqual([
      { key: "app", operator: "==", values: ["web"] },
      { key: "env", operator: "!=", values: ["prod"] },
      { key: "has", operator: "exists", values: [] },
      { key: "k", operator: "=", values: ["v"] },
      { key: "legacy", operator: "!", values: [] },
      { key: "m", operator: "lt", values: ["10"] },
      { key: "n", operator: "gt", values: ["5"] },
      { key: "tier", operator: "notin", values: ["a", "b"] },
      { key: "x", operator: "in", values: ["1"] },
    ]);
    expect(sel.toString()).toBe("app==web,env!=prod,has,k=v,!legacy,m<10,n>5,tier notin (a,b),x in (1)");
  });

  it("matches as kube does", () => {
    const m = (text: string, labels?: Record<string, string>) => parseLabelSelector(text).matches(labels);
    expect(m("app=web", { app: "web" })).toBe(true);
    expect(m("app=web", {})).toBe(false);
    expect(m("app!=web", {})).toBe(true);
    expect(m("app!=web", { app: "web" })).toBe(false);
    expect(m("app in (a,b)", { app: "b" })).toBe(true);
    expect(m("app notin (a,b)", undefined)).toBe(true);
    expect(m("app notin (a,b)", { app: "a" })).toBe(false);
    expect(m("app", { app: "" })).toBe(true);
    expect(m("!app", { app: "" })).toBe(false);
    expect(m("!app", {})).toBe(true);
    expect(m("n>5", { n: "6" })).toBe(true);
    expect(m("n>5", { n: "5" })).toBe(false);
    expect(m("n<5", { n: "-3" })).toBe(true);
    expect(m("n>5", { n: "six" })).toBe(false);
    expect(m("n>5", {})).toBe(false);
    expect(m("a=1,b=2", { a: "1", b: "2" })).toBe(true);
    expect(m("a=1,b=2", { a: "1" })).toBe(false);
  });

  it("accepts empty values and keywords used as keys or values", () => {
    expect(parseLabelSelector("x in (foo,,baz),y,z notin ()").requirements).toEqual([
      { key: "x", operator: "in", values: ["", "baz", "foo"] },
      { key: "y", operator: "exists", values: [] },
      { key: "z", operator: "notin", values: [""] },
    ]);
    expect(parseLabelSelector("a=").matches({ a: "" })).toBe(true);
    expect(parseLabelSelector("in in (in,notin)").requirements).toEqual([{ key: "in", operator: "in", values: ["in", "notin"] }]);
    expect(parseLabelSelector("x in (,a)").requirements[0].values).toEqual(["", "a"]);
    expect(parseLabelSelector("example.com/tier=a").requirements[0].key).toBe("example.com/tier");
  });

  it("reports syntax errors in kube's words", () => {
    expect(parseError(",a")).toBe("found ',', expected: !, identifier, or 'end of string'");
    expect(parseError("a,")).toBe("found '', expected: identifier after ','");
    expect(parseError("a=b c")).toBe("found 'c', expected: ',' or 'end of string'");
    expect(parseError("!a=b")).toBe("found '=', expected: ',' or 'end of string'");
    expect(parseError("!")).toBe("unable to parse requirement: found '', expected: identifier");
    expect(parseError("a b")).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    expect(parseError("x in a")).toBe("unable to parse requirement: found 'a' expected: '('");
    expect(parseError("x in (a")).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(parseError("x in (a b)")).toBe("unable to parse requirement: found 'b', expected: ',' or ')'");
    expect(parseError("x in (=)")).toBe("unable to parse requirement: found '=', expected: ',', ')' or identifier");
    expect(parseError("x in (a,=)")).toBe("unable to parse requirement: found '=', expected: ',', or identifier");
    expect(parseError("x=(a)")).toBe("unable to parse requirement: found '(', expected: identifier");
  });

  it("validates keys and values", () => {
    expect(parseError("-bad=1")).toBe(`unable to parse requirement: <nil>: Invalid value: "-bad": ${keyNameMsg}`);
    expect(parseError("app=@@")).toBe(`unable to parse requirement: values[0][app]: Invalid value: "@@": ${labelValueMsg}`);
    expect(parseError("n>a")).toBe(`unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`);
    expect(parseError("n>")).toBe(`unable to parse requirement: values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer`);
    expect(parseError("n>a-")).toBe(
      `unable to parse requirement: [values[0]: Invalid value: "a-": for 'Gt', 'Lt' operators, the value must be an integer, values[0][n]: Invalid value: "a-": ${labelValueMsg}]`,
    );
  });
});

describe("selectorFromObject", () => {
  it("matches nothing for a null selector and everything for an empty one", () => {
    const none = selectorFromObject(null);
    expect(none.matches({ app: "web" })).toBe(false);
    expect(none.isEmpty()).toBe(false);
    expect(selectorFromObject(undefined).matchesNothing).toBe(true);
    const all = selectorFromObject({});
    expect(all.matches({})).toBe(true);
    expect(all.isEmpty()).toBe(true);
    expect(selectorFromObject({ matchLabels: {}, matchExpressions: [] }).isEmpty()).toBe(true);
  });

  it("combines matchLabels and matchExpressions", () => {
    const sel = selectorFromObject({
      matchLabels: { tier: "web" },
      matchExpressions: [
        { key: "env", operator: "In", values: ["prod", "dev"] },
        { key: "legacy", operator: "DoesNotExist" },
        { key: "app", operator: "Exists" },
        { key: "zone", operator: "NotIn", values: ["b"] },
      ],
    });
    expect(sel.toString()).toBe("app,env in (dev,prod),!legacy,tier=web,zone notin (b)");
    expect(sel.matches({ tier: "web", env: "dev", app: "x" })).toBe(true);
    expect(sel.matches({ tier: "web", env: "dev", app: "x", legacy: "1" })).toBe(false);
    expect(sel.requiresExactMatch("tier")).toBe("web");
    expect(sel.requiresExactMatch("env")).toBeUndefined();
  });

  it("rejects what LabelSelectorAsSelector rejects", () => {
    const err = (sel: Parameters<typeof selectorFromObject>[0]) => {
      try {
        selectorFromObject(sel);
      } catch (e) {
        expect(e).toBeInstanceOf(SelectorParseError);
        return (e as Error).message;
      }
      return "no error";
    };
    expect(err({ matchExpressions: [{ key: "a", operator: "Gt", values: ["1"] }] })).toBe('"Gt" is not a valid label selector operator');
    expect(err({ matchExpressions: [{ key: "a", operator: "In", values: [] }] })).toBe(
      "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(err({ matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] })).toBe(
      'values: Invalid value: ["x"]: values set must be empty for exists and does not exist',
    );
    expect(err({ matchLabels: { "bad key": "v" } })).toBe(`key: Invalid value: "bad key": ${keyNameMsg}`);
  });
});

describe("formatLabelSelector", () => {
  it("prints kube's form, <none> when empty and <error> when invalid", () => {
    expect(formatLabelSelector({ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["b", "a"] }] })).toBe(
      "app=web,tier in (a,b)",
    );
    expect(formatLabelSelector({})).toBe("<none>");
    expect(formatLabelSelector(null)).toBe("<none>");
    expect(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "Bogus" }] })).toBe("<error>");
  });

  it("round-trips through the parser", () => {
    const text = formatLabelSelector({ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "NotIn", values: ["x", "y"] }] });
    expect(parseLabelSelector(text).toString()).toBe(text);
    expect(LabelSelector.everything().toString()).toBe("");
  });
});
