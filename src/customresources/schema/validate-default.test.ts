import { describe, expect, it } from "vitest";
import { fieldErrorText } from "../../api/field-errors.ts";
import type { DefaultContext } from "../crd-validation/validation-options.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { validateDefault } from "./validate-default.ts";

const root: JSONSchemaProps = { type: "object" };
const plain = (over: Partial<DefaultContext> = {}): DefaultContext => ({
  resourceSchema: root,
  pathInResource: ["spec"],
  insideMeta: false,
  nodeIsResource: false,
  requirePrunedDefaults: true,
  ...over,
});
const check = (schema: JSONSchemaProps, value: unknown, ctx: DefaultContext): string[] => validateDefault(schema, value, "x.default", ctx).map(fieldErrorText);

describe("validateDefault", () => {
  it("a default must be pruned already, then valid against its schema (paths under the default)", () => {
    const schema: JSONSchemaProps = { type: "object", properties: { a: { type: "string" }, n: { type: "integer", minimum: 1 } } };
    expect(check(schema, { a: "x" }, plain())).toEqual([]);
    expect(check(schema, { a: "x", b: 1 }, plain())).toEqual([`x.default: Invalid value: {"a":"x","b":1}: must not have unknown fields`]);
    expect(check(schema, { a: "x", b: 1 }, plain({ requirePrunedDefaults: false }))).toEqual([]);
    expect(check(schema, { n: 0 }, plain())).toEqual(["x.default.n: Invalid value: 0: n in body should be greater than or equal to 1"]);
    expect(check({ type: "integer", maximum: 5 }, 10, plain())).toEqual(["x.default: Invalid value: 10:  in body should be less than or equal to 5"]);
  });

  it("checks the embedded resources inside a default", () => {
    const schema: JSONSchemaProps = { type: "object", properties: { t: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true } } };
    expect(check(schema, { t: { apiVersion: "v1" } }, plain())).toEqual(["x.default.t.kind: Required value"]);
    expect(check(schema, { t: { apiVersion: "v1", kind: 1 } }, plain())).toEqual(["x.default.t.kind: Invalid value: 1: must be a string"]);
  });

  it("a default inside metadata must give valid metadata in the object it implies", () => {
    const resource: JSONSchemaProps = {
      type: "object",
      "x-kubernetes-embedded-resource": true,
      properties: { metadata: { type: "object", properties: { name: { type: "string" }, labels: { type: "object" } } } },
    };
    const ctx = (path: string[]): DefaultContext => plain({ resourceSchema: resource, pathInResource: path, insideMeta: true });
    expect(check({ type: "string" }, "good", ctx(["metadata", "name"]))).toEqual([]);
    expect(check({ type: "string" }, "Bad/Name", ctx(["metadata", "name"]))).toEqual([
      `x.default: Invalid value: "Bad/Name": must result in valid metadata: metadata.name: Invalid value: "Bad/Name": may not contain '/'`,
    ]);
    expect(check({ type: "object" }, "x", ctx(["metadata", "labels"]))).toEqual([
      `x.default: Invalid value: "x": must result in valid metadata: metadata: Invalid value: {"labels":"x"}: json: cannot unmarshal string into Go struct field ObjectMeta.labels of type map[string]string`,
    ]);
  });

  it("runs the node's CEL rules on the default", () => {
    const schema: JSONSchemaProps = { type: "integer", "x-kubernetes-validations": [{ rule: "self > 5" }] };
    expect(check(schema, 7, plain())).toEqual([]);
    expect(check(schema, 3, plain())).toEqual(["x.default: Invalid value: 3: failed rule: self > 5"]);
  });
});
