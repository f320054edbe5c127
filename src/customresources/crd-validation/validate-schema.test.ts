import { describe, expect, it } from "vitest";
import { fieldErrorText as text, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { widgetSchema } from "./crd-fixture.ts";
import { validateSchema } from "./validate-schema.ts";
import { createOptions, type CRDValidationOptions, type DefaultContext } from "./validation-options.ts";

const P = "spec.validation";
const check = (s: JSONSchemaProps, status = false, hooks: CRDValidationOptions = {}) => validateSchema({ openAPIV3Schema: s }, status, createOptions(hooks), P).map(text);

describe("validateSchema", () => {
  it("accepts a structural schema, and no schema at all", () => {
    expect(check(widgetSchema(), true)).toEqual([]);
    expect(validateSchema(undefined, true, createOptions({}), P)).toEqual([]);
    expect(validateSchema({}, true, createOptions({}), P)).toEqual([]);
  });

  it("with /status, allows only some fields at the root, and only type object", () => {
    expect(check({ ...widgetSchema(), type: "array" }, true)[0]).toBe(
      `${P}.openAPIV3Schema.type: Invalid value: "array": only "object" is allowed as the type at the root of the schema if the status subresource is enabled`,
    );
    const [error] = check({ ...widgetSchema(), "x-kubernetes-preserve-unknown-fields": true, enum: [{}] }, true);
    expect(error).toMatch(/^spec\.validation\.openAPIV3Schema: Invalid value: \{"ID":"","Schema":"","Ref":null,"Description":"","Type":"object",.*"Enum":\[\{\}\],/);
    expect(error).toMatch(
      /: only \[Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations\] fields are allowed at the root of the schema if the status subresource is enabled$/,
    );
    expect(check({ ...widgetSchema(), enum: [{}] }, false)).toEqual([]);
  });

  it("forbids a nullable root", () => {
    expect(check({ ...widgetSchema(), nullable: true })).toEqual([`${P}.openAPIV3Schema.nullable: Forbidden: nullable cannot be true at the root`]);
  });

  it("reports structural errors before the walk's", () => {
    expect(check({ type: "object", properties: { a: {}, b: { type: "string", uniqueItems: true } } })).toEqual([
      `${P}.openAPIV3Schema.properties[a].type: Required value: must not be empty for specified object fields`,
      `${P}.openAPIV3Schema.properties[b].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
    ]);
  });

  it("shows a schema that cannot be made structural only when nothing else is wrong", () => {
    expect(check({ ...widgetSchema(), $schema: "http://json-schema.org/schema#" })).toEqual([
      `${P}.openAPIV3Schema: Invalid value: "": OpenAPIV3Schema 'schema' is not supported`,
    ]);
    expect(check({ ...widgetSchema(), $ref: "#/x" })).toEqual([`${P}.openAPIV3Schema.$ref: Forbidden: $ref is not supported`]);
  });
});

describe("validateSchema: defaults", () => {
  type Call = [string, unknown, DefaultContext];
  const schema: JSONSchemaProps = {
    type: "object",
    properties: {
      spec: {
        type: "object",
        default: {},
        properties: {
          items: { type: "array", items: { type: "object", properties: { n: { type: "integer", default: 1 } } } },
          emb: {
            type: "object",
            "x-kubernetes-embedded-resource": true,
            properties: { metadata: { type: "object", properties: { name: { type: "string", default: "x" } } }, apiVersion: { type: "string" } },
          },
        },
      },
      dict: { type: "object", additionalProperties: { type: "string", default: "ignored" } },
    },
  };

  it("hands every default reached through properties and items to validateDefault", () => {
    const calls: Call[] = [];
    const errors = check(schema, false, { validateDefault: (_s, value, path, ctx) => (calls.push([path, value, ctx]), []) });
    expect(errors).toEqual([]);
    expect(calls.map(([path, value, ctx]) => [path, value, ctx.pathInResource, ctx.insideMeta, ctx.requirePrunedDefaults])).toEqual([
      [`${P}.openAPIV3Schema.properties[spec].default`, {}, ["spec"], false, true],
      [`${P}.openAPIV3Schema.properties[spec].properties[emb].properties[metadata].properties[name].default`, "x", ["metadata", "name"], true, true],
      [`${P}.openAPIV3Schema.properties[spec].properties[items].items.properties[n].default`, 1, ["spec", "items", null, "n"], false, true],
    ]);
    expect(calls[0][2].resourceSchema).toBe(schema);
    expect(calls.map(([, , ctx]) => ctx.nodeIsResource)).toEqual([false, false, false]);
    expect(calls[1][2].resourceSchema).toBe(schema.properties!.spec.properties!.emb);
  });

  it("tells when the default is a whole resource's", () => {
    const contexts: DefaultContext[] = [];
    const emb: JSONSchemaProps = { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true, default: { kind: "K" } };
    check({ type: "object", properties: { emb } }, false, { validateDefault: (_s, _v, _p, ctx) => (contexts.push(ctx), []) });
    expect(contexts.map((c) => [c.nodeIsResource, c.resourceSchema === emb, c.pathInResource])).toEqual([[true, true, []]]);
  });

  it("reports the errors of defaults, and then compiles no rules", () => {
    const compiled: string[] = [];
    const invalid: FieldError = { type: "FieldValueInvalid", field: `${P}.openAPIV3Schema.properties[spec].default`, value: {}, detail: "must not have unknown fields" };
    const errors = check({ ...schema, "x-kubernetes-validations": [{ rule: "true" }] }, false, {
      validateDefault: (_s, _v, path) => (path.endsWith("properties[spec].default") ? [invalid] : []),
      compileRules: (_s, path) => (compiled.push(path), []),
    });
    expect(errors).toEqual([`${P}.openAPIV3Schema.properties[spec].default: Invalid value: {}: must not have unknown fields`]);
    expect(compiled).toEqual([]);
  });

  it("checks no default, and compiles no rule, when the schema is not structural", () => {
    const calls: string[] = [];
    check({ type: "object", "x-kubernetes-validations": [{ rule: "true" }], properties: { a: { default: 1 } } }, false, {
      validateDefault: (_s, _v, path) => (calls.push(path), []),
      compileRules: (_s, path) => (calls.push(path), []),
    });
    expect(calls).toEqual([]);
  });
});
