import { describe, expect, it } from "vitest";
import { fieldErrorText } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { validateListTypes } from "./validate-list-types.ts";

const set: JSONSchemaProps = { type: "array", "x-kubernetes-list-type": "set" };

describe("validateListTypes", () => {
  it("compares compound set items by value, scalars by type and value", () => {
    const schema: JSONSchemaProps = { type: "object", properties: { s: set } };
    const errors = validateListTypes(schema, { s: [{ a: 1, b: 2 }, { b: 2, a: 1 }, "1", 1, null, null] });
    expect(errors).toEqual([
      { type: "FieldValueDuplicate", field: "s[1]", value: { b: 2, a: 1 } },
      { type: "FieldValueDuplicate", field: "s[5]", value: null },
    ]);
  });

  it("walks items and map values; a prefix leads every path", () => {
    const schema: JSONSchemaProps = {
      type: "object",
      properties: { outer: { type: "array", items: { type: "object", properties: { s: set } } }, m: { type: "object", additionalProperties: set } },
    };
    expect(validateListTypes(schema, { outer: [{ s: [1, 1] }], m: { "a.b": [true, true] } }, "status").map(fieldErrorText)).toEqual([
      "status.outer[0].s[1]: Duplicate value: 1",
      "status.m[a.b][1]: Duplicate value: true",
    ]);
  });

  it("ignores lists without a list type and non-object roots", () => {
    expect(validateListTypes({ type: "object", properties: { l: { type: "array" } } }, { l: [1, 1] })).toEqual([]);
    expect(validateListTypes(set, [1, 1])).toEqual([]);
  });
});
