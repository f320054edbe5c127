// batch/v1 CronJob: creates Jobs on a cron schedule. kube's defaults (Allow, not suspended, keep 3 successful
// and 1 failed job), a schedule that must parse, an IANA time zone, /status, and kube's cron job table.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { formatLabelSelector } from "../../api/label-selector.ts";
import type { KubeObject } from "../../api/object.ts";
import { containerCells, containersColumn, imagesColumn, templateMetadata } from "../core/pod-spec.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { age, ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { cronScheduleError, isTimeZone } from "./cron-schedule.ts";
import { defaultJobTemplateSpec, jobSpec, validateJobSpec, type JobSpec } from "./job-spec.ts";
import { cronJobStatus } from "./job-status-schema.ts";

const int = z.number().int();

const jobTemplate = z
  .object({
    metadata: templateMetadata.meta({ proto: 1, description: "Labels and annotations for the jobs created." }).optional(),
    spec: jobSpec.meta({ proto: 2, description: "The spec of the jobs created." }).optional(),
  })
  .meta({ definition: "io.k8s.api.batch.v1.JobTemplateSpec", description: "The jobs a CronJob creates: their metadata and spec." });

const spec = z
  .object({
    schedule: z.string().meta({ proto: 1, description: "When to run, in cron format, e.g. \"*/15 * * * *\" or @hourly." }).optional(),
    timeZone: z.string().meta({ proto: 8, description: "The IANA time zone the schedule is read in; the controller's when unset." }).optional(),
    startingDeadlineSeconds: int
      .meta({ proto: 2, protoType: "int64", description: "Seconds after its scheduled time a run that was missed may still start." })
      .optional(),
    concurrencyPolicy: z
      .string()
      .meta({ proto: 3, description: "When a run is due and the last is still active: Allow both, Forbid the new one, or Replace the old one." })
      .optional(),
    suspend: z.boolean().meta({ proto: 4, description: "While true, no new runs start; false when unset." }).optional(),
    jobTemplate: jobTemplate.meta({ proto: 5, description: "The job created for each run." }).optional(),
    successfulJobsHistoryLimit: int.meta({ proto: 6, description: "How many finished, successful jobs are kept; 3 when unset." }).optional(),
    failedJobsHistoryLimit: int.meta({ proto: 7, description: "How many failed jobs are kept; 1 when unset." }).optional(),
  })
  .meta({ definition: "io.k8s.api.batch.v1.CronJobSpec", description: "When a CronJob runs, what it runs, and how many runs it keeps." });

