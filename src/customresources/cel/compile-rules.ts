// x-kubernetes-validations compiled ahead of time, once per schema (kube: cel.NewValidator when the CRD version
// is served, cel.Compile when the CRD is validated). The result mirrors the schema where it has rules, each node
// holding its programs, and carries the errors kube's CRD validation reports for them, under the caller's field
// path ("spec.versions[0].schema.openAPIV3Schema"):
//   ...x-kubernetes-validations[0].rule: Invalid value: {"Rule":"self.x",...}: compilation failed: ERROR: <input>:1:5: ...
//   ...x-kubernetes-validations[0].rule: Invalid value: "oldSelf == self": oldSelf cannot be used on the uncorrelatable portion of the schema within ...

import type { Environment } from "@marcbachmann/cel-js";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps, ValidationRule } from "../schema/json-schema-props.ts";
import { celNodeOf, type CelNode } from "./cel-model.ts";
import { ruleEnvironment } from "./cel-environment.ts";
import { compileExpression, type Program } from "./compile-expression.ts";
import { resolveFieldPath } from "./rule-field-path.ts";

export interface CompiledRule {
  rule: ValidationRule;
  program?: Program;
  /** The compile error kube would find (it reports "rule compile error: ..." if such a rule ever ran). */
  error?: string;
  usesOldSelf: boolean;
  messageExpression?: Program;
  /** The normalized fieldPath, relative to the node. */
  fieldPath?: string;
}

export interface CompiledNode {
  schema: JSONSchemaProps;
  /** The CEL view of the node's values (undefined when CEL cannot see the node: its rules cannot run). */
  cel?: CelNode;
  rules: CompiledRule[];
  properties?: Map<string, CompiledNode>;
  items?: CompiledNode;
  additionalProperties?: CompiledNode;
}

export interface CompiledRules {
  /** The CRD's errors for its rules, under the path compileRules was given. */
  errors: FieldError[];
  /** The rules, by schema node; undefined when the schema has none. */
  root?: CompiledNode;
}

const reasons = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"];

/** The rule as Go's json.Marshal shows kube's internal ValidationRule in a field error. */
function ruleValue(rule: ValidationRule): Record<string, unknown> {
  return {
    Rule: rule.rule ?? "",
    Message: rule.message ?? "",
    MessageExpression: rule.messageExpression ?? "",
    Reason: rule.reason ?? null,
    FieldPath: rule.fieldPath ?? "",
    OptionalOldSelf: rule.optionalOldSelf ?? null,
  };
}

