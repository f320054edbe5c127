import { describe, expect, it } from "vitest";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { pruneNonNullableNulls } from "./prune-nulls.ts";

describe("pruneNonNullableNulls", () => {
  // kube's TestPruneNonNullableNullsWithoutDefaults.
  it("drops nulls neither nullable nor defaulted; keeps the rest", () => {
    const schema: JSONSchemaProps = {
      items: {
        properties: {
          a: { default: "A" },
          b: { nullable: true },
          c: { default: "C", nullable: true },
          d: {},
        },
      },
    };
    const value = [{ a: null }, { b: null }, { c: null }, { d: null }, { e: null }];
    pruneNonNullableNulls(schema, value);
    expect(value).toEqual([{ a: null }, { b: null }, { c: null }, {}, { e: null }]);
  });

  it("leaves scalars and list items alone, walks additionalProperties", () => {
    const list = [1, null];
    pruneNonNullableNulls(undefined, list);
    expect(list).toEqual([1, null]);
    const value = { m: { x: null, y: { z: null } } };
    pruneNonNullableNulls({ properties: { m: { additionalProperties: { type: "object", properties: { z: { type: "string" } } } } } }, value);
    expect(value).toEqual({ m: { y: {} } });
  });
});