const schema = z
  .object({
    ...envelope,
    spec: spec.meta({ proto: 2, description: "The schedule and the job to run." }).optional(),
    status: cronJobStatus.meta({ proto: 3, description: "The active jobs and the last runs, as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.batch.v1.CronJob", description: "Creates jobs on a repeating schedule." });

interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  jobTemplate?: { metadata?: Record<string, unknown>; spec?: JobSpec };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

interface CronJob extends KubeObject {
  spec?: CronJobSpec;
  status?: { active?: unknown[]; lastScheduleTime?: string };
}

const concurrencyPolicies = ["Allow", "Forbid", "Replace"];
/** The controller appends an 11-character suffix to name each Job, whose name is at most 63 characters. */
const maxNameLength = 52;

function nonNegative(field: string, value: number | undefined): FieldError[] {
  return value !== undefined && value < 0 ? [fieldError.invalid(field, value, "must be greater than or equal to 0")] : [];
}

function validateSchedule(schedule: string | undefined): FieldError[] {
  const path = "spec.schedule";
  if (!schedule) return [fieldError.required(path)];
  const errors: FieldError[] = [];
  const parseError = cronScheduleError(schedule);
  if (parseError) errors.push(fieldError.invalid(path, schedule, parseError));
  if (schedule.includes("TZ")) errors.push(fieldError.invalid(path, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  return errors;
}

function validateTimeZone(zone: string | undefined): FieldError[] {
  const path = "spec.timeZone";
  if (zone === undefined) return [];
  if (zone === "") return [fieldError.invalid(path, zone, "timeZone must be nil or non-empty string")];
  if (zone.split("/").some((part) => part === "." || part === ".." || part.startsWith("-") || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part))) {
    return [fieldError.invalid(path, zone, `unknown time zone ${zone}`)];
  }
  if (zone.toLowerCase() === "local") return [fieldError.invalid(path, zone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")];
  return isTimeZone(zone) ? [] : [fieldError.invalid(path, zone, `unknown time zone ${zone}`)];
}

function validateJobTemplate(spec: JobSpec = {}): FieldError[] {
  const path = "spec.jobTemplate.spec";
  const errors = validateJobSpec(spec, path);
  if (spec.selector) errors.push(fieldError.invalid(`${path}.selector`, spec.selector, "`selector` will be auto-generated"));
  if (spec.manualSelector) errors.push(fieldError.notSupported(`${path}.manualSelector`, true, ["nil", "false"]));
  return errors;
}

export const cronJobs = {
  group: "batch",
  version: "v1",
  kind: "CronJob",
  plural: "cronjobs",
  singular: "cronjob",
  namespaced: true,
  shortNames: ["cj"],
  categories: ["all"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  generationFields: ["spec"],
  applyDefaults(obj) {
    const spec = ((obj as CronJob).spec ??= {});
    if (!spec.concurrencyPolicy) spec.concurrencyPolicy = "Allow";
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const template = (spec.jobTemplate ??= {});
    template.metadata ??= {};
    defaultJobTemplateSpec((template.spec ??= {}));
  },
  prepareForCreate(obj) {
    (obj as CronJob).status = {};
  },
  validate(obj) {
    const cj = obj as CronJob;
    const spec = cj.spec ?? {};
    const errors: FieldError[] = [];
    const name = cj.metadata.name ?? "";
    if (name.length > maxNameLength) errors.push(fieldError.invalid("metadata.name", name, `must be no more than ${maxNameLength} characters`));
    errors.push(...validateSchedule(spec.schedule));
    errors.push(...nonNegative("spec.startingDeadlineSeconds", spec.startingDeadlineSeconds));
    errors.push(...validateTimeZone(spec.timeZone));
    const policy = spec.concurrencyPolicy;
    if (!policy) errors.push(fieldError.required("spec.concurrencyPolicy"));
    else if (!concurrencyPolicies.includes(policy)) errors.push(fieldError.notSupported("spec.concurrencyPolicy", policy, concurrencyPolicies));
    errors.push(...validateJobTemplate(spec.jobTemplate?.spec));
    errors.push(...nonNegative("spec.successfulJobsHistoryLimit", spec.successfulJobsHistoryLimit));
    errors.push(...nonNegative("spec.failedJobsHistoryLimit", spec.failedJobsHistoryLimit));
    return errors;
  },
  table: {
    columns: [
      nameColumn,
      column("Schedule", "string", "When jobs are created, in cron format."),
      column("Timezone", "string", "The time zone the schedule is read in."),
      column("Suspend", "boolean", "Whether new runs are held back."),
      column("Active", "integer", "Jobs of this cron job running now."),
      column("Last Schedule", "string", "How long ago a job was last scheduled."),
      ageColumn,
      containersColumn,
      imagesColumn,
      column("Selector", "string", "The label query that picks the pods of the created jobs.", 1),
    ],
    cells(obj, { now }) {
      const cj = obj as CronJob;
      const spec = cj.spec ?? {};
      const [names, images] = containerCells(spec.jobTemplate?.spec?.template?.spec);
      const suspend = spec.suspend === undefined ? "<unset>" : spec.suspend ? "True" : "False";
      const last = cj.status?.lastScheduleTime;
      return [
        obj.metadata.name ?? "",
        spec.schedule ?? "",
        spec.timeZone ?? "<none>",
        suspend,
        (cj.status?.active ?? []).length,
        last ? age(last, now) : "<none>",
        creationAge(obj, now),
        names,
        images,
        formatLabelSelector(spec.jobTemplate?.spec?.selector),
      ];
    },
  },
} satisfies KindDefinition;
