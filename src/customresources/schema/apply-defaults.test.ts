import { describe, expect, it } from "vitest";
import { applyDefaults } from "./apply-defaults.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";

function defaulted(schema: JSONSchemaProps, value: unknown): unknown {
  applyDefaults(schema, value);
  return value;
}

// Cases of kube's TestDefault (apiextensions-apiserver schema/defaulting).
describe("applyDefaults: kube's cases", () => {
  it("scalars and scalar arrays are left alone", () => {
    expect(defaulted({ default: "foo" }, 4)).toBe(4);
    expect(defaulted({ items: { default: "foo" } }, [1, 2])).toEqual([1, 2]);
  });

  it("defaults absent properties of items, objects and additionalProperties values", () => {
    const schema: JSONSchemaProps = {
      properties: {
        array: { items: { properties: { a: { default: "A" }, b: { default: "B" } } } },
        object: { properties: { a: { default: "N" }, b: { default: "O" } } },
        additionalProperties: { additionalProperties: { properties: { a: { default: "alpha" }, b: { default: "beta" } } } },
        foo: { default: "bar" },
      },
    };
    const value = { array: [{ a: 1 }, { b: 2 }], object: { a: 1 }, additionalProperties: { x: { a: 1 }, y: { b: 2 } } };
    expect(defaulted(schema, value)).toEqual({
      array: [
        { a: 1, b: "B" },
        { a: "A", b: 2 },
      ],
      object: { a: 1, b: "O" },
      additionalProperties: { x: { a: 1, b: "beta" }, y: { a: "alpha", b: 2 } },
      foo: "bar",
    });
  });

  it("only absent values and non-nullable nulls are defaulted, not empty ones", () => {
    const schema: JSONSchemaProps = { items: { properties: { a: { default: "A" } } } };
    expect(defaulted(schema, [{}, { a: 1 }, { a: 0 }, { a: "" }, { a: null }, { a: [] }, { a: {} }])).toEqual([
      { a: "A" },
      { a: 1 },
      { a: 0 },
      { a: "" },
      { a: "A" },
      { a: [] },
      { a: {} },
    ]);
  });

  it("null: kept where nullable, replaced where not; unknown fields untouched", () => {
    expect(defaulted({ nullable: true, items: { properties: { a: { default: "A" } } } }, [null])).toEqual([null]);
    expect(defaulted({ items: { default: "A" } }, [null])).toEqual(["A"]);
    expect(defaulted({ properties: { a: { default: "A", nullable: true } } }, { a: null })).toEqual({ a: null });
    expect(defaulted({ properties: { a: { default: "A" } } }, { a: null })).toEqual({ a: "A" });
    expect(defaulted({ additionalProperties: { default: "A", nullable: true } }, { a: null })).toEqual({ a: null });
    expect(defaulted({ additionalProperties: { default: "A" } }, { a: null })).toEqual({ a: "A" });
    expect(defaulted({ properties: { b: { default: "B" } } }, { a: null })).toEqual({ a: null, b: "B" });
  });
});

describe("applyDefaults", () => {
  it("copies defaults, so a defaulted object never shares the schema's value", () => {
    const schema: JSONSchemaProps = {
      properties: { spec: { type: "object", default: { list: [1] }, properties: { list: { type: "array", items: { type: "integer" } } } } },
    };
    const a = defaulted(schema, {}) as { spec: { list: number[] } };
    a.spec.list.push(2);
    expect(defaulted(schema, {})).toEqual({ spec: { list: [1] } });
  });

  it("defaults inside a value that was just defaulted", () => {
    const schema: JSONSchemaProps = {
      properties: { spec: { type: "object", default: {}, properties: { replicas: { type: "integer", default: 1 } } } },
    };
    expect(defaulted(schema, {})).toEqual({ spec: { replicas: 1 } });
  });

  it("prunes a default by its schema, and ignores a null default", () => {
    const schema: JSONSchemaProps = {
      properties: {
        spec: { type: "object", default: { a: 1, unknown: 2 }, properties: { a: { type: "integer" } } },
        other: { type: "string", default: null },
      },
    };
    expect(defaulted(schema, {})).toEqual({ spec: { a: 1 } });
  });

  it("does nothing without a schema", () => {
    const value = { a: 1 };
    applyDefaults(undefined, value);
    expect(value).toEqual({ a: 1 });
  });
});
