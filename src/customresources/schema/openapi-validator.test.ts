import { describe, expect, it } from "vitest";
import { Correlation } from "./correlation.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { validateOpenAPI } from "./openapi-validator.ts";

const messages = (schema: JSONSchemaProps, value: unknown, old?: unknown): string[] =>
  validateOpenAPI(schema, value, old === undefined ? undefined : new Correlation(value, old, schema)).map((e) => e.message);

describe("validateOpenAPI", () => {
  it("names root properties without a leading dot, root map keys and required fields with one", () => {
    const schema: JSONSchemaProps = { type: "object", required: ["x"], properties: { a: { type: "string" } }, additionalProperties: { type: "string" } };
    expect(validateOpenAPI(schema, { a: 1, b: 2 }).map((e) => e.name)).toEqual([".b", "a", ".x"]);
  });

  it("checks a format-only node's type by the value's Go format", () => {
    expect(messages({ format: "date" }, { a: 1 })).toEqual([` in body must be of type date: ""`]);
    expect(messages({ format: "date" }, 1.5)).toEqual([` in body must be of type date: "float64"`]);
    expect(messages({ format: "date" }, "2024-01-01")).toEqual([]);
  });

  it("oneOf keeps the errors of the first failing branch with the most matches", () => {
    const schema: JSONSchemaProps = {
      type: "object",
      oneOf: [{ required: ["a"] }, { properties: { b: { type: "integer", maximum: 1 } }, required: ["b"] }],
    };
    expect(messages(schema, { b: 5 })).toEqual([
      `"" must validate one and only one schema (oneOf). Found none valid`,
      "b in body should be less than or equal to 1",
    ]);
  });

  it("ratchets only below a correlation, never across anyOf branches", () => {
    const schema: JSONSchemaProps = { type: "object", properties: { a: { type: "string", maxLength: 1 } }, anyOf: [{ required: ["z"] }] };
    expect(messages(schema, { a: "long" }, { a: "long", b: 1 })).toEqual([
      `"" must validate at least one schema (anyOf)`,
      ".z in body is required",
    ]);
    expect(messages(schema, { a: "long" }, { a: "long" })).toEqual([]);
  });
});