function child(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

function hasNewlines(text: string): boolean {
  return /[\n\r]/.test(text);
}

/** The checks of the rule's fields themselves (kube's SchemaErrors); when any fails, nothing is compiled. */
function ruleFieldErrors(schema: JSONSchemaProps, rules: ValidationRule[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  rules.forEach((rule, i) => {
    const at = `${path}[${i}]`;
    const trimmedRule = (rule.rule ?? "").trim();
    const message = rule.message ?? "";
    const trimmedMessage = message.trim();
    if (trimmedRule === "") errors.push(fieldError.required(`${at}.rule`, "rule is not specified"));
    else if (message.length > 0 && trimmedMessage === "") errors.push(fieldError.invalid(`${at}.message`, message, "must be non-empty if specified"));
    else if (hasNewlines(trimmedMessage)) errors.push(fieldError.invalid(`${at}.message`, message, "must not contain line breaks"));
    else if (hasNewlines(trimmedRule) && trimmedMessage === "") {
      errors.push(fieldError.required(`${at}.message`, "message must be specified if rule contains line breaks"));
    }
    if (rule.messageExpression !== undefined && rule.messageExpression.length > 0 && rule.messageExpression.trim() === "") {
      errors.push(fieldError.required(`${at}.messageExpression`, "messageExpression must be non-empty if specified"));
    }
    if (rule.reason !== undefined && !reasons.includes(rule.reason)) {
      errors.push(fieldError.notSupported(`${at}.reason`, rule.reason, reasons));
    }
    const fieldPath = rule.fieldPath;
    if (fieldPath !== undefined && fieldPath.length > 0) {
      if (fieldPath.trim() === "") errors.push(fieldError.invalid(`${at}.fieldPath`, fieldPath, "must be non-empty if specified"));
      if (hasNewlines(fieldPath)) errors.push(fieldError.invalid(`${at}.fieldPath`, fieldPath, "must not contain line breaks"));
      if ("error" in resolveFieldPath(fieldPath, schema)) errors.push(fieldError.invalid(`${at}.fieldPath`, fieldPath, "must be a valid path"));
    }
  });
  return errors;
}

interface Walk {
  errors: FieldError[];
}

function compileNodeRules(schema: JSONSchemaProps, cel: CelNode | undefined, path: string, uncorrelatable: string | undefined, walk: Walk): CompiledRule[] {
  const rules = schema["x-kubernetes-validations"] ?? [];
  const rulesPath = `${path}.x-kubernetes-validations`;
  const schemaErrors = ruleFieldErrors(schema, rules, rulesPath);
  walk.errors.push(...schemaErrors);
  if (!cel) {
    walk.errors.push({
      type: "FieldValueInvalid",
      field: rulesPath,
      detail: "internal error: failed to construct type information for x-kubernetes-validations rules: unable to convert structural schema to CEL declarations",
    });
    return rules.map((rule) => ({ rule, usesOldSelf: false, error: "rule declared on schema that does not support validation rules" }));
  }
  const envs = new Map<string, Environment>();
  const envFor = (optional: boolean) => (mixed: boolean) => {
    const key = `${optional}/${mixed}`;
    let env = envs.get(key);
    if (!env) envs.set(key, (env = ruleEnvironment(cel, optional, mixed)));
    return env;
  };
  return rules.map((rule, i): CompiledRule => {
    const at = `${rulesPath}[${i}]`;
    const source = rule.rule ?? "";
    if (source.trim() === "") return { rule, usesOldSelf: false };
    const env = envFor(rule.optionalOldSelf === true);
    const report = schemaErrors.length === 0;
    const compiled = compileExpression(env, source, cel);
    const error = !compiled.ok
      ? `compilation failed: ${compiled.error}`
      : compiled.type !== "bool"
        ? "cel expression must evaluate to a bool"
        : compiled.regexError && `program instantiation failed: ${compiled.regexError}`;
    if (!compiled.ok || error) {
      if (report) walk.errors.push(fieldError.invalid(`${at}.rule`, ruleValue(rule), error));
      return { rule, usesOldSelf: false, error };
    }
    const out: CompiledRule = { rule, usesOldSelf: compiled.usesOldSelf, program: compiled.program };
    const messageSource = rule.messageExpression ?? "";
    if (messageSource !== "") {
      const message = compileExpression(env, messageSource, cel);
      let messageError: string | undefined;
      if (!message.ok) messageError = `messageExpression compilation failed: ${message.error}`;
      else if (message.type !== "string") messageError = "messageExpression must evaluate to a string";
      else if (message.regexError) messageError = `messageExpression instantiation failed: ${message.regexError}`;
      else out.messageExpression = message.program;
      if (messageError && report) walk.errors.push(fieldError.invalid(`${at}.messageExpression`, ruleValue(rule), messageError));
    }
    if (report && out.usesOldSelf && uncorrelatable !== undefined) {
      walk.errors.push(fieldError.invalid(`${at}.rule`, source, `oldSelf cannot be used on the uncorrelatable portion of the schema within ${uncorrelatable}`));
    } else if (report && !out.usesOldSelf && rule.optionalOldSelf !== undefined) {
      walk.errors.push(fieldError.invalid(`${at}.optionalOldSelf`, rule.optionalOldSelf, "may not be set if oldSelf is not used in rule"));
    }
    if (rule.fieldPath) {
      const resolved = resolveFieldPath(rule.fieldPath, schema);
      if ("path" in resolved) out.fieldPath = resolved.path;
    }
    return out;
  });
}

function itemsOf(schema: JSONSchemaProps): JSONSchemaProps | undefined {
  return Array.isArray(schema.items) ? schema.items[0] : schema.items;
}

/** The CEL view of a child: the parent's view of it when the parent has one, else its own. */
function childCel(parent: CelNode | undefined, pick: (p: CelNode) => CelNode | undefined, schema: JSONSchemaProps, typeName: string): CelNode | undefined {
  const fromParent = parent && pick(parent);
  return fromParent ?? celNodeOf(schema, !!schema["x-kubernetes-embedded-resource"], typeName);
}

function compileNode(schema: JSONSchemaProps, cel: CelNode | undefined, path: string, uncorrelatable: string | undefined, walk: Walk): CompiledNode | undefined {
  const node: CompiledNode = { schema, cel, rules: [] };
  let hasRules = false;
  const additional = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
  if (additional) {
    const sub = childCel(cel, (p) => (p.kind === "map" ? p.values : undefined), additional, "selfType");
    node.additionalProperties = compileNode(additional, sub, child(path, "additionalProperties"), uncorrelatable, walk);
    hasRules ||= node.additionalProperties !== undefined;
  }
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const sub = childCel(cel, (p) => (p.kind === "object" ? [...p.fields.values()].find((f) => f.name === name)?.node : undefined), prop, "selfType");
    const compiled = compileNode(prop, sub, `${child(path, "properties")}[${name}]`, uncorrelatable, walk);
    if (compiled) (node.properties ??= new Map()).set(name, compiled);
  }
  hasRules ||= node.properties !== undefined;
  const items = itemsOf(schema);
  if (items) {
    const sub = childCel(cel, (p) => (p.kind === "list" ? p.items : undefined), items, "selfType");
    const forbidOldSelf = uncorrelatable ?? (schema["x-kubernetes-list-type"] !== "map" ? path : undefined);
    node.items = compileNode(items, sub, child(path, "items"), forbidOldSelf, walk);
    hasRules ||= node.items !== undefined;
  }
  if ((schema["x-kubernetes-validations"] ?? []).length > 0) {
    node.rules = compileNodeRules(schema, cel, path, uncorrelatable, walk);
    hasRules = true;
  }
  return hasRules ? node : undefined;
}

const cache = new WeakMap<JSONSchemaProps, Map<string, CompiledRules>>();

/**
 * Compiles every x-kubernetes-validations rule of a custom resource's schema (the root is a resource root:
 * apiVersion, kind and metadata.name/generateName are always visible). path is where the CRD holds the schema,
 * for the errors. Compiled once per schema object and path.
 */
export function compileRules(schema: JSONSchemaProps, path = ""): CompiledRules {
  let byPath = cache.get(schema);
  const hit = byPath?.get(path);
  if (hit) return hit;
  const walk: Walk = { errors: [] };
  const root = compileNode(schema, celNodeOf(schema, true), path, undefined, walk);
  const result: CompiledRules = { errors: walk.errors, root };
  if (!byPath) cache.set(schema, (byPath = new Map()));
  byPath.set(path, result);
  return result;
}
