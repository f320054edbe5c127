// The JobSpec that Jobs and CronJob job templates share: its schema, kube's Job defaults, and the checks both
// apply (counts, completion mode, a pod template that restarts OnFailure or Never).

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { defaultPodTemplate, podTemplateSpec, validatePodTemplateSpec, type PodTemplateSpec } from "../core/pod-spec.ts";
import { labelSelector, type LabelSelectorObject } from "../schema-types.ts";

const int = z.number().int();
const loose = z.looseObject({});

export const jobSpec = z.object({
  parallelism: int.optional(),
  completions: int.optional(),
  activeDeadlineSeconds: int.optional(),
  podFailurePolicy: z.looseObject({ rules: z.array(z.looseObject({ onPodConditions: z.array(loose).optional() })).optional() }).optional(),
  successPolicy: loose.optional(),
  backoffLimit: int.optional(),
  backoffLimitPerIndex: int.optional(),
  maxFailedIndexes: int.optional(),
  selector: labelSelector.optional(),
  manualSelector: z.boolean().optional(),
  template: podTemplateSpec.optional(),
  ttlSecondsAfterFinished: int.optional(),
  completionMode: z.string().optional(),
  suspend: z.boolean().optional(),
  podReplacementPolicy: z.string().optional(),
  managedBy: z.string().optional(),
});

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: { rules?: { onPodConditions?: Record<string, unknown>[] }[] };
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  ttlSecondsAfterFinished?: number;
  selector?: LabelSelectorObject;
  manualSelector?: boolean;
  template?: PodTemplateSpec;
  completionMode?: string;
  suspend?: boolean;
  podReplacementPolicy?: string;
  [key: string]: unknown;
}

const maxInt32 = 2 ** 31 - 1;
const maxIndexedCompletions = 100_000;

/** Every JobSpec's nested defaults: its pod template and the failure-policy patterns. */
export function defaultJobTemplateSpec(spec: JobSpec): void {
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ??= "True";
  }
  spec.template = defaultPodTemplate(spec.template);
}

/** SetDefaults_Job: what a Job (not a CronJob's template) gets. */
export function defaultJobSpec(spec: JobSpec): void {
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? maxInt32 : 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  spec.manualSelector ??= false;
  defaultJobTemplateSpec(spec);
}

function nonNegative(field: string, value: number | undefined): FieldError[] {
  return value !== undefined && value < 0 ? [fieldError.invalid(field, value, "must be greater than or equal to 0")] : [];
}

/** validateJobSpec: the checks of a Job's spec and of a CronJob's job template alike, at `path`. */
export function validateJobSpec(spec: JobSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"] as const) {
    errors.push(...nonNegative(`${path}.${key}`, spec[key]));
  }
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== "NonIndexed" && mode !== "Indexed") {
    errors.push(fieldError.notSupported(`${path}.completionMode`, mode, ["NonIndexed", "Indexed"]));
  }
  if (mode === "Indexed") {
    if (spec.completions === undefined) errors.push(fieldError.required(`${path}.completions`, "when completion mode is Indexed"));
    for (const key of ["completions", "parallelism"] as const) {
      const value = spec[key];
      if (value !== undefined && value > maxIndexedCompletions) {
        errors.push(fieldError.invalid(`${path}.${key}`, value, `must be less than or equal to ${maxIndexedCompletions} when completion mode is Indexed`));
      }
    }
  }
  const replacement = spec.podReplacementPolicy;
  if (replacement !== undefined) {
    const allowed = spec.podFailurePolicy ? ["Failed"] : ["TerminatingOrFailed", "Failed"];
    if (!allowed.includes(replacement)) errors.push(fieldError.notSupported(`${path}.podReplacementPolicy`, replacement, allowed));
  }
  errors.push(...validatePodTemplateSpec(spec.template, `${path}.template`));
  const restart = spec.template?.spec?.restartPolicy ?? "";
  const restartPath = `${path}.template.spec.restartPolicy`;
  if (restart !== "OnFailure" && restart !== "Never") errors.push(fieldError.notSupported(restartPath, restart, ["OnFailure", "Never"]));
  else if (restart === "OnFailure" && spec.podFailurePolicy) errors.push(fieldError.invalid(restartPath, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return errors;
}
