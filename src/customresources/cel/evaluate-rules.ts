// Runs compiled x-kubernetes-validations rules on a write (kube: cel.Validator.Validate): walks the object along
// the schema (properties, additionalProperties, items), and at each node with rules evaluates them with `self`
// bound to the node's value and, for transition rules, `oldSelf` to the correlated old value. A transition rule
// runs only on update where an old value correlates (optionalOldSelf: always, oldSelf an optional). Errors are
// kube's: a failing rule gives its reason (FieldValueInvalid unless set) at the node, or at its fieldPath, with
// the rule's message, its messageExpression's result, or "failed rule: <rule>"; the value is shown for scalars
// only. A null value is not validated. Evaluation stops when a rule exceeds the per-call cost limit or the
// object's budget.

import { Optional } from "@marcbachmann/cel-js";
import { fieldErrorText, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { evaluationErrorText } from "./cel-errors.ts";
import { toCelValue, type CelValueCache } from "./cel-values.ts";
import type { CompiledNode, CompiledRule, CompiledRules } from "./compile-rules.ts";
import { correlateIndex, correlateKey, correlatedItem, unchanged, type Correlated } from "./correlation.ts";
import { costLimitExceeded, metered, perCallLimit, runtimeCostBudget } from "./cost-meter.ts";

export interface EvaluateOptions {
  /** Where the errors of ratcheted rules go, as kube's warnings ("spec.x: Invalid value: ..."); on update only. */
  warnings?: string[];
  /** The cost budget of all rules of the object (default kube's RuntimeCELCostBudget, 10,000,000). */
  costBudget?: number;
  /** The cost limit of one expression (default kube's PerCallLimit, 1,000,000). */
  perCallLimit?: number;
}

/** Ratcheting position: the correlated value here, else the nearest correlated parent. */
interface Ratchet {
  current?: Correlated;
  parent?: Correlated;
}

interface Walk {
  errors: FieldError[];
  warnings?: string[];
  budget: number;
  perCall: number;
  stopped: boolean;
  cache: CelValueCache;
}

const maxMessageLength = 5 * 1024;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function childPath(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

function ratchetKey(r: Ratchet | undefined, key: string): Ratchet | undefined {
  if (!r?.current) return r;
  if (!r.parent && (key === "apiVersion" || key === "kind")) return {};
  return { current: correlateKey(r.current, key), parent: r.current };
}

function ratchetIndex(r: Ratchet | undefined, i: number): Ratchet | undefined {
  if (!r?.current) return r;
  return { current: correlateIndex(r.current, i), parent: r.current };
}

function shouldRatchet(r: Ratchet | undefined): boolean {
  if (r?.current) return unchanged(r.current);
  return r?.parent ? unchanged(r.parent) : false;
}

/** The rule as kube names it in errors: its message, else its expression. */
function ruleText(rule: CompiledRule): string {
  const message = (rule.rule.message ?? "").trim();
  return message !== "" ? message : rule.rule.rule.trim();
}

function failure(field: string, type: string, value: unknown, detail: string, reason: CompiledRule["rule"]["reason"]): FieldError {
  const showsValue = type !== "object" && type !== "array";
  switch (reason) {
    case "FieldValueForbidden":
      return { type: "FieldValueForbidden", field, detail };
    case "FieldValueRequired":
      return { type: "FieldValueRequired", field, detail };
    case "FieldValueDuplicate":
      return showsValue ? { type: "FieldValueDuplicate", field, value } : { type: "FieldValueDuplicate", field };
    default:
      return showsValue ? { type: "FieldValueInvalid", field, value, detail } : { type: "FieldValueInvalid", field, detail };
  }
}

function evaluateNodeRules(node: CompiledNode, value: unknown, old: unknown, path: string, ratchet: Ratchet | undefined, walk: Walk): void {
  const at = path === "" ? "<nil>" : path;
  const type = node.schema.type ?? "";
  const invalid = (detail: string): FieldError => ({ type: "FieldValueInvalid", field: at, value: type, detail });
  const stop = (error: FieldError) => {
    walk.errors.push(error);
    walk.stopped = true;
  };
  if (walk.budget <= 0) return stop(invalid("validation failed due to running out of cost budget, no further validation rules will be run"));
  const cel = node.cel;
  const hasOld = old !== undefined && old !== null;
  let selfValue: unknown;
  let oldValue: unknown;
  for (const rule of node.rules) {
    if (rule.error) {
      walk.errors.push(invalid(`rule compile error: ${rule.error}`));
      continue;
    }
    if (!rule.program || !cel) continue;
    const optional = rule.rule.optionalOldSelf === true;
    if (rule.usesOldSelf && !hasOld && !optional) continue;
    selfValue ??= toCelValue(value, cel, walk.cache);
    const bindings: Record<string, unknown> = { self: selfValue };
    if (rule.usesOldSelf) {
      if (hasOld) oldValue ??= toCelValue(old, cel, walk.cache);
      bindings.oldSelf = optional ? (hasOld ? Optional.of(oldValue) : Optional.none()) : oldValue;
    }
    const program = rule.program;
    const run = metered(walk.perCall, () => program(bindings));
    if (run.cost > walk.budget) return stop(invalid("validation failed due to running out of cost budget, no further validation rules will be run"));
    if (run.exceeded) {
      return stop(invalid(`'${costLimitExceeded}': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleText(rule)}`));
    }
    walk.budget -= run.cost;
    if (run.error !== undefined) {
      const text = evaluationErrorText(run.error);
      walk.errors.push(
        text.startsWith("no such overload")
          ? invalid(`'${text}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleText(rule)}`)
          : invalid(`${text} evaluating rule: ${ruleText(rule)}`),
      );
      continue;
    }
    if (run.value === true) continue;

    const field = rule.fieldPath ? `${path === "" ? "" : `${path}.`}${rule.fieldPath}` : at;
    const ratcheted = !rule.usesOldSelf && shouldRatchet(ratchet);
    const report = (error: FieldError) => {
      if (!ratcheted) walk.errors.push(error);
      else walk.warnings?.push(fieldErrorText(error));
    };
    let detail: string | undefined;
    if (rule.messageExpression) {
      const messageExpression = rule.messageExpression;
      const message = metered(walk.perCall, () => messageExpression(bindings));
      const source = rule.rule.messageExpression ?? "";
      if (message.cost > walk.budget) {
        report({ type: "FieldValueInvalid", field, value: type, detail: "messageExpression evaluation failed due to running out of cost budget, no further validation rules will be run" });
        walk.stopped = true;
        return;
      }
      if (message.exceeded) {
        report({ type: "FieldValueInvalid", field, value: type, detail: `no further validation rules will be run due to call cost exceeds limit for messageExpression: ${JSON.stringify(source)}` });
        walk.stopped = true;
        return;
      }
      walk.budget -= message.cost;
      const text = typeof message.value === "string" ? message.value.trim() : "";
      if (message.error === undefined && text !== "" && text.length <= maxMessageLength && !text.includes("\n")) detail = text;
    }
    detail ??= (rule.rule.message ?? "").trim() || `failed rule: ${ruleText(rule)}`;
    report(failure(field, type, value, detail, rule.rule.reason));
  }
}

function evaluateNode(node: CompiledNode, value: unknown, old: unknown, path: string, ratchet: Ratchet | undefined, walk: Walk): void {
  if (value === null || value === undefined || walk.stopped) return;
  if (node.rules.length > 0) evaluateNodeRules(node, value, old, path, ratchet, walk);
  if (Array.isArray(value)) {
    if (!node.items) return;
    for (let i = 0; i < value.length && !walk.stopped; i++) {
      const oldItem = correlatedItem(node.schema, old, value[i]);
      evaluateNode(node.items, value[i], oldItem, `${path}[${i}]`, ratchetIndex(ratchet, i), walk);
    }
  } else if (isPlainObject(value)) {
    const oldObject = isPlainObject(old) ? old : undefined;
    if (node.additionalProperties) {
      for (const key of Object.keys(value)) {
        if (walk.stopped) return;
        evaluateNode(node.additionalProperties, value[key], oldObject?.[key], `${path}[${key}]`, ratchetKey(ratchet, key), walk);
      }
    }
    if (node.properties) {
      for (const key of Object.keys(value)) {
        const sub = node.properties.get(key);
        if (!sub || walk.stopped) continue;
        evaluateNode(sub, value[key], oldObject?.[key], childPath(path, key), ratchetKey(ratchet, key), walk);
      }
    }
  }
}

/**
 * The errors of the rules compiled from schema on self (the whole custom resource), with oldSelf the stored
 * object on update (undefined on create). path is the field path of self ("" for a resource root, whose own
 * errors kube reports at "<nil>").
 */
export function evaluateRules(
  compiled: CompiledRules,
  schema: JSONSchemaProps,
  self: unknown,
  oldSelf: unknown | undefined,
  path: string,
  options: EvaluateOptions = {},
): FieldError[] {
  const root = compiled.root;
  if (!root) return [];
  const walk: Walk = {
    errors: [],
    warnings: options.warnings,
    budget: options.costBudget ?? runtimeCostBudget,
    perCall: options.perCallLimit ?? perCallLimit,
    stopped: false,
    cache: new WeakMap(),
  };
  const ratchet = oldSelf === undefined || oldSelf === null ? undefined : { current: { value: self, old: oldSelf, schema } };
  evaluateNode(root, self, oldSelf, path, ratchet, walk);
  return walk.errors;
}
