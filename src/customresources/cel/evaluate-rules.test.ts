import { describe, expect, it } from "vitest";
import { fieldErrorText, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps, ValidationRule } from "../schema/json-schema-props.ts";
import { compileRules } from "./compile-rules.ts";
import { evaluateRules, type EvaluateOptions } from "./evaluate-rules.ts";

const specProperties: Record<string, JSONSchemaProps> = {
  replicas: { type: "integer" },
  max: { type: "integer" },
  name: { type: "string" },
  mode: { type: "string", nullable: true },
  port: { "x-kubernetes-int-or-string": true },
  labels: { type: "object", additionalProperties: { type: "string" } },
};

function crd(specRules: ValidationRule[], extra: Partial<JSONSchemaProps> = {}, properties: Record<string, JSONSchemaProps> = {}): JSONSchemaProps {
  return {
    type: "object",
    properties: { spec: { type: "object", properties: { ...specProperties, ...properties }, "x-kubernetes-validations": specRules } },
    ...extra,
  };
}

function resource(spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec };
}

function run(schema: JSONSchemaProps, obj: unknown, old?: unknown, options?: EvaluateOptions): string[] {
  const compiled = compileRules(schema);
  expect(compiled.errors.map(fieldErrorText)).toEqual([]);
  return evaluateRules(compiled, schema, obj, old, "", options).map(fieldErrorText);
}

