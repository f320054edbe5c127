// The statuses of Job and CronJob as their controllers write them through /status: a job's pod counts,
// conditions and finished indexes; a cron job's active jobs and last runs.

import { z } from "zod";
import { kubeField as f } from "../core/kube-field.ts";
import { objectReference } from "../schema-types.ts";

const jobCondition = z
  .looseObject({
    type: f.string(1, "Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet."),
    status: f.string(2, "True, False or Unknown."),
    lastProbeTime: f.time(3, "When the condition was last checked."),
    lastTransitionTime: f.time(4, "When the status last changed."),
    reason: f.string(5, "A CamelCase word for why the status last changed."),
    message: f.string(6, "Details, for a person."),
  })
  .meta({ definition: "io.k8s.api.batch.v1.JobCondition", description: "One aspect of the job's state." });

const uncountedTerminatedPods = z
  .looseObject({
    succeeded: f.strings(1, "UIDs of succeeded pods not yet counted in status.succeeded.", { listType: "set" }),
    failed: f.strings(2, "UIDs of failed pods not yet counted in status.failed.", { listType: "set" }),
  })
  .meta({ definition: "io.k8s.api.batch.v1.UncountedTerminatedPods", description: "Finished pods whose finalizer the controller is yet to remove." });

export const jobStatus = z
  .looseObject({
    conditions: f.list(jobCondition, 1, "The current conditions of the job.", { patchStrategy: "merge", patchMergeKey: "type", listType: "atomic" }),
    startTime: f.time(2, "When the controller started the job; reset when a suspended job resumes."),
    completionTime: f.time(3, "When the job completed; unset while running or when it failed."),
    active: f.int32(4, "Pods pending or running, not being deleted.", { omitEmpty: true }),
    succeeded: f.int32(5, "Pods that succeeded.", { omitEmpty: true }),
    failed: f.int32(6, "Pods that failed.", { omitEmpty: true }),
    terminating: f.int32(11, "Pods being deleted and not yet gone."),
    completedIndexes: f.string(7, 'For Indexed jobs: the indexes that succeeded, as ranges such as "1,3-5".'),
    failedIndexes: f.string(10, "With backoffLimitPerIndex: the indexes that failed, as ranges."),
    uncountedTerminatedPods: f.message(uncountedTerminatedPods, 8, "Finished pods not yet counted."),
    ready: f.int32(9, "Active pods that are ready."),
  })
  .meta({ definition: "io.k8s.api.batch.v1.JobStatus", description: "The job's progress and outcome, as last observed." });

export const cronJobStatus = z
  .looseObject({
    active: f.list(objectReference, 1, "The jobs running now."),
    lastScheduleTime: f.time(4, "When a job was last scheduled."),
    lastSuccessfulTime: f.time(5, "When a job last completed successfully."),
  })
  .meta({ definition: "io.k8s.api.batch.v1.CronJobStatus", description: "The active jobs and the last runs, as last observed." });
