import { describe, expect, it } from "vitest";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { pruneUnknown } from "./prune.ts";

const obj: JSONSchemaProps = { type: "object" };

function prune(schema: JSONSchemaProps | undefined, value: unknown, isResourceRoot = false): { value: unknown; removed: string[] } {
  const removed = pruneUnknown(schema, value, { isResourceRoot });
  return { value, removed };
}

// Cases of kube's pruning TestPruneWithOptions (apiextensions-apiserver schema/pruning).
describe("pruneUnknown: kube's cases", () => {
  it("scalars and arrays of scalars stay", () => {
    expect(prune({}, 4)).toEqual({ value: 4, removed: [] });
    expect(prune({ items: {} }, [1, 2])).toEqual({ value: [1, 2], removed: [] });
  });

  it("objects in an array keep their specified fields; without a schema they lose all", () => {
    const schema: JSONSchemaProps = { items: { properties: { a: {}, b: {} } } };
    expect(prune(schema, [{ a: 1 }, { b: 1 }, { a: 1, b: 2, c: 3 }])).toEqual({
      value: [{ a: 1 }, { b: 1 }, { a: 1, b: 2 }],
      removed: ["[2].c"],
    });
    expect(prune(undefined, [{ a: 1 }, { b: 1 }], false)).toEqual({ value: [{}, {}], removed: ["[0].a", "[1].b"] });
  });

  it("nested x-kubernetes-preserve-unknown-fields", () => {
    const schema: JSONSchemaProps = {
      type: "object",
      "x-kubernetes-preserve-unknown-fields": true,
      properties: {
        alpha: { type: "string" },
        beta: { type: "number" },
        pruning: {
          type: "object",
          properties: { preserving: { type: "object", "x-kubernetes-preserve-unknown-fields": true }, pruning: obj },
        },
        preserving: {
          type: "object",
          "x-kubernetes-preserve-unknown-fields": true,
          properties: {
            preserving: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            preservingUnknownType: { "x-kubernetes-preserve-unknown-fields": true },
            pruning: obj,
          },
        },
        preservingAdditionalPropertiesNotInheritingXPreserveUnknownFields: {
          type: "object",
          "x-kubernetes-preserve-unknown-fields": true,
          additionalProperties: { type: "object", properties: { specified: obj } },
        },
        preservingAdditionalPropertiesKeyPruneValues: {
          type: "object",
          additionalProperties: { type: "object", properties: { specified: obj } },
        },
      },
    };
    const value = {
      unspecified: "bar",
      alpha: "abc",
      beta: 42.0,
      unspecifiedObject: { unspecified: "bar" },
      pruning: {
        unspecified: "bar",
        unspecifiedObject: { unspecified: "bar" },
        pruning: { unspecified: "bar" },
        apiVersion: "unknown",
        preserving: { unspecified: "bar" },
      },
      preserving: {
        unspecified: "bar",
        unspecifiedObject: { unspecified: "bar" },
        pruning: { unspecified: "bar" },
        preserving: { unspecified: "bar" },
        preservingUnknownType: [{ foo: true }, { bar: true }],
      },
      preservingAdditionalPropertiesNotInheritingXPreserveUnknownFields: { foo: { specified: { unspecified: "bar" }, unspecified: "bar" } },
      preservingAdditionalPropertiesKeyPruneValues: { foo: { specified: { unspecified: "bar" }, unspecified: "bar" } },
    };
    expect(prune(schema, value)).toEqual({
      value: {
        unspecified: "bar",
        alpha: "abc",
        beta: 42.0,
        unspecifiedObject: { unspecified: "bar" },
        pruning: { pruning: {}, preserving: { unspecified: "bar" } },
        preserving: {
          unspecified: "bar",
          unspecifiedObject: { unspecified: "bar" },
          pruning: {},
          preserving: { unspecified: "bar" },
          preservingUnknownType: [{ foo: true }, { bar: true }],
        },
        preservingAdditionalPropertiesNotInheritingXPreserveUnknownFields: { foo: { specified: {} } },
        preservingAdditionalPropertiesKeyPruneValues: { foo: { specified: {} } },
      },
      removed: [
        "preserving.pruning.unspecified",
        "preservingAdditionalPropertiesKeyPruneValues.foo.specified.unspecified",
        "preservingAdditionalPropertiesKeyPruneValues.foo.unspecified",
        "preservingAdditionalPropertiesNotInheritingXPreserveUnknownFields.foo.specified.unspecified",
        "preservingAdditionalPropertiesNotInheritingXPreserveUnknownFields.foo.unspecified",
        "pruning.apiVersion",
        "pruning.pruning.unspecified",
        "pruning.unspecified",
        "pruning.unspecifiedObject",
      ],
    });
  });

  it("additionalProperties: a schema prunes the values; a boolean keeps the keys but not what is inside", () => {
    const withSchema: JSONSchemaProps = { properties: { a: {}, c: { additionalProperties: { type: "integer" } } } };
    expect(prune(withSchema, { a: 1, b: 1, c: { a: 1, b: 2, c: { a: 1 } } })).toEqual({
      value: { a: 1, c: { a: 1, b: 2, c: {} } },
      removed: ["b", "c.c.a"],
    });
    const withBool: JSONSchemaProps = { properties: { a: {}, c: { additionalProperties: false } } };
    expect(prune(withBool, { a: 1, b: 1, c: { a: 1, b: 2, c: { a: 1, apiVersion: "unknown" } } })).toEqual({
      value: { a: 1, c: { a: 1, b: 2, c: {} } },
      removed: ["b", "c.c.a", "c.c.apiVersion"],
    });
  });

  it("x-kubernetes-embedded-resource keeps apiVersion, kind and metadata (metadata untouched)", () => {
    const schema: JSONSchemaProps = {
      type: "object",
      properties: {
        pruned: { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: obj } },
        preserving: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true },
        nested: {
          type: "object",
          "x-kubernetes-embedded-resource": true,
          properties: {
            spec: { type: "object", properties: { embedded: { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: obj } } } },
          },
        },
      },
    };
    const resource = () => ({ apiVersion: "foo/v1", kind: "Foo", unspecified: "bar", metadata: { name: "instance", unspecified: "bar" }, spec: { unspecified: "bar" } });
    const value = {
      apiVersion: "foo/v1",
      kind: "Foo",
      metadata: { name: "instance", unspecified: "bar" },
      unspecified: "bar",
      pruned: resource(),
      preserving: resource(),
      nested: { ...resource(), spec: { unspecified: "bar", embedded: resource() } },
    };
    const kept = () => ({ apiVersion: "foo/v1", kind: "Foo", metadata: { name: "instance", unspecified: "bar" }, spec: {} });
    const removed = [
      "nested.spec.embedded.spec.unspecified",
      "nested.spec.embedded.unspecified",
      "nested.spec.unspecified",
      "nested.unspecified",
      "pruned.spec.unspecified",
      "pruned.unspecified",
      "unspecified",
    ];
    // Not the resource root: the root's own apiVersion, kind and metadata go, unreported.
    expect(prune(schema, structuredClone(value), false)).toEqual({
      value: { pruned: kept(), preserving: resource(), nested: { ...kept(), spec: { embedded: kept() } } },
      removed,
    });
    // The resource root keeps them.
    expect(prune(schema, structuredClone(value), true)).toEqual({
      value: {
        apiVersion: "foo/v1",
        kind: "Foo",
        metadata: { name: "instance", unspecified: "bar" },
        pruned: kept(),
        preserving: resource(),
        nested: { ...kept(), spec: { embedded: kept() } },
      },
      removed,
    });
  });
});