describe("evaluateRules", () => {
  it("passes valid objects and reports failing rules with kube's message", () => {
    const schema = crd([
      { rule: "self.replicas <= self.max" },
      { rule: "self.name.startsWith('w')", message: "  name must start with w  " },
      { rule: "self.replicas % 2 == 0", messageExpression: "'replicas must be even, not ' + string(self.replicas)" },
    ]);
    expect(run(schema, resource({ replicas: 2, max: 3, name: "web" }))).toEqual([]);
    expect(run(schema, resource({ replicas: 5, max: 3, name: "api" }))).toEqual([
      "spec: Invalid value: failed rule: self.replicas <= self.max",
      "spec: Invalid value: name must start with w",
      "spec: Invalid value: replicas must be even, not 5",
    ]);
  });

  it("falls back to the message when the messageExpression fails", () => {
    const schema = crd([
      { rule: "false", message: "static", messageExpression: "self.labels['missing']" },
      { rule: "false", messageExpression: "'  '" },
      { rule: "false", messageExpression: "'two\\nlines'" },
    ]);
    expect(run(schema, resource({ labels: {} }))).toEqual([
      "spec: Invalid value: static",
      "spec: Invalid value: failed rule: false",
      "spec: Invalid value: failed rule: false",
    ]);
  });

  it("shows scalar values, and reports at <nil> for the root", () => {
    const schema: JSONSchemaProps = {
      type: "object",
      "x-kubernetes-validations": [{ rule: "self.metadata.name.size() > 3", message: "name too short" }],
      properties: {
        spec: {
          type: "object",
          properties: {
            replicas: { type: "integer", "x-kubernetes-validations": [{ rule: "self < 3" }] },
            name: { type: "string", "x-kubernetes-validations": [{ rule: "self != 'bad'" }] },
            port: { "x-kubernetes-int-or-string": true, "x-kubernetes-validations": [{ rule: "type(self) == int" }] },
          },
        },
      },
    };
    expect(run(schema, resource({ replicas: 5, name: "bad", port: "http" }))).toEqual([
      "<nil>: Invalid value: name too short",
      "spec.replicas: Invalid value: 5: failed rule: self < 3",
      'spec.name: Invalid value: "bad": failed rule: self != \'bad\'',
      'spec.port: Invalid value: "http": failed rule: type(self) == int',
    ]);
  });

  it("maps reason and fieldPath", () => {
    const schema = crd([
      { rule: "self.replicas < 3", reason: "FieldValueForbidden", fieldPath: ".replicas", message: "too many" },
      { rule: "has(self.name)", reason: "FieldValueRequired", fieldPath: ".name", message: "name is required" },
      { rule: "!('app' in self.labels)", fieldPath: ".labels['app']", reason: "FieldValueInvalid" },
    ]);
    expect(run(schema, resource({ replicas: 5, labels: { app: "x" } }))).toEqual([
      "spec.replicas: Forbidden: too many",
      "spec.name: Required value: name is required",
      "spec.labels[app]: Invalid value: failed rule: !('app' in self.labels)",
    ]);
    const dup: JSONSchemaProps = {
      type: "object",
      properties: { spec: { type: "object", properties: { name: { type: "string", "x-kubernetes-validations": [{ rule: "false", reason: "FieldValueDuplicate" }] } } } },
    };
    expect(run(dup, resource({ name: "x" }))).toEqual(['spec.name: Duplicate value: "x"']);
    const root: FieldError[] = evaluateRules(compileRules(crd([{ rule: "false", fieldPath: ".name" }])), crd([]), resource({}), undefined, "");
    expect(root.map((e) => e.field)).toEqual(["spec.name"]);
  });

  it("reports evaluation errors as kube does", () => {
    const schema = crd([
      { rule: "self.name == 'x'" },
      { rule: "self.labels['a'] == 'b'", message: "needs label a" },
      { rule: "self.port > 5" },
      { rule: "self.replicas / self.max > 0" },
    ]);
    expect(run(schema, resource({ replicas: 1, max: 0, port: "http", labels: {} }))).toEqual([
      'spec: Invalid value: "object": no such key: name evaluating rule: self.name == \'x\'',
      'spec: Invalid value: "object": no such key: a evaluating rule: needs label a',
      "spec: Invalid value: \"object\": 'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.port > 5",
      'spec: Invalid value: "object": division by zero evaluating rule: self.replicas / self.max > 0',
    ]);
  });

  it("does not validate null values, and treats a null field as absent", () => {
    const schema = crd([{ rule: "!has(self.mode)" }], {}, { mode: { type: "string", nullable: true, "x-kubernetes-validations": [{ rule: "false" }] } });
    expect(run(schema, resource({ mode: null }))).toEqual([]);
    expect(run(schema, { metadata: { name: "w" }, spec: null })).toEqual([]);
  });

  it("walks maps, lists and embedded resources", () => {
    const schema = crd([], {}, {
      labels: { type: "object", additionalProperties: { type: "string", "x-kubernetes-validations": [{ rule: "self.size() < 4" }] } },
      items: { type: "array", items: { type: "object", properties: { n: { type: "integer" } }, "x-kubernetes-validations": [{ rule: "self.n > 0" }] } },
      template: {
        type: "object",
        "x-kubernetes-embedded-resource": true,
        "x-kubernetes-preserve-unknown-fields": true,
        "x-kubernetes-validations": [{ rule: "self.kind == 'Pod' && self.metadata.name != ''" }],
      },
    });
    expect(
      run(schema, resource({ labels: { a: "ok", b: "toolong" }, items: [{ n: 1 }, { n: 0 }], template: { apiVersion: "v1", kind: "Job", metadata: { name: "j" } } })),
    ).toEqual([
      'spec.labels[b]: Invalid value: "toolong": failed rule: self.size() < 4',
      "spec.items[1]: Invalid value: failed rule: self.n > 0",
      "spec.template: Invalid value: failed rule: self.kind == 'Pod' && self.metadata.name != ''",
    ]);
  });
});

