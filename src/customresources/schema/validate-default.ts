// The check kube makes of one default value in a CRD's schema (apiextensions-apiserver schema/defaulting
// validation.go), for the CRD's own validation (crd-validation's DefaultContext says where the default lies).
// A default inside an embedded resource's apiVersion, kind or metadata is checked in the object it implies
// (the default placed at its path, apiVersion "validation/v1" and kind "Validation" where it sets none): that
// object's ObjectMeta must coerce and validate ("must result in valid metadata: ..."). Any other default must be
// unchanged by pruning ("must not have unknown fields", when required) and its embedded resources must coerce and
// validate. Then the default must pass the node's schema and its CEL rules (also as a create, with no oldSelf).
// After the pruning check, the first step that reports errors ends the check.

import { isPlainObject } from "../../api/object.ts";
import { fieldError, fieldErrorText, type FieldError } from "../../api/field-errors.ts";
import { compileRules } from "../cel/compile-rules.ts";
import { evaluateRules } from "../cel/evaluate-rules.ts";
import type { DefaultContext } from "../crd-validation/validation-options.ts";
import { coerceEmbeddedMeta } from "./coerce-embedded-meta.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { pruneUnknown } from "./prune.ts";
import { validateEmbeddedResources } from "./validate-embedded-resources.ts";
import { validateValue } from "./validate-value.ts";

function clone(v: unknown): unknown {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** utilerrors.Aggregate's text: one message as is, several (repeats dropped) in brackets. */
function aggregate(errors: readonly FieldError[]): string {
  const messages = [...new Set(errors.map(fieldErrorText))];
  return messages.length === 1 ? messages[0] : `[${messages.join(", ")}]`;
}

/** The object the default implies: the default at its path inside the resource, TypeMeta filled in. */
function surroundingObject(value: unknown, path: readonly (string | null)[]): Record<string, unknown> | undefined {
  let x = clone(value);
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    x = key === null ? [x] : { [key]: x };
  }
  if (!isPlainObject(x)) return undefined;
  if (!Object.hasOwn(x, "kind")) x.kind = "Validation";
  if (!Object.hasOwn(x, "apiVersion")) x.apiVersion = "validation/v1";
  return x;
}

function metadataCheck(value: unknown, fieldPath: string, context: DefaultContext): FieldError[] {
  const obj = surroundingObject(value, context.pathInResource);
  if (!obj) return [fieldError.invalid(fieldPath, value, "object root default value must be of object type")];
  const coerced = coerceEmbeddedMeta(context.resourceSchema, obj, { isResourceRoot: true });
  if (coerced.error) return [fieldError.invalid(fieldPath, value, `must result in valid metadata: ${fieldErrorText(coerced.error)}`)];
  const errors = validateEmbeddedResources(context.resourceSchema, obj, "", { isResourceRoot: true });
  return errors.length > 0 ? [fieldError.invalid(fieldPath, value, `must result in valid metadata: ${aggregate(errors)}`)] : [];
}

/** The errors of `value`, the default of `schema` at `fieldPath` ("<node path>.default"). */
export function validateDefault(schema: JSONSchemaProps, value: unknown, fieldPath: string, context: DefaultContext): FieldError[] {
  const errors: FieldError[] = [];
  let checked = value;
  if (context.insideMeta) {
    const metaErrors = metadataCheck(value, fieldPath, context);
    if (metaErrors.length > 0) return metaErrors;
  } else {
    if (context.requirePrunedDefaults) {
      const pruned = clone(value);
      pruneUnknown(schema, pruned, { isResourceRoot: context.nodeIsResource });
      if (!jsonEqual(pruned, value)) errors.push(fieldError.invalid(fieldPath, value, "must not have unknown fields"));
    }
    checked = clone(value);
    const coerced = coerceEmbeddedMeta(schema, checked, { isResourceRoot: context.nodeIsResource, path: fieldPath });
    if (coerced.error) return [...errors, coerced.error];
    const metaErrors = validateEmbeddedResources(schema, checked, fieldPath, { isResourceRoot: context.nodeIsResource });
    if (metaErrors.length > 0) return [...errors, ...metaErrors];
  }
  const schemaErrors = validateValue(schema, checked, fieldPath, { embeddedResources: false, listTypes: false });
  if (schemaErrors.length > 0) return [...errors, ...schemaErrors];
  const rules = compileRules(schema);
  const ruleErrors = evaluateRules(rules, schema, checked, checked, fieldPath);
  if (ruleErrors.length === 0) ruleErrors.push(...evaluateRules(rules, schema, checked, undefined, fieldPath));
  return [...errors, ...ruleErrors];
}
