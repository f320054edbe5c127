// Test support for the library tests: one expression compiled in a rule environment and run.

import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { ruleEnvironment } from "./cel-environment.ts";
import { celNodeOf } from "./cel-model.ts";
import { toCelValue } from "./cel-values.ts";
import { compileExpression } from "./compile-expression.ts";

/** The value of expr with self bound to value (of schema); throws the compile error or the evaluation error. */
export function evaluate(expr: string, value: unknown = {}, schema: JSONSchemaProps = { type: "object" }): unknown {
  const node = celNodeOf(schema, false);
  if (!node) throw new Error("schema not visible to CEL");
  const compiled = compileExpression((mixed) => ruleEnvironment(node, false, mixed), expr, node);
  if (!compiled.ok) throw new Error(compiled.error);
  if (compiled.regexError) throw new Error(compiled.regexError);
  return compiled.program({ self: toCelValue(value, node) });
}
