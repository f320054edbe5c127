import { describe, expect, it } from "vitest";
import { goEqual, goItems, goSchema, goVersions } from "./go-value.ts";

describe("goSchema", () => {
  it("writes every field of the internal struct under its Go name, zero values included", () => {
    const go = goSchema({ type: "object", properties: { b: { type: "string" }, a: { type: "integer", default: 3 } } });
    expect(Object.keys(go)).toHaveLength(44);
    expect(Object.keys(go).slice(0, 6)).toEqual(["ID", "Schema", "Ref", "Description", "Type", "Nullable"]);
    expect(go.Type).toBe("object");
    expect(go.Ref).toBeNull();
    expect(go.Enum).toBeNull();
    expect(go.XPreserveUnknownFields).toBeNull();
    const props = go.Properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(props)).toEqual(["a", "b"]);
    expect(props.a.Default).toBe(3);
    expect(props.a.XEmbeddedResource).toBe(false);
  });

  it("writes the Or-types as kube's structs", () => {
    expect(goSchema({ additionalProperties: false }).AdditionalProperties).toEqual({ Allows: false, Schema: null });
    expect((goSchema({ additionalProperties: { type: "string" } }).AdditionalProperties as { Allows: boolean }).Allows).toBe(true);
    expect(goItems([])).toEqual({ Schema: null, JSONSchemas: [] });
    expect(goSchema({ "x-kubernetes-validations": [{ rule: "self > 0" }] }).XValidations).toEqual([
      { Rule: "self > 0", Message: "", MessageExpression: "", Reason: null, FieldPath: "", OptionalOldSelf: null },
    ]);
  });
});

describe("goVersions", () => {
  it("shows versions as kube shows them in spec.versions errors", () => {
    expect(JSON.stringify(goVersions([{ name: "v1", served: true, storage: false, deprecated: false }]))).toBe(
      '[{"Name":"v1","Served":true,"Storage":false,"Deprecated":false,"DeprecationWarning":null,"Schema":null,"Subresources":null,"AdditionalPrinterColumns":null,"SelectableFields":null}]',
    );
    expect(goVersions(undefined)).toBeNull();
  });
});

describe("goEqual with emptyAsNil", () => {
  it("treats empty and missing lists alike but not false and missing pointers", () => {
    const nil = { emptyAsNil: true };
    expect(goEqual(goSchema({ enum: [] }, nil), goSchema({}, nil))).toBe(true);
    expect(goEqual(goSchema({ "x-kubernetes-preserve-unknown-fields": false }, nil), goSchema({}, nil))).toBe(false);
    expect(goEqual(goSchema({ description: "" }, nil), goSchema({}, nil))).toBe(true);
  });
});