describe("pruneUnknown", () => {
  const schema: JSONSchemaProps = {
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: {
          replicas: { type: "integer" },
          list: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
          choice: { type: "object", properties: { a: { type: "string" } }, anyOf: [{ properties: { b: { type: "string" } } }] },
        },
      },
    },
  };

  it("is for a whole resource by default and returns the removed paths sorted", () => {
    const value = {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w", extra: 1 },
      zeta: 1,
      spec: { replicas: 1, foo: "x", list: [{ name: "a", bar: 1 }], choice: { a: "x", b: "y" }, metadata: {} },
    };
    expect(pruneUnknown(schema, value)).toEqual(["spec.choice.b", "spec.foo", "spec.list[0].bar", "spec.metadata", "zeta"]);
    expect(value).toEqual({
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w", extra: 1 },
      spec: { replicas: 1, list: [{ name: "a" }], choice: { a: "x" } },
    });
  });

  it("without a schema keeps only the envelope of a resource", () => {
    const value = { apiVersion: "v1", kind: "K", metadata: {}, spec: {} };
    expect(pruneUnknown(undefined, value)).toEqual(["spec"]);
    expect(value).toEqual({ apiVersion: "v1", kind: "K", metadata: {} });
  });

  it("prunes an object where a scalar belongs (as kube does), leaves other mismatches for validation", () => {
    const value = { spec: { replicas: { nested: true }, list: "x" } };
    expect(pruneUnknown(schema, value)).toEqual(["spec.replicas.nested"]);
    expect(value).toEqual({ spec: { replicas: {}, list: "x" } });
  });
});
