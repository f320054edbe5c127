// x-kubernetes-validations inside workerd: the CEL library and the RE2 engine must run where eval() and
// new Function() are refused (a deployed Worker; the test pool itself allows them, so they are trapped here),
// and the cost meter must stop a runaway rule without a clock.
import { describe, expect, it } from "vitest";
import { fieldErrorText } from "../../src/api/field-errors.ts";
import { compileRules } from "../../src/customresources/cel/compile-rules.ts";
import { evaluateRules } from "../../src/customresources/cel/evaluate-rules.ts";
import type { JSONSchemaProps } from "../../src/customresources/schema/json-schema-props.ts";

const schema: JSONSchemaProps = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        replicas: { type: "integer" },
        max: { type: "integer" },
        name: { type: "string" },
        memory: { type: "string" },
        items: { type: "array", items: { type: "integer" } },
      },
      "x-kubernetes-validations": [
        { rule: "self.replicas <= self.max", messageExpression: "'replicas must be at most ' + string(self.max)" },
        { rule: "self.name.matches('^(?i)[a-z]+$') && self.name.find('[0-9]+') == ''", message: "letters only" },
        { rule: "quantity(self.memory).isLessThan(quantity('1Gi'))", fieldPath: ".memory" },
        { rule: "self.replicas == oldSelf.replicas", message: "replicas is immutable" },
      ],
    },
  },
};

function create(spec: Record<string, unknown>): string[] {
  const compiled = compileRules(schema, "spec.versions[0].schema.openAPIV3Schema");
  expect(compiled.errors).toEqual([]);
  return evaluateRules(compiled, schema, { apiVersion: "x.io/v1", kind: "X", metadata: { name: "x" }, spec }, undefined, "").map(fieldErrorText);
}

describe("x-kubernetes-validations in workerd", () => {
  it("compiles and evaluates without generating code", () => {
    const global = globalThis as { eval: unknown; Function: unknown };
    const saved = { eval: global.eval, Function: global.Function };
    const refuse = () => {
      throw new EvalError("Code generation from strings disallowed for this context");
    };
    global.eval = refuse;
    global.Function = new Proxy(Function, { construct: refuse, apply: refuse });
    try {
      const fresh: JSONSchemaProps = { ...schema, "x-kubernetes-validations": [{ rule: "self.spec.items.map(i, i * 2).all(i, i % 2 == 0)" }] };
      const compiled = compileRules(fresh);
      expect(compiled.errors).toEqual([]);
      const spec = { replicas: 1, max: 3, name: "abc", memory: "1Ki", items: [1, 2] };
      expect(evaluateRules(compiled, fresh, { metadata: { name: "x" }, spec }, undefined, "")).toEqual([]);
    } finally {
      global.eval = saved.eval;
      global.Function = saved.Function;
    }
  });

  it("passes a valid object and reports kube's errors for an invalid one", () => {
    expect(create({ replicas: 1, max: 3, name: "Abc", memory: "512Mi" })).toEqual([]);
    expect(create({ replicas: 5, max: 3, name: "ab1", memory: "2Gi" })).toEqual([
      "spec: Invalid value: replicas must be at most 3",
      "spec: Invalid value: letters only",
      "spec.memory: Invalid value: failed rule: quantity(self.memory).isLessThan(quantity('1Gi'))",
    ]);
  });

  it("runs transition rules on update", () => {
    const compiled = compileRules(schema);
    const obj = (replicas: number) => ({ metadata: { name: "x" }, spec: { replicas, max: 9, name: "a", memory: "1Mi" } });
    expect(evaluateRules(compiled, schema, obj(2), obj(1), "").map(fieldErrorText)).toEqual(["spec: Invalid value: replicas is immutable"]);
  });

  it("stops a rule over the cost limit", () => {
    const heavy: JSONSchemaProps = {
      type: "object",
      properties: { spec: { type: "object", properties: { items: { type: "array", items: { type: "integer" } } } } },
      "x-kubernetes-validations": [{ rule: "self.spec.items.all(a, self.spec.items.all(b, a + b >= 0))" }],
    };
    const items = Array.from({ length: 2000 }, (_, i) => i);
    const errors = evaluateRules(compileRules(heavy), heavy, { metadata: { name: "x" }, spec: { items } }, undefined, "");
    expect(errors.map(fieldErrorText)).toEqual([
      `<nil>: Invalid value: "object": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.spec.items.all(a, self.spec.items.all(b, a + b >= 0))`,
    ]);
  });
});