describe("transition rules", () => {
  const immutable = crd([{ rule: "self.replicas == oldSelf.replicas", message: "replicas is immutable" }]);

  it("run only on update, with oldSelf the old value", () => {
    expect(run(immutable, resource({ replicas: 1 }))).toEqual([]);
    expect(run(immutable, resource({ replicas: 2 }), resource({ replicas: 1 }))).toEqual(["spec: Invalid value: replicas is immutable"]);
    expect(run(immutable, resource({ replicas: 1 }), resource({ replicas: 1 }))).toEqual([]);
    expect(run(immutable, resource({ replicas: 2 }), { metadata: { name: "w" } })).toEqual([]);
  });

  it("correlate items of map lists by key, and no others", () => {
    const item = (type: "map" | "atomic"): JSONSchemaProps => ({
      type: "array",
      "x-kubernetes-list-type": type,
      "x-kubernetes-list-map-keys": type === "map" ? ["name"] : undefined,
      items: {
        type: "object",
        properties: { name: { type: "string" }, port: { type: "integer" } },
        "x-kubernetes-validations": type === "map" ? [{ rule: "self.port == oldSelf.port", message: "port is immutable" }] : [],
      },
    });
    const schema = crd([], {}, { ports: item("map") });
    const old = resource({ ports: [{ name: "a", port: 1 }, { name: "b", port: 2 }] });
    expect(run(schema, resource({ ports: [{ name: "b", port: 2 }, { name: "a", port: 1 }, { name: "c", port: 9 }] }), old)).toEqual([]);
    expect(run(schema, resource({ ports: [{ name: "b", port: 3 }] }), old)).toEqual(["spec.ports[0]: Invalid value: port is immutable"]);
  });

  it("run on create too with optionalOldSelf, oldSelf an optional", () => {
    const schema = crd([
      { rule: "oldSelf.hasValue() ? self.replicas >= oldSelf.value().replicas : self.replicas == 1", optionalOldSelf: true, message: "bad" },
    ]);
    expect(run(schema, resource({ replicas: 2 }))).toEqual(["spec: Invalid value: bad"]);
    expect(run(schema, resource({ replicas: 1 }))).toEqual([]);
    expect(run(schema, resource({ replicas: 3 }), resource({ replicas: 2 }))).toEqual([]);
    expect(run(schema, resource({ replicas: 1 }), resource({ replicas: 2 }))).toEqual(["spec: Invalid value: bad"]);
  });

  it("compare objects and lists with == (self == oldSelf)", () => {
    const schema = crd([{ rule: "self == oldSelf", message: "spec is immutable" }], {}, { tags: { type: "array", items: { type: "string" } } });
    const spec = { replicas: 1, labels: { a: "b" }, tags: ["x"] };
    expect(run(schema, resource(spec), resource({ ...spec }))).toEqual([]);
    expect(run(schema, resource({ ...spec, tags: ["y"] }), resource(spec))).toEqual(["spec: Invalid value: spec is immutable"]);
    expect(run(schema, resource({ ...spec, labels: { a: "c" } }), resource(spec))).toEqual(["spec: Invalid value: spec is immutable"]);
  });
});

describe("ratcheting", () => {
  const schema = crd([], {}, {
    name: { type: "string", "x-kubernetes-validations": [{ rule: "self.size() < 4", message: "name too long" }] },
    max: { type: "integer", "x-kubernetes-validations": [{ rule: "self < 10" }, { rule: "self <= oldSelf", message: "max may not grow" }] },
  });

  it("turns errors of unchanged values into warnings on update", () => {
    const warnings: string[] = [];
    const old = resource({ name: "toolong", max: 20 });
    expect(run(schema, resource({ name: "toolong", max: 20 }), old, { warnings })).toEqual([]);
    expect(warnings).toEqual(["spec.name: Invalid value: \"toolong\": name too long", "spec.max: Invalid value: 20: failed rule: self < 10"]);
    expect(run(schema, resource({ name: "toolonger", max: 30 }), old)).toEqual([
      'spec.name: Invalid value: "toolonger": name too long',
      "spec.max: Invalid value: 30: failed rule: self < 10",
      "spec.max: Invalid value: 30: max may not grow",
    ]);
    expect(run(schema, resource({ name: "toolong", max: 20 }))).toEqual(['spec.name: Invalid value: "toolong": name too long', "spec.max: Invalid value: 20: failed rule: self < 10"]);
  });
});

describe("cost", () => {
  const heavy = crd([
    { rule: "self.items.all(a, self.items.all(b, a + b >= 0))" },
    { rule: "self.replicas > 100", message: "never reached" },
  ], {}, { items: { type: "array", items: { type: "integer" } } });
  const items = Array.from({ length: 1500 }, (_, i) => i);

  it("stops at the per-call limit", () => {
    expect(run(heavy, resource({ replicas: 1, items }))).toEqual([
      `spec: Invalid value: "object": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.items.all(a, self.items.all(b, a + b >= 0))`,
    ]);
  });

  it("stops when the object's budget runs out", () => {
    expect(run(heavy, resource({ replicas: 1, items: [1, 2, 3] }), undefined, { costBudget: 10 })).toEqual([
      'spec: Invalid value: "object": validation failed due to running out of cost budget, no further validation rules will be run',
    ]);
  });
});
