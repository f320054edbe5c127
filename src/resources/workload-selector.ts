// The label selector of a workload (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job): kube's checks of
// the selector itself and of the template labels it must select, with kube's paths and messages.

import { LabelSelector, SelectorParseError, selectorFromObject, type LabelSelectorObject } from "../api/label-selector.ts";
import { fieldError, type FieldError } from "../api/field-errors.ts";
import { labelValueErrors, qualifiedNameErrors } from "../api/validation/names.ts";
import { validateLabels } from "../api/validation/metadata.ts";
import { jsonEqual } from "./json-equal.ts";

export const selectorMismatch = "`selector` does not match template `labels`";

/** metav1 ValidateLabelSelector. */
export function validateLabelSelector(selector: LabelSelectorObject | undefined, path: string): FieldError[] {
  if (!selector) return [];
  const errors = validateLabels(selector.matchLabels ?? {}, `${path}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    if ((expr.operator === "In" || expr.operator === "NotIn") && values.length === 0) {
      errors.push(fieldError.required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if ((expr.operator === "Exists" || expr.operator === "DoesNotExist") && values.length > 0) {
      errors.push(fieldError.forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
    for (const msg of qualifiedNameErrors(expr.key)) errors.push(fieldError.invalid(`${at}.key`, expr.key, msg));
    values.forEach((value, j) => {
      for (const msg of labelValueErrors(value)) errors.push(fieldError.invalid(`${at}.values[${j}]`, value, msg));
    });
  });
  return errors;
}

/** metav1.LabelSelectorAsSelector, or undefined when the selector does not convert. */
export function selectorOrUndefined(selector: LabelSelectorObject | undefined): LabelSelector | undefined {
  try {
    return selectorFromObject(selector);
  } catch (err) {
    if (err instanceof SelectorParseError) return undefined;
    throw err;
  }
}

export function isEmptySelector(selector: LabelSelectorObject): boolean {
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
}

export interface WorkloadSelectorRules {
  /** The word in kube's "empty selector is invalid for <word>" (ReplicaSets say "deployment" too). */
  emptyWord: string;
  /** The detail when the selector does not convert ("invalid label selector"; none for StatefulSets). */
  invalidDetail?: string;
}

/**
 * The checks Deployments, ReplicaSets and StatefulSets share: the selector is required and not empty, and it
 * selects the template's labels. A missing selector selects nothing, so kube reports the mismatch as well.
 */
export function validateWorkloadSelector(
  selector: LabelSelectorObject | undefined,
  templateLabels: Record<string, string> | undefined,
  rules: WorkloadSelectorRules,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!selector) errors.push(fieldError.required("spec.selector"));
  else {
    errors.push(...validateLabelSelector(selector, "spec.selector"));
    if (isEmptySelector(selector)) errors.push(fieldError.invalid("spec.selector", selector, `empty selector is invalid for ${rules.emptyWord}`));
  }
  const parsed = selectorOrUndefined(selector);
  if (!parsed) errors.push(fieldError.invalid("spec.selector", selector, rules.invalidDetail));
  else errors.push(...templateMismatch(parsed, templateLabels));
  return errors;
}

/** The template must carry labels the selector selects (an empty selector is not checked). */
export function templateMismatch(selector: LabelSelector, labels: Record<string, string> | undefined): FieldError[] {
  if (selector.isEmpty() || selector.matches(labels)) return [];
  return [fieldError.invalid("spec.template.metadata.labels", labels ?? {}, selectorMismatch)];
}

/** apps/v1 and batch/v1 refuse to change a selector once set. */
export function validateSelectorUnchanged(selector: unknown, old: unknown): FieldError[] {
  return jsonEqual(selector, old) ? [] : [fieldError.immutable("spec.selector", selector ?? null)];
}
