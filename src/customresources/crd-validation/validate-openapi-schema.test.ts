import { describe, expect, it } from "vitest";
import { fieldErrorText as text } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { validateOpenAPISchema, type StandardValidator } from "./validate-openapi-schema.ts";
import { createOptions, type RuleCompileContext } from "./validation-options.ts";

const P = "spec.validation.openAPIV3Schema";
const ssv: StandardValidator = { allowDefaults: true, disallowDefaultsReason: "", insideResourceMeta: false, requireValidPropertyType: true };
const check = (s: JSONSchemaProps) => validateOpenAPISchema(s, P, ssv, true, createOptions({}), undefined).schema.map(text);

describe("validateOpenAPISchema", () => {
  it("forbids the OpenAPI features a CRD may not use", () => {
    expect(
      check({ type: "object", id: "x", $ref: "#/a", additionalItems: true, patternProperties: { a: {} }, definitions: { d: {} }, dependencies: {}, uniqueItems: true } as JSONSchemaProps),
    ).toEqual([
      `${P}.id: Forbidden: id is not supported`,
      `${P}.additionalItems: Forbidden: additionalItems is not supported`,
      `${P}.patternProperties: Forbidden: patternProperties is not supported`,
      `${P}.definitions: Forbidden: definitions is not supported`,
      `${P}.dependencies: Forbidden: dependencies is not supported`,
      `${P}.$ref: Forbidden: $ref is not supported`,
      `${P}.uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
    ]);
  });

  it("checks types", () => {
    expect(check({ type: "object", properties: { a: { type: "null" }, b: { type: "date" } } })).toEqual([
      `${P}.properties[a].type: Unsupported value: "null": supported values: "array", "boolean", "integer", "number", "object", "string"`,
      `${P}.properties[a].type: Forbidden: type cannot be set to null, use nullable as an alternative`,
      `${P}.properties[b].type: Unsupported value: "date": supported values: "array", "boolean", "integer", "number", "object", "string"`,
    ]);
  });

  it("forbids additionalProperties beside properties, unless it is true", () => {
    expect(check({ type: "object", properties: { a: { type: "string" } }, additionalProperties: false })).toEqual([
      `${P}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
    ]);
    expect(check({ type: "object", properties: { a: { type: "string" } }, additionalProperties: true })).toEqual([]);
  });

  it("forbids defaults in the root's metadata, apiVersion and kind, and inside maps of embedded metadata", () => {
    expect(
      check({
        type: "object",
        properties: {
          metadata: { type: "object", default: {} },
          kind: { type: "string", default: "K" },
          spec: {
            type: "object",
            properties: {
              e: {
                type: "object",
                "x-kubernetes-embedded-resource": true,
                properties: { metadata: { type: "object", properties: { labels: { type: "object", additionalProperties: { type: "string", default: "x" } } } } },
              },
            },
          },
        },
      }),
    ).toEqual([
      `${P}.properties[kind].default: Forbidden: must not be set in top-level kind`,
      `${P}.properties[metadata].default: Forbidden: must not be set in top-level metadata`,
      `${P}.properties[spec].properties[e].properties[metadata].properties[labels].additionalProperties.default: Forbidden: must not be set inside additionalProperties applying to object metadata`,
    ]);
  });

  it("forbids embedded resources inside resource metadata and items given as a list", () => {
    expect(check({ type: "object", properties: { metadata: { type: "object", properties: { x: { type: "object", "x-kubernetes-embedded-resource": true } } }, l: { type: "array", items: [{ type: "string" }] } } })).toEqual([
      `${P}.properties[l].items: Forbidden: items must be a schema object and not an array`,
      `${P}.properties[metadata].properties[x].x-kubernetes-embedded-resource: Forbidden: must not be used inside of resource meta`,
    ]);
  });

  it("wants x-kubernetes-preserve-unknown-fields true or unset", () => {
    expect(check({ type: "object", "x-kubernetes-preserve-unknown-fields": false })).toEqual([
      `${P}.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined`,
    ]);
  });
});

describe("validateOpenAPISchema: rule compilation", () => {
  type Call = [string, RuleCompileContext];
  function compile(s: JSONSchemaProps): { calls: Call[]; cel: string[]; schema: string[] } {
    const calls: Call[] = [];
    const opts = createOptions({
      compileRules: (_schema, path, ctx) => {
        calls.push([path, ctx]);
        return [{ type: "FieldValueInvalid", field: `${path}.x-kubernetes-validations[0].rule`, value: "r", detail: "compile error" }];
      },
    });
    const out = validateOpenAPISchema(s, P, ssv, true, opts, { isRoot: true, maxCardinality: 1 });
    return { calls, cel: out.cel.map(text), schema: out.schema.map(text) };
  }
  const rule = [{ rule: "self.x" }];

  it("compiles each node's rules with its context, after all schema errors", () => {
    const { calls, cel } = compile({
      type: "object",
      "x-kubernetes-validations": rule,
      properties: {
        list: { type: "array", maxItems: 4, items: { type: "object", "x-kubernetes-validations": rule, properties: { m: { type: "object", additionalProperties: { type: "string", "x-kubernetes-validations": rule } } } } },
        emb: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true, "x-kubernetes-validations": rule },
      },
    });
    expect(calls.map(([path, ctx]) => [path, ctx.isResourceRoot, ctx.uncorrelatablePath, ctx.maxCardinality])).toEqual([
      [`${P}.properties[emb]`, true, undefined, 1],
      [`${P}.properties[list].items.properties[m].additionalProperties`, false, `${P}.properties[list]`, undefined],
      [`${P}.properties[list].items`, false, `${P}.properties[list]`, 4],
      [P, true, undefined, 1],
    ]);
    expect(cel[0]).toBe(`${P}.properties[emb].x-kubernetes-validations[0].rule: Invalid value: "r": compile error`);
  });

  it("skips nodes with schema errors at or below them", () => {
    const { calls, schema } = compile({
      type: "object",
      "x-kubernetes-validations": rule,
      properties: { bad: { type: "object", uniqueItems: true }, good: { type: "object", "x-kubernetes-validations": rule } },
    });
    expect(schema).toHaveLength(1);
    expect(calls.map(([path]) => path)).toEqual([`${P}.properties[good]`]);
  });

  it("does not compile under allOf, anyOf, oneOf or not", () => {
    const { calls } = compile({ type: "object", allOf: [{ "x-kubernetes-validations": rule }] });
    expect(calls).toEqual([]);
  });
});
