// The JobSpec that Jobs and CronJob job templates share: its schema, kube's Job defaults, and the checks both
// apply (counts, completion mode, a pod template that restarts OnFailure or Never).

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { kubeField as f } from "../core/kube-field.ts";
import { defaultPodTemplate, podTemplateSpec, validatePodTemplateSpec, type PodTemplateSpec } from "../core/pod-spec.ts";
import { labelSelector, type LabelSelectorObject } from "../schema-types.ts";

const int = z.number().int();

const onExitCodes = z
  .looseObject({
    containerName: f.string(1, "The container whose exit code is checked; every container when unset."),
    operator: f.string(2, "In or NotIn: how the exit code relates to values."),
    values: f.ints(3, "The exit codes; 0 may not be among them for In.", { listType: "set" }),
  })
  .meta({ definition: "io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement", description: "Exit codes of a failed pod's containers a rule matches." });

const onPodConditionsPattern = z
  .looseObject({
    type: f.string(1, "The pod condition type, e.g. DisruptionTarget."),
    status: f.string(2, "The condition's status: True, False or Unknown; True when unset."),
  })
  .meta({
    definition: "io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern",
    description: "A pod condition type and status a failed pod must carry; the status is True when unset.",
  });

const podFailurePolicyRule = z
  .looseObject({
    action: f.string(1, "FailJob, FailIndex, Ignore or Count: what a match means for the job."),
    onExitCodes: f.message(onExitCodes, 2, "The rule matches a failed pod with these exit codes."),
    onPodConditions: f.list(onPodConditionsPattern, 3, "The rule matches a failed pod carrying any of these conditions."),
  })
  .meta({
    definition: "io.k8s.api.batch.v1.PodFailurePolicyRule",
    description: "What to do with a failed pod whose exit codes or conditions match: fail the job or the index, ignore it, or count it.",
  });

const podFailurePolicy = z
  .looseObject({
    rules: f.list(podFailurePolicyRule, 1, "Rules tried in order; the first that matches a failed pod decides."),
  })
  .meta({ definition: "io.k8s.api.batch.v1.PodFailurePolicy", description: "How failed pods count against the job, by their exit codes and conditions." });

const successPolicyRule = z
  .looseObject({
    succeededIndexes: f.string(1, 'Indexes that must all succeed, as ranges such as "0,2-4".'),
    succeededCount: f.int32(2, "How many of those indexes (or of all, without succeededIndexes) must succeed."),
  })
  .meta({ definition: "io.k8s.api.batch.v1.SuccessPolicyRule", description: "A set of indexes whose success lets the job succeed." });

const successPolicy = z
  .looseObject({ rules: f.list(successPolicyRule, 1, "Rules of which one met makes the job succeed; at most 20.") })
  .meta({ definition: "io.k8s.api.batch.v1.SuccessPolicy", description: "When an Indexed job succeeds before all its indexes have." });

export const jobSpec = z
  .object({
    parallelism: int.meta({ proto: 1, description: "The most pods to run at once; 1 when unset, 0 pauses the job." }).optional(),
    completions: int
      .meta({ proto: 2, description: "How many pods must succeed; unset means any one success finishes the job once its pods are done." })
      .optional(),
    activeDeadlineSeconds: int
      .meta({ proto: 3, protoType: "int64", description: "Seconds the job may run, from its start, before it is failed and its pods stopped." })
      .optional(),
    podFailurePolicy: podFailurePolicy
      .meta({ proto: 11, description: "Rules that decide, from a failed pod's exit codes and conditions, what the failure means for the job." })
      .optional(),
    successPolicy: successPolicy
      .meta({ proto: 16, description: "For Indexed jobs: which succeeded indexes, or how many, let the job succeed early." })
      .optional(),
    backoffLimit: int.meta({ proto: 7, description: "Retries before the job is failed; 6 when unset." }).optional(),
    backoffLimitPerIndex: int.meta({ proto: 12, description: "For Indexed jobs: retries of each index before that index is failed." }).optional(),
    maxFailedIndexes: int
      .meta({ proto: 13, description: "For jobs with backoffLimitPerIndex: failed indexes past which the whole job is failed." })
      .optional(),
    selector: labelSelector.meta({ proto: 4, description: "Picks the job's pods; generated from the job's uid unless manualSelector is true." }).optional(),
    manualSelector: z.boolean().meta({ proto: 5, description: "Take the selector as given instead of generating it; rarely wise." }).optional(),
    template: podTemplateSpec.meta({ proto: 6, description: "The pods to run; their restartPolicy must be Never or OnFailure." }).optional(),
    ttlSecondsAfterFinished: int
      .meta({ proto: 8, description: "Seconds after the job finishes before it is deleted; never when unset." })
      .optional(),
    completionMode: z
      .string()
      .meta({ proto: 9, description: "NonIndexed, where pods are interchangeable, or Indexed, where each pod gets an index; NonIndexed when unset." })
      .optional(),
    suspend: z.boolean().meta({ proto: 10, description: "While true, no pods are created and running ones are stopped; false when unset." }).optional(),
    podReplacementPolicy: z
      .string()
      .meta({ proto: 14, description: "When a replacement pod is made: TerminatingOrFailed, or Failed to wait until the old pod is gone." })
      .optional(),
    managedBy: z
      .string()
      .meta({ proto: 15, description: "The controller that syncs the job; kube's own job controller when unset. It cannot change." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.batch.v1.JobSpec", description: "The pods a job runs to completion, and its limits and policies." });

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
