import { describe, expect, it } from "vitest";
import { Correlation } from "./correlation.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";

const schema: JSONSchemaProps = {
  type: "object",
  properties: {
    a: { type: "string" },
    list: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["k"],
      items: { type: "object", properties: { k: { type: "string" }, v: { type: "integer" } } },
    },
    atomic: { type: "array", items: { type: "integer" } },
    free: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
  },
};

describe("Correlation", () => {
  it("pairs properties present on both sides", () => {
    const c = new Correlation({ a: "x", list: [] }, { a: "y" }, schema);
    expect(c.key("a")?.oldValue).toBe("y");
    expect(c.key("list")).toBeUndefined();
    expect(c.key("unknown")).toBeUndefined();
  });

  it("pairs map-list items by key, never items of other lists", () => {
    const c = new Correlation({ list: [{ k: "b" }, { k: "a", v: 2 }], atomic: [1] }, { list: [{ k: "a", v: 1 }], atomic: [1] }, schema);
    expect(c.key("list")?.index(1)?.oldValue).toEqual({ k: "a", v: 1 });
    expect(c.key("list")?.index(0)).toBeUndefined();
    expect(c.key("atomic")?.index(0)).toBeUndefined();
  });

  it("deepEqual judges through the schema", () => {
    expect(new Correlation({ list: [{ k: "a", v: 1 }], atomic: [1, 2] }, { list: [{ v: 1, k: "a" }], atomic: [1, 2] }, schema).deepEqual()).toBe(true);
    expect(new Correlation({ atomic: [1, 2] }, { atomic: [2, 1] }, schema).deepEqual()).toBe(false);
    expect(new Correlation({ list: [{ k: "a" }, { k: "b" }] }, { list: [{ k: "b" }, { k: "a" }] }, schema).deepEqual()).toBe(true);
    // A key the schema does not describe never counts as unchanged, as in kube.
    expect(new Correlation({ free: { x: 1 } }, { free: { x: 1 } }, schema).deepEqual()).toBe(false);
    expect(new Correlation(null, null, schema).deepEqual()).toBe(true);
  });
});
