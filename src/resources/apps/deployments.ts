// apps/v1 Deployment: replicas of a pod template rolled out by a strategy; kube's defaults (1 replica,
// RollingUpdate 25%/25%, 10 revisions, 600s deadline), an immutable selector, /status and /scale.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { containerCells, containersColumn, defaultPodTemplate, imagesColumn, podTemplateSpec, type PodTemplateSpec } from "../core/pod-spec.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope, intOrString, labelSelector, type LabelSelectorObject } from "../schema-types.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { selectorOrUndefined, validateSelectorUnchanged, validateWorkloadSelector } from "../workload-selector.ts";
import {
  intOrPercentValue,
  nonNegative,
  notMoreThan100Percent,
  replicasScale,
  validateControllerTemplate,
  validateIntOrPercent,
  type IntOrString,
} from "./workload-rules.ts";
import { deploymentStatus } from "./workload-status-schema.ts";

const int = z.number().int();

const rollingUpdate = z
  .object({
    maxUnavailable: intOrString
      .meta({
        proto: 1,
        protoType: "IntOrString",
        description: "How many pods may be unavailable during the update: a number, or a percentage of replicas rounded down; 25% when unset.",
      })
      .optional(),
    maxSurge: intOrString
      .meta({
        proto: 2,
        protoType: "IntOrString",
        description: "How many pods may be created above replicas during the update: a number, or a percentage rounded up; 25% when unset.",
      })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.RollingUpdateDeployment", description: "The limits of a rolling update." });

const strategy = z
  .object({
    type: z.string().meta({ proto: 1, description: "Recreate or RollingUpdate; RollingUpdate when unset." }).optional(),
    rollingUpdate: rollingUpdate.meta({ proto: 2, goPresence: "omitted", description: "The limits of a rolling update; only with type RollingUpdate." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.DeploymentStrategy", description: "How pods of the old template are replaced by new ones." });

const spec = z
  .object({
    replicas: int.meta({ proto: 1, description: "How many pods to run; 1 when unset." }).optional(),
    selector: labelSelector
      .meta({ proto: 2, description: "Picks the pods the deployment manages; it must match the template's labels and cannot change." })
      .optional(),
    template: podTemplateSpec.meta({ proto: 3, description: "The pods to run." }).optional(),
    strategy: strategy.meta({ proto: 4, patchStrategy: "retainKeys", description: "How a new template is rolled out." }).optional(),
    minReadySeconds: int
      .meta({ proto: 5, omitEmpty: true, description: "Seconds a new pod must stay ready, without a container crashing, before it counts as available." })
      .optional(),
    revisionHistoryLimit: int.meta({ proto: 6, description: "How many old ReplicaSets are kept to roll back to; 10 when unset." }).optional(),
    paused: z.boolean().meta({ proto: 7, omitEmpty: true, description: "While true, template changes are not rolled out." }).optional(),
    progressDeadlineSeconds: int
      .meta({ proto: 9, description: "Seconds a rollout may make no progress before it is reported as failed; 600 when unset." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.DeploymentSpec", description: "The pods a deployment should run and how it rolls out changes." });

const schema = z
  .object({
    ...envelope,
    spec: spec.meta({ proto: 2, description: "The desired pods and rollout." }).optional(),
    status: deploymentStatus.meta({ proto: 3, description: "How far the rollout has come, as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.Deployment", description: "Runs replicas of a pod template through ReplicaSets and rolls out template changes." });

interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelectorObject;
  template?: PodTemplateSpec;
  strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
}

interface Deployment extends KubeObject {
  spec?: DeploymentSpec;
  status?: { replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number };
}

const strategyTypes = ["Recreate", "RollingUpdate"];

function validateStrategy(s: DeploymentSpec["strategy"] = {}): FieldError[] {
  const path = "spec.strategy";
  if (s.type === "Recreate") {
    return s.rollingUpdate ? [fieldError.forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (s.type !== "RollingUpdate") return [fieldError.notSupported(path, s, strategyTypes)];
  const ru = s.rollingUpdate;
  if (!ru) return [fieldError.required(`${path}.rollingUpdate`, "this should be defaulted and never be nil")];
  const errors = [
    ...validateIntOrPercent(`${path}.rollingUpdate.maxUnavailable`, ru.maxUnavailable),
    ...validateIntOrPercent(`${path}.rollingUpdate.maxSurge`, ru.maxSurge),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errors.push(fieldError.invalid(`${path}.rollingUpdate.maxUnavailable`, ru.maxUnavailable ?? 0, "may not be 0 when `maxSurge` is 0"));
  }
  errors.push(...notMoreThan100Percent(`${path}.rollingUpdate.maxUnavailable`, ru.maxUnavailable));
  return errors;
}

export const deployments = {
  group: "apps",
  version: "v1",
  kind: "Deployment",
  plural: "deployments",
  singular: "deployment",
  namespaced: true,
  shortNames: ["deploy"],
  categories: ["all"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  // kube also bumps the generation when annotations change: they are copied onto the ReplicaSets.
  generationFields: ["spec", "metadata.annotations"],
  scale: replicasScale,
  applyDefaults(obj) {
    const spec = ((obj as Deployment).spec ??= {});
    spec.replicas ??= 1;
    const s = (spec.strategy ??= {});
    if (!s.type) s.type = "RollingUpdate";
    if (s.type === "RollingUpdate") {
      const ru = (s.rollingUpdate ??= {});
      ru.maxUnavailable ??= "25%";
      ru.maxSurge ??= "25%";
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    spec.template = defaultPodTemplate(spec.template);
  },
  prepareForCreate(obj) {
    (obj as Deployment).status = {};
  },
  validate(obj) {
    const spec = (obj as Deployment).spec ?? {};
    const errors = nonNegative("spec.replicas", spec.replicas);
    errors.push(...validateWorkloadSelector(spec.selector, spec.template?.metadata?.labels, { emptyWord: "deployment", invalidDetail: "invalid label selector" }));
    if (selectorOrUndefined(spec.selector)) errors.push(...validateControllerTemplate(spec.template, "ReplicaSet"));
    errors.push(...validateStrategy(spec.strategy));
    errors.push(...nonNegative("spec.minReadySeconds", spec.minReadySeconds));
    errors.push(...nonNegative("spec.revisionHistoryLimit", spec.revisionHistoryLimit));
    const deadline = spec.progressDeadlineSeconds;
    if (deadline !== undefined) {
      errors.push(...nonNegative("spec.progressDeadlineSeconds", deadline));
      if (deadline <= (spec.minReadySeconds ?? 0)) errors.push(fieldError.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
    }
    return errors;
  },
  validateUpdate(obj, old) {
    return validateSelectorUnchanged((obj as Deployment).spec?.selector, (old as Deployment).spec?.selector);
  },
  table: {
    columns: [
      nameColumn,
      column("Ready", "string", "Ready pods out of the desired number."),
      column("Up-to-date", "string", "Pods already running the latest template."),
      column("Available", "string", "Pods ready for at least minReadySeconds."),
      ageColumn,
      containersColumn,
      imagesColumn,
      column("Selector", "string", "The label query that picks the deployment's pods.", 1),
    ],
    cells(obj, { now }) {
      const d = obj as Deployment;
      const status = d.status ?? {};
      const [names, images] = containerCells(d.spec?.template?.spec);
      return [
        obj.metadata.name ?? "",
        `${status.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
        status.updatedReplicas ?? 0,
        status.availableReplicas ?? 0,
        creationAge(obj, now),
        names,
        images,
        selectorOrUndefined(d.spec?.selector)?.toString() ?? "",
      ];
    },
  },
} satisfies KindDefinition;
