import { describe, expect, it } from "vitest";
import { fieldErrorText } from "../../api/field-errors.ts";
import { coerceEmbeddedMeta } from "./coerce-embedded-meta.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";

const embedded: JSONSchemaProps = { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true };
const schema: JSONSchemaProps = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: { template: embedded, byName: { type: "object", additionalProperties: embedded }, list: { type: "array", items: embedded } },
    },
  },
};

describe("coerceEmbeddedMeta", () => {
  it("rewrites embedded metadata and reports its unknown fields, sorted", () => {
    const value = {
      metadata: { name: "root", junk: 1 },
      spec: {
        template: { apiVersion: "v1", kind: "Pod", metadata: { name: "t", zzz: 1, labels: {} }, spec: { keep: true } },
        byName: { a: { apiVersion: "v1", kind: "Pod", metadata: { aaa: 1 } } },
        list: [{ apiVersion: "v1", kind: "Pod", metadata: null }],
      },
    };
    expect(coerceEmbeddedMeta(schema, value)).toEqual({
      unknownFields: ["spec.byName[a].metadata.aaa", "spec.template.metadata.zzz"],
    });
    expect(value).toEqual({
      metadata: { name: "root", junk: 1 },
      spec: {
        template: { apiVersion: "v1", kind: "Pod", metadata: { name: "t" }, spec: { keep: true } },
        byName: { a: { apiVersion: "v1", kind: "Pod", metadata: {} } },
        list: [{ apiVersion: "v1", kind: "Pod", metadata: {} }],
      },
    });
  });

  it("coerces the root too when asked", () => {
    const value = { apiVersion: "v1", kind: "K", metadata: { name: "r", junk: 1 } };
    expect(coerceEmbeddedMeta({ type: "object" }, value, { isResourceRoot: true })).toEqual({ unknownFields: ["metadata.junk"] });
    expect(value.metadata).toEqual({ name: "r" });
  });

  it("stops at the first malformed envelope", () => {
    const kind = coerceEmbeddedMeta(schema, { spec: { template: { apiVersion: "v1", kind: 5 } } });
    expect(kind.error && fieldErrorText(kind.error)).toBe("spec.template.kind: Invalid value: 5: must be a string");
    const meta = coerceEmbeddedMeta(schema, { spec: { list: [{ metadata: { name: ["x"] } }] } });
    expect(meta.error && fieldErrorText(meta.error)).toBe(
      `spec.list[0].metadata: Invalid value: {"name":["x"]}: json: cannot unmarshal array into Go struct field ObjectMeta.name of type string`,
    );
  });
});
