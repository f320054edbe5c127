import { describe, expect, it } from "vitest";
import { fieldErrorText as text } from "../../api/field-errors.ts";
import type { JSONSchemaProps, ValidationRule } from "../schema/json-schema-props.ts";
import { ruleErrors } from "./validate-rules.ts";

const node = (...rules: ValidationRule[]): JSONSchemaProps => ({
  type: "object",
  properties: { a: { type: "string" }, m: { type: "object", additionalProperties: { type: "string" } } },
  "x-kubernetes-validations": rules,
});
const check = (...rules: ValidationRule[]) => ruleErrors(node(...rules), "p").map(text);

describe("ruleErrors", () => {
  it("accepts complete rules", () => {
    expect(check({ rule: "self.a != ''", message: "a must be set", fieldPath: ".a", reason: "FieldValueRequired" }, { rule: "true", fieldPath: ".m['k']" })).toEqual([]);
  });

  it("requires a rule and, for a multi-line rule, a message", () => {
    expect(check({ rule: "  " }, { rule: "a &&\n b" })).toEqual([
      "p.x-kubernetes-validations[0].rule: Required value: rule is not specified",
      "p.x-kubernetes-validations[1].message: Required value: message must be specified if rule contains line breaks",
    ]);
  });

  it("checks message, messageExpression, reason and fieldPath", () => {
    expect(check({ rule: "true", message: " ", messageExpression: " ", reason: "Bad" as never, fieldPath: " " })).toEqual([
      `p.x-kubernetes-validations[0].message: Invalid value: " ": must be non-empty if specified`,
      "p.x-kubernetes-validations[0].messageExpression: Required value: messageExpression must be non-empty if specified",
      `p.x-kubernetes-validations[0].reason: Unsupported value: "Bad": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"`,
      `p.x-kubernetes-validations[0].fieldPath: Invalid value: " ": must be non-empty if specified`,
      `p.x-kubernetes-validations[0].fieldPath: Invalid value: " ": must be a valid path`,
    ]);
    expect(check({ rule: "true", message: "a\nb", fieldPath: ".b\n" })).toEqual([
      `p.x-kubernetes-validations[0].message: Invalid value: "a\\nb": must not contain line breaks`,
      `p.x-kubernetes-validations[0].fieldPath: Invalid value: ".b\\n": must not contain line breaks`,
      `p.x-kubernetes-validations[0].fieldPath: Invalid value: ".b\\n": must be a valid path`,
    ]);
  });
});
