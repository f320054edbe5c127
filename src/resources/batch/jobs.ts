// batch/v1 Job: pods run to completion. kube's defaults, a selector generated from the Job's uid (unless
// manualSelector), a spec mostly fixed once created, /status, and kube's job table.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { formatLabelSelector } from "../../api/label-selector.ts";
import type { KubeObject } from "../../api/object.ts";
import { dns1123LabelErrors } from "../../api/validation/names.ts";
import { containerCells, containersColumn, imagesColumn } from "../core/pod-spec.ts";
import type { KindDefinition } from "../definition.ts";
import { jsonEqual } from "../json-equal.ts";
import { envelope } from "../schema-types.ts";
import { ageColumn, column, creationAge, humanDuration, nameColumn } from "../table-columns.ts";
import { selectorOrUndefined, templateMismatch, validateLabelSelector, validateSelectorUnchanged } from "../workload-selector.ts";
import { defaultJobSpec, jobSpec, validateJobSpec, type JobSpec } from "./job-spec.ts";
import { jobStatus } from "./job-status-schema.ts";

const schema = z
  .object({
    ...envelope,
    spec: jobSpec.meta({ proto: 2, description: "The pods to run to completion." }).optional(),
    status: jobStatus.meta({ proto: 3, description: "The job's progress and outcome, as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.batch.v1.Job", description: "Runs pods until enough of them succeed." });

interface JobStatus {
  succeeded?: number;
  startTime?: string;
  completionTime?: string;
  conditions?: { type?: string; status?: string }[];
}

interface Job extends KubeObject {
  spec?: JobSpec;
  status?: JobStatus;
}

const uidLabels = ["controller-uid", "batch.kubernetes.io/controller-uid"];
const nameLabels = ["job-name", "batch.kubernetes.io/job-name"];
const selectorLabel = "batch.kubernetes.io/controller-uid";
const immutableFields = ["completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy", "podReplacementPolicy"];

/** kube's generateSelector: the pods carry the Job's name and uid, and the selector picks the uid. */
function generateSelector(job: Job, spec: JobSpec): void {
  const template = (spec.template ??= {});
  const labels = ((template.metadata ??= {}).labels ??= {});
  for (const key of nameLabels) labels[key] ??= job.metadata.name ?? "";
  for (const key of uidLabels) labels[key] ??= job.metadata.uid ?? "";
  const selector = (spec.selector ??= {});
  (selector.matchLabels ??= {})[selectorLabel] ??= job.metadata.uid ?? "";
}

function validateGeneratedSelector(job: Job, spec: JobSpec): FieldError[] {
  const labels = spec.template?.metadata?.labels;
  if (!labels) return [fieldError.required("spec.template.metadata.labels", "`controller-uid` label must be set")];
  if (!spec.selector) return [];
  const uid = job.metadata.uid ?? "";
  const errors: FieldError[] = [];
  if (!spec.selector.matchLabels) errors.push(fieldError.required("spec.selector.matchLabels", "`controller-uid` label must be set"));
  for (const key of uidLabels) {
    if (labels[key] !== uid) errors.push(fieldError.invalid(`spec.template.metadata.labels[${key}]`, labels[key] ?? "", `must be '${uid}'`));
  }
  const selected = spec.selector.matchLabels?.[selectorLabel];
  if (selected !== uid) errors.push(fieldError.invalid(`spec.selector.matchLabels[${selectorLabel}]`, selected ?? "", `must be '${uid}'`));
  return errors;
}

/** The pod template may change only in its scheduling directives, and only while the Job is suspended and unstarted. */
function validateTemplateUpdate(next: Job, prev: Job): FieldError[] {
  const template = next.spec?.template;
  let before = prev.spec?.template;
  const mutable = prev.spec?.suspend === true && !prev.status?.startTime;
  if (mutable && template && before) {
    const affinity = { ...before.spec?.affinity, nodeAffinity: template.spec?.affinity?.nodeAffinity };
    before = {
      metadata: { ...before.metadata, labels: template.metadata?.labels, annotations: template.metadata?.annotations },
      spec: { ...before.spec, affinity, nodeSelector: template.spec?.nodeSelector, tolerations: template.spec?.tolerations, schedulingGates: template.spec?.schedulingGates },
    };
  }
  return jsonEqual(template, before) ? [] : [fieldError.immutable("spec.template", template ?? null)];
}

function validateCompletions(next: JobSpec, prev: JobSpec): FieldError[] {
  if (jsonEqual(next.completions, prev.completions)) return [];
  if (next.completionMode !== "Indexed") return [fieldError.immutable("spec.completions", next.completions ?? null)];
  if (next.completions === undefined || next.completions === next.parallelism) return [];
  return [fieldError.invalid("spec.completions", next.completions, "can only be modified in tandem with spec.parallelism")];
}

const hasCondition = (status: JobStatus, type: string) => (status.conditions ?? []).some((c) => c.type === type && c.status === "True");

function jobStatusText(job: Job): string {
  const status = job.status ?? {};
  if (hasCondition(status, "Complete")) return "Complete";
  if (hasCondition(status, "Failed")) return "Failed";
  if (job.metadata.deletionTimestamp) return "Terminating";
  for (const type of ["Suspended", "FailureTarget", "SuccessCriteriaMet"]) if (hasCondition(status, type)) return type;
  return "Running";
}

function completionsText(job: Job): string {
  const done = job.status?.succeeded ?? 0;
  const spec = job.spec ?? {};
  if (spec.completions !== undefined) return `${done}/${spec.completions}`;
  return (spec.parallelism ?? 0) > 1 ? `${done}/1 of ${spec.parallelism}` : `${done}/1`;
}

function durationText(status: JobStatus, now: Date): string {
  const start = Date.parse(status.startTime ?? "");
  if (Number.isNaN(start)) return "";
  const end = status.completionTime ? Date.parse(status.completionTime) : now.getTime();
  return humanDuration(end - start);
}

export const jobs = {
  group: "batch",
  version: "v1",
  kind: "Job",
  plural: "jobs",
  singular: "job",
  namespaced: true,
  categories: ["all"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  generationFields: ["spec"],
  applyDefaults(obj) {
    const spec = ((obj as Job).spec ??= {});
    const templateLabels = spec.template?.metadata?.labels;
    if (templateLabels && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...templateLabels };
    defaultJobSpec(spec);
  },
  prepareForCreate(obj) {
    const job = obj as Job;
    const spec = (job.spec ??= {});
    job.status = {};
    if (!spec.manualSelector) generateSelector(job, spec);
    // kube defaults a Job again when it reads it back: a Job without labels gets its pods' labels.
    if (Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...spec.template?.metadata?.labels };
  },
  validate(obj) {
    const job = obj as Job;
    const spec = job.spec ?? {};
    const errors = spec.manualSelector ? [] : validateGeneratedSelector(job, spec);
    errors.push(...validateJobSpec(spec, "spec"));
    if (!spec.selector) errors.push(fieldError.required("spec.selector"));
    else errors.push(...validateLabelSelector(spec.selector, "spec.selector"));
    const selector = selectorOrUndefined(spec.selector);
    if (selector) errors.push(...templateMismatch(selector, spec.template?.metadata?.labels));
    if (spec.completionMode === "Indexed" && (spec.completions ?? 0) > 0) {
      const hostname = `${job.metadata.name ?? ""}-${spec.completions! - 1}`;
      if (dns1123LabelErrors(hostname).length > 0) {
        errors.push(fieldError.invalid("metadata.name", job.metadata.name ?? "", `will not able to create pod with invalid DNS label: ${hostname}`));
      }
    }
    return errors;
  },
  validateUpdate(obj, old) {
    const next = (obj as Job).spec ?? {};
    const prev = (old as Job).spec ?? {};
    const errors = [...validateCompletions(next, prev), ...validateSelectorUnchanged(next.selector, prev.selector), ...validateTemplateUpdate(obj as Job, old as Job)];
    for (const field of immutableFields) {
      if (!jsonEqual(next[field], prev[field])) errors.push(fieldError.immutable(`spec.${field}`, next[field] ?? null));
    }
    return errors;
  },
  table: {
    columns: [
      nameColumn,
      column("Status", "string", "Where the job stands: running, suspended, complete or failed."),
      column("Completions", "string", "Pods that succeeded, out of the completions wanted."),
      column("Duration", "string", "How long the job ran, or has been running."),
      ageColumn,
      containersColumn,
      imagesColumn,
      column("Selector", "string", "The label query that picks the job's pods.", 1),
    ],
    cells(obj, { now }) {
      const job = obj as Job;
      const [names, images] = containerCells(job.spec?.template?.spec);
      return [
        obj.metadata.name ?? "",
        jobStatusText(job),
        completionsText(job),
        durationText(job.status ?? {}, now),
        creationAge(obj, now),
        names,
        images,
        formatLabelSelector(job.spec?.selector),
      ];
    },
  },
  fieldSelectors: {
    "status.successful": (obj) => String((obj as Job).status?.succeeded ?? 0),
  },
} satisfies KindDefinition;
