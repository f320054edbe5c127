// apps/v1 ReplicaSet: keeps a number of pods from a template; an immutable selector, /status, /scale, and
// the status.replicas field selector.

import { z } from "zod";
import { formatLabelSelector } from "../../api/label-selector.ts";
import type { KubeObject } from "../../api/object.ts";
import { containerCells, containersColumn, defaultPodTemplate, imagesColumn, podTemplateSpec, type PodTemplateSpec } from "../core/pod-spec.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope, labelSelector, type LabelSelectorObject } from "../schema-types.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { selectorOrUndefined, validateSelectorUnchanged, validateWorkloadSelector } from "../workload-selector.ts";
import { nonNegative, replicasScale, validateControllerTemplate } from "./workload-rules.ts";
import { replicaSetStatus } from "./workload-status-schema.ts";

const int = z.number().int();

const spec = z
  .object({
    replicas: int.meta({ proto: 1, description: "How many pods to run; 1 when unset." }).optional(),
    minReadySeconds: int
      .meta({ proto: 4, omitEmpty: true, description: "Seconds a new pod must stay ready, without a container crashing, before it counts as available." })
      .optional(),
    selector: labelSelector.meta({ proto: 2, description: "Picks the pods the replica set counts; it must match the template's labels." }).optional(),
    template: podTemplateSpec.meta({ proto: 3, description: "The pods created when too few match the selector." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.ReplicaSetSpec", description: "How many pods of which template a replica set keeps." });

const schema = z
  .object({
    ...envelope,
    spec: spec.meta({ proto: 2, description: "The desired pods." }).optional(),
    status: replicaSetStatus.meta({ proto: 3, description: "How many pods exist and are ready, as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.ReplicaSet", description: "Keeps a number of pods made from a template running." });

interface ReplicaSet extends KubeObject {
  spec?: { replicas?: number; minReadySeconds?: number; selector?: LabelSelectorObject; template?: PodTemplateSpec };
  status?: { replicas?: number; readyReplicas?: number };
}

export const replicaSets = {
  group: "apps",
  version: "v1",
  kind: "ReplicaSet",
  plural: "replicasets",
  singular: "replicaset",
  namespaced: true,
  shortNames: ["rs"],
  categories: ["all"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  generationFields: ["spec"],
  scale: replicasScale,
  applyDefaults(obj) {
    const spec = ((obj as ReplicaSet).spec ??= {});
    spec.replicas ??= 1;
    spec.template = defaultPodTemplate(spec.template);
  },
  prepareForCreate(obj) {
    (obj as ReplicaSet).status = { replicas: 0 };
  },
  validate(obj) {
    const spec = (obj as ReplicaSet).spec ?? {};
    const errors = [...nonNegative("spec.replicas", spec.replicas), ...nonNegative("spec.minReadySeconds", spec.minReadySeconds)];
    // kube's ReplicaSet check shares the Deployment's wording for an empty selector.
    errors.push(...validateWorkloadSelector(spec.selector, spec.template?.metadata?.labels, { emptyWord: "deployment", invalidDetail: "invalid label selector" }));
    if (selectorOrUndefined(spec.selector)) errors.push(...validateControllerTemplate(spec.template, "ReplicaSet"));
    return errors;
  },
  validateUpdate(obj, old) {
    return validateSelectorUnchanged((obj as ReplicaSet).spec?.selector, (old as ReplicaSet).spec?.selector);
  },
  table: {
    columns: [
      nameColumn,
      column("Desired", "integer", "How many pods the replica set should run."),
      column("Current", "integer", "How many pods the replica set runs now."),
      column("Ready", "integer", "How many of its pods are ready."),
      ageColumn,
      containersColumn,
      imagesColumn,
      column("Selector", "string", "The label query that picks the replica set's pods.", 1),
    ],
    cells(obj, { now }) {
      const rs = obj as ReplicaSet;
      const [names, images] = containerCells(rs.spec?.template?.spec);
      return [
        obj.metadata.name ?? "",
        rs.spec?.replicas ?? 0,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        creationAge(obj, now),
        names,
        images,
        formatLabelSelector(rs.spec?.selector),
      ];
    },
  },
  fieldSelectors: {
    "status.replicas": (obj) => String((obj as ReplicaSet).status?.replicas ?? 0),
  },
} satisfies KindDefinition;
