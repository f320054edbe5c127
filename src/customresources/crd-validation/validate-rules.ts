// The x-kubernetes-validations of one schema node, before any compilation: a rule is given, messages have no
// line breaks, reasons are known, fieldPath names a field of the node. CEL compilation is the caller's hook.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { tryStructural } from "./structural.ts";
import { validFieldPath } from "./valid-field-path.ts";

const supportedReasons = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"];
const hasNewlines = (s: string): boolean => /[\n\r]/.test(s);

/** pathValid: a fieldPath the node's schema declares (any path passes when the node is not structural). */
function pathValid(schema: JSONSchemaProps, path: string): boolean {
  const ss = tryStructural(schema);
  return !ss || !("error" in validFieldPath(path, ss));
}

export function ruleErrors(schema: JSONSchemaProps, path: string): FieldError[] {
  const errors: FieldError[] = [];
  (schema["x-kubernetes-validations"] ?? []).forEach((rule, i) => {
    const p = `${path}.x-kubernetes-validations[${i}]`;
    const ruleText = rule.rule ?? "";
    const message = rule.message ?? "";
    const messageExpression = rule.messageExpression ?? "";
    const fieldPath = rule.fieldPath ?? "";
    const trimmedRule = ruleText.trim();
    const trimmedMsg = message.trim();
    if (!trimmedRule) errors.push(fieldError.required(`${p}.rule`, "rule is not specified"));
    else if (message.length > 0 && !trimmedMsg) errors.push(fieldError.invalid(`${p}.message`, message, "must be non-empty if specified"));
    else if (hasNewlines(trimmedMsg)) errors.push(fieldError.invalid(`${p}.message`, message, "must not contain line breaks"));
    else if (hasNewlines(trimmedRule) && !trimmedMsg) {
      errors.push(fieldError.required(`${p}.message`, "message must be specified if rule contains line breaks"));
    }
    if (messageExpression.length > 0 && !messageExpression.trim()) {
      errors.push(fieldError.required(`${p}.messageExpression`, "messageExpression must be non-empty if specified"));
    }
    if (rule.reason !== undefined && rule.reason !== null && !supportedReasons.includes(rule.reason)) {
      errors.push(fieldError.notSupported(`${p}.reason`, rule.reason, supportedReasons));
    }
    if (fieldPath.length > 0 && !fieldPath.trim()) errors.push(fieldError.invalid(`${p}.fieldPath`, fieldPath, "must be non-empty if specified"));
    if (hasNewlines(fieldPath)) errors.push(fieldError.invalid(`${p}.fieldPath`, fieldPath, "must not contain line breaks"));
    if (fieldPath.length > 0 && !pathValid(schema, fieldPath)) errors.push(fieldError.invalid(`${p}.fieldPath`, fieldPath, "must be a valid path"));
  });
  return errors;
}
