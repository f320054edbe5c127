import { describe, expect, it } from "vitest";
import { fieldErrorText } from "../../api/field-errors.ts";
import type { JSONSchemaProps, ValidationRule } from "../schema/json-schema-props.ts";
import { compileRules } from "./compile-rules.ts";

const base = "spec.versions[0].schema.openAPIV3Schema";
const specPath = `${base}.properties[spec].x-kubernetes-validations`;

function specWith(rules: ValidationRule[], properties: Record<string, JSONSchemaProps> = {}): JSONSchemaProps {
  return {
    type: "object",
    properties: {
      spec: {
        type: "object",
        properties: { replicas: { type: "integer" }, name: { type: "string" }, ...properties },
        "x-kubernetes-validations": rules,
      },
    },
  };
}

function errors(schema: JSONSchemaProps): string[] {
  return compileRules(schema, base).errors.map(fieldErrorText);
}

describe("compileRules", () => {
  it("compiles valid rules once per schema, with no errors", () => {
    const schema = specWith([{ rule: "self.replicas >= 0" }, { rule: "self.name.startsWith('a')", message: "bad name" }]);
    const compiled = compileRules(schema, base);
    expect(compiled.errors).toEqual([]);
    expect(compiled.root?.properties?.get("spec")?.rules.map((r) => !!r.program)).toEqual([true, true]);
    expect(compileRules(schema, base)).toBe(compiled);
    expect(compileRules({ type: "object" }).root).toBeUndefined();
  });

  it("reports compilation errors in kube's words, with the rule as the value", () => {
    expect(errors(specWith([{ rule: "self.replicas > 0 && self.foo == 1" }]))).toEqual([
      `${specPath}[0].rule: Invalid value: {"Rule":"self.replicas > 0 && self.foo == 1","Message":"","MessageExpression":"","Reason":null,"FieldPath":"","OptionalOldSelf":null}: ` +
        "compilation failed: ERROR: <input>:1:26: undefined field 'foo'\n | self.replicas > 0 && self.foo == 1\n | .........................^",
    ]);
    expect(errors(specWith([{ rule: "size(other) > 0", message: "m", reason: "FieldValueForbidden" }]))).toEqual([
      `${specPath}[0].rule: Invalid value: {"Rule":"size(other) > 0","Message":"m","MessageExpression":"","Reason":"FieldValueForbidden","FieldPath":"","OptionalOldSelf":null}: ` +
        "compilation failed: ERROR: <input>:1:6: undeclared reference to 'other' (in container '')\n | size(other) > 0\n | .....^",
    ]);
    expect(errors(specWith([{ rule: "self.replicas + 'a' == 1" }]))[0]).toContain(
      "compilation failed: ERROR: <input>:1:15: found no matching overload for '_+_' applied to '(int, string)'",
    );
    expect(errors(specWith([{ rule: "self.name.nope()" }]))[0]).toContain("ERROR: <input>:1:15: undeclared reference to 'nope' (in container '')");
    expect(errors(specWith([{ rule: "self.replicas >" }]))[0]).toContain("compilation failed: ERROR: <input>:1:16: Syntax error: ");
  });

  it("requires a bool rule and a string messageExpression", () => {
    expect(errors(specWith([{ rule: "self.replicas" }]))).toEqual([
      `${specPath}[0].rule: Invalid value: {"Rule":"self.replicas","Message":"","MessageExpression":"","Reason":null,"FieldPath":"","OptionalOldSelf":null}: cel expression must evaluate to a bool`,
    ]);
    expect(errors(specWith([{ rule: "true", messageExpression: "self.replicas" }]))).toEqual([
      `${specPath}[0].messageExpression: Invalid value: {"Rule":"true","Message":"","MessageExpression":"self.replicas","Reason":null,"FieldPath":"","OptionalOldSelf":null}: messageExpression must evaluate to a string`,
    ]);
    expect(errors(specWith([{ rule: "true", messageExpression: "'x' + self.nope" }]))[0]).toContain(
      "messageExpression compilation failed: ERROR: <input>:1:11: undefined field 'nope'",
    );
  });

  it("checks constant regular expressions", () => {
    expect(errors(specWith([{ rule: "self.name.matches('[a-z')" }]))[0]).toContain(
      "compilation failed: ERROR: <input>:1:19: invalid matches argument\n | self.name.matches('[a-z')\n | ..................^",
    );
    expect(errors(specWith([{ rule: "self.name.find('(') == ''" }]))[0]).toContain(
      "program instantiation failed: error parsing regexp: missing closing ): `(`",
    );
  });

  it("forbids oldSelf where old values do not correlate, and optionalOldSelf without oldSelf", () => {
    const listOf = (type: "atomic" | "set" | "map" | undefined): JSONSchemaProps => ({
      type: "array",
      "x-kubernetes-list-type": type,
      ...(type === "map" ? { "x-kubernetes-list-map-keys": ["k"] } : {}),
      items: {
        type: "object",
        required: ["k"],
        properties: { k: { type: "string" }, tags: { type: "array", items: { type: "string", "x-kubernetes-validations": [{ rule: "self == oldSelf" }] } } },
        "x-kubernetes-validations": [{ rule: "self.k == oldSelf.k" }],
      },
    });
    expect(errors(specWith([], { list: listOf("map") }))).toEqual([
      `${base}.properties[spec].properties[list].items.properties[tags].items.x-kubernetes-validations[0].rule: Invalid value: "self == oldSelf": ` +
        `oldSelf cannot be used on the uncorrelatable portion of the schema within ${base}.properties[spec].properties[list].items.properties[tags]`,
    ]);
    for (const type of ["set", "atomic", undefined] as const) {
      expect(errors(specWith([], { list: listOf(type) }))).toEqual([
        `${base}.properties[spec].properties[list].items.properties[tags].items.x-kubernetes-validations[0].rule: Invalid value: "self == oldSelf": ` +
          `oldSelf cannot be used on the uncorrelatable portion of the schema within ${base}.properties[spec].properties[list]`,
        `${base}.properties[spec].properties[list].items.x-kubernetes-validations[0].rule: Invalid value: "self.k == oldSelf.k": ` +
          `oldSelf cannot be used on the uncorrelatable portion of the schema within ${base}.properties[spec].properties[list]`,
      ]);
    }
    expect(errors(specWith([{ rule: "self.replicas > 0", optionalOldSelf: true }]))).toEqual([
      `${specPath}[0].optionalOldSelf: Invalid value: true: may not be set if oldSelf is not used in rule`,
    ]);
    expect(errors(specWith([{ rule: "!oldSelf.hasValue() || self.replicas >= oldSelf.value().replicas", optionalOldSelf: true }]))).toEqual([]);
  });

  it("checks the rules' own fields before compiling them", () => {
    const schema = specWith([
      { rule: "  " },
      { rule: "self.replicas > 0", message: "  " },
      { rule: "self.replicas > 0 &&\nself.replicas < 5" },
      { rule: "self.replicas > 0", messageExpression: " " },
      { rule: "self.replicas > 0", reason: "FieldValueBogus" as ValidationRule["reason"] },
      { rule: "self.replicas > 0", fieldPath: ".nope" },
      { rule: "self.nope" },
    ]);
    expect(errors(schema)).toEqual([
      `${specPath}[0].rule: Required value: rule is not specified`,
      `${specPath}[1].message: Invalid value: "  ": must be non-empty if specified`,
      `${specPath}[2].message: Required value: message must be specified if rule contains line breaks`,
      `${specPath}[3].messageExpression: Required value: messageExpression must be non-empty if specified`,
      `${specPath}[4].reason: Unsupported value: "FieldValueBogus": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"`,
      `${specPath}[5].fieldPath: Invalid value: ".nope": must be a valid path`,
    ]);
  });

  it("sees apiVersion, kind and metadata.name at resource roots only", () => {
    const schema: JSONSchemaProps = {
      type: "object",
      "x-kubernetes-validations": [{ rule: "self.metadata.name.size() < 10 && self.kind == 'X' && self.apiVersion != ''" }, { rule: "has(self.metadata.labels)" }],
      properties: {
        spec: {
          type: "object",
          properties: { inner: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-validations": [{ rule: "self.kind != ''" }] } },
          "x-kubernetes-validations": [{ rule: "self.kind == ''" }],
        },
      },
    };
    const out = errors(schema);
    expect(out).toHaveLength(2);
    expect(out[0]).toContain(`${base}.properties[spec].x-kubernetes-validations[0].rule: `);
    expect(out[0]).toContain("undefined field 'kind'");
    expect(out[1]).toContain(`${base}.x-kubernetes-validations[1].rule: `);
    expect(out[1]).toContain("undefined field 'labels'");
  });

  it("escapes property names kube's way", () => {
    const schema = specWith([{ rule: "self.max__dash__surge >= 0 && self.__namespace__ != '' && self.a__dot__b" }], {
      "max-surge": { type: "integer" },
      namespace: { type: "string" },
      "a.b": { type: "boolean" },
    });
    expect(errors(schema)).toEqual([]);
  });
});
