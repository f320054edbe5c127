import { Duration } from "@marcbachmann/cel-js/evaluator";
import { describe, expect, it } from "vitest";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { celNodeOf, objectNodes } from "./cel-model.ts";
import { parseDuration, toCelValue } from "./cel-values.ts";

const schema: JSONSchemaProps = {
  type: "object",
  properties: {
    n: { type: "integer" },
    d: { type: "number" },
    ios: { "x-kubernetes-int-or-string": true },
    ts: { type: "string", format: "date-time" },
    dur: { type: "string", format: "duration" },
    raw: { type: "string", format: "byte" },
    "x-y": { type: "string" },
    "1st": { type: "string" },
    unknown: { "x-kubernetes-preserve-unknown-fields": true },
    labels: { type: "object", additionalProperties: { type: "string" } },
    items: { type: "array", items: { type: "object", properties: { a: { type: "string", nullable: true } } } },
  },
};

describe("celNodeOf", () => {
  it("declares kube's CEL types", () => {
    const node = celNodeOf(schema, true);
    expect(node?.kind).toBe("object");
    if (node?.kind !== "object") return;
    const types = Object.fromEntries([...node.fields].map(([name, f]) => [name, f.node.type]));
    expect(types).toEqual({
      n: "int",
      d: "double",
      ios: "dyn",
      ts: "google.protobuf.Timestamp",
      dur: "google.protobuf.Duration",
      raw: "bytes",
      x__dash__y: "string",
      labels: "map<string, string>",
      items: "list<selfType.items.__idx__>",
      kind: "string",
      apiVersion: "string",
      metadata: "selfType.metadata",
    });
    expect(objectNodes(node).map((o) => o.type)).toEqual(["selfType.items.__idx__", "selfType.metadata", "selfType"]);
  });

  it("cannot see a schema without a type", () => {
    expect(celNodeOf({ "x-kubernetes-preserve-unknown-fields": true }, false)).toBeUndefined();
    expect(celNodeOf({ type: "array" }, false)).toBeUndefined();
  });
});

describe("toCelValue", () => {
  it("converts JSON by the schema", () => {
    const node = celNodeOf(schema, false)!;
    const value = toCelValue(
      {
        n: 3,
        d: 2,
        ios: 5,
        ts: "2024-01-02T03:04:05Z",
        dur: "1m30s",
        raw: "aGk=",
        "x-y": "z",
        "1st": "hidden",
        unknown: { a: 1 },
        labels: { a: "b" },
        items: [{ a: null }, { a: "x" }],
      },
      node,
    ) as Map<string, unknown>;
    expect(value.get("n")).toBe(3n);
    expect(value.get("d")).toBe(2);
    expect(value.get("ios")).toBe(5n);
    expect(value.get("ts")).toEqual(new Date("2024-01-02T03:04:05Z"));
    expect(value.get("dur")).toEqual(new Duration(90, 0));
    expect(value.get("raw")).toEqual(new Uint8Array([104, 105]));
    expect(value.get("x__dash__y")).toBe("z");
    expect(value.has("1st") || value.has("unknown")).toBe(false);
    expect(value.get("labels")).toEqual(new Map([["a", "b"]]));
    const items = value.get("items") as Map<string, unknown>[];
    expect(items[0].has("a")).toBe(false);
    expect(items[1].get("a")).toBe("x");
  });

  it("parses Go durations", () => {
    expect(parseDuration("1h2m3.5s")).toEqual(new Duration(3723, 500_000_000));
    expect(parseDuration("-1.5s")).toEqual(new Duration(-1, -500_000_000));
    expect(parseDuration("2d")).toEqual(new Duration(172800, 0));
    expect(parseDuration("0")).toEqual(new Duration(0, 0));
    expect(parseDuration("1x")).toBeUndefined();
    expect(parseDuration("")).toBeUndefined();
  });
});
