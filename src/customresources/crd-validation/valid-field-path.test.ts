import { describe, expect, it } from "vitest";
import { newStructural } from "./structural.ts";
import { validFieldPath } from "./valid-field-path.ts";

const schema = newStructural({
  type: "object",
  properties: {
    spec: { type: "object", properties: { "a.b": { type: "string" }, labels: { type: "object", additionalProperties: { type: "string" } } } },
    metadata: { type: "object" },
  },
});

describe("validFieldPath", () => {
  it("walks properties and map keys, printing the path as field.Path does", () => {
    const found = validFieldPath(".spec.labels.app", schema);
    expect(found).toMatchObject({ path: "spec.labels[app]", root: "spec" });
    expect("schema" in found && found.schema?.generic.type).toBe("string");
    expect(validFieldPath(".spec['a.b']", schema)).toMatchObject({ path: "spec.a.b" });
    expect(validFieldPath(".spec.labels['x\\'y']", schema)).toMatchObject({ path: "spec.labels[x'y]" });
  });

  it("gives kube's errors", () => {
    expect(validFieldPath(".spec.nope", schema)).toEqual({ error: "does not refer to a valid field" });
    expect(validFieldPath("spec", schema)).toEqual({ error: "expected [ or . but got: spec" });
    expect(validFieldPath(".spec.", schema)).toEqual({ error: "unexpected end of JSON path" });
    expect(validFieldPath(".spec[a]", schema)).toEqual({ error: "expected single quoted string but got a" });
    expect(validFieldPath(".spec['a.b'", schema)).toEqual({ error: "unexpected end of JSON path" });
    expect(validFieldPath(".spec['a.b'x", schema)).toEqual({ error: "expected ] but got x" });
    expect(validFieldPath(".spec['\\q']", schema)).toEqual({ error: "invalid string literal: invalid escape char \\q" });
    expect(validFieldPath(".spec['a.b']", schema, false)).toEqual({ error: "array notation is not allowed" });
    expect(validFieldPath(".spec.labels.app.x", schema)).toEqual({ error: "does not refer to a valid field" });
  });
});
