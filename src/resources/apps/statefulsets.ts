// apps/v1 StatefulSet: ordered pods with stable names and their own claims; kube's defaults, a spec of which
// only a few fields may change, /status and /scale.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { persistentVolumeClaim } from "../core/persistent-volume-claim-schema.ts";
import { containerCells, containersColumn, defaultClaimSpec, defaultPodTemplate, imagesColumn, podTemplateSpec, type PodTemplateSpec } from "../core/pod-spec.ts";
import type { KindDefinition } from "../definition.ts";
import { jsonEqual } from "../json-equal.ts";
import { envelope, intOrString, labelSelector, type LabelSelectorObject } from "../schema-types.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { selectorOrUndefined, validateWorkloadSelector } from "../workload-selector.ts";
import { intOrPercentValue, nonNegative, notMoreThan100Percent, replicasScale, validateControllerTemplate, validateIntOrPercent, type IntOrString } from "./workload-rules.ts";
import { statefulSetStatus } from "./workload-status-schema.ts";

const int = z.number().int();

const rollingUpdate = z
  .object({
    partition: int
      .meta({ proto: 1, description: "Only pods with an ordinal at or above this are updated; the rest keep the old template. 0 when unset." })
      .optional(),
    maxUnavailable: intOrString
      .meta({
        proto: 2,
        protoType: "IntOrString",
        description: "How many pods may be unavailable during the update: a number or a percentage of replicas; 1 when unset.",
      })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy", description: "The limits of a StatefulSet's rolling update." });

const updateStrategy = z
  .object({
    type: z.string().meta({ proto: 1, description: "RollingUpdate or OnDelete; RollingUpdate when unset." }).optional(),
    rollingUpdate: rollingUpdate.meta({ proto: 2, goPresence: "omitted", description: "The limits of a rolling update; only with type RollingUpdate." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.StatefulSetUpdateStrategy", description: "How pods are moved to a new template." });

const retentionPolicy = z
  .object({
    whenDeleted: z.string().meta({ proto: 1, description: "Retain or Delete the pods' claims when the StatefulSet is deleted; Retain when unset." }).optional(),
    whenScaled: z.string().meta({ proto: 2, description: "Retain or Delete the claims of pods removed by scaling down; Retain when unset." }).optional(),
  })
  .meta({
    definition: "io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy",
    description: "What becomes of the claims made from volumeClaimTemplates.",
  });

const ordinals = z
  .object({
    start: int.meta({ proto: 1, description: "The ordinal of the first pod; the pods are numbered start to start+replicas-1. 0 when unset." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.StatefulSetOrdinals", description: "How the StatefulSet numbers its pods." });

const spec = z
  .object({
    replicas: int.meta({ proto: 1, description: "How many pods to run; 1 when unset." }).optional(),
    selector: labelSelector.meta({ proto: 2, description: "Picks the pods the StatefulSet manages; it must match the template's labels." }).optional(),
    template: podTemplateSpec.meta({ proto: 3, description: "The pods to run; each gets a stable name and its own claims." }).optional(),
    volumeClaimTemplates: z
      .array(persistentVolumeClaim)
      .meta({ proto: 4, listType: "atomic", description: "Claims made for each pod, which its containers mount by the template's name." })
      .optional(),
    serviceName: z.string().meta({ proto: 5, description: "The headless Service that gives the pods their DNS names." }).optional(),
    podManagementPolicy: z
      .string()
      .meta({ proto: 6, description: "OrderedReady to start and stop pods one by one, or Parallel; OrderedReady when unset." })
      .optional(),
    updateStrategy: updateStrategy.meta({ proto: 7, description: "How a new template reaches the pods." }).optional(),
    revisionHistoryLimit: int.meta({ proto: 8, description: "How many old revisions are kept; 10 when unset." }).optional(),
    minReadySeconds: int
      .meta({ proto: 9, omitEmpty: true, description: "Seconds a new pod must stay ready, without a container crashing, before it counts as available." })
      .optional(),
    persistentVolumeClaimRetentionPolicy: retentionPolicy
      .meta({ proto: 10, description: "Whether the pods' claims are kept or deleted when the StatefulSet is deleted or scaled down." })
      .optional(),
    ordinals: ordinals.meta({ proto: 11, description: "The numbering of the pods." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.StatefulSetSpec", description: "The pods of a StatefulSet, their claims, and how they are updated." });

const schema = z
  .object({
    ...envelope,
    spec: spec.meta({ proto: 2, description: "The desired pods and their storage." }).optional(),
    status: statefulSetStatus.meta({ proto: 3, description: "How many pods exist, are ready and updated, as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.StatefulSet", description: "Runs pods with stable names, in order, each with storage of its own." });

type ClaimTemplate = z.infer<typeof persistentVolumeClaim> & { spec?: Record<string, unknown> & { resources?: { requests?: Record<string, unknown> } } };

interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelectorObject;
  template?: PodTemplateSpec;
  volumeClaimTemplates?: ClaimTemplate[];
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  ordinals?: { start?: number };
}

interface StatefulSet extends KubeObject {
  spec?: StatefulSetSpec;
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number };
}

const mutableFields = ["replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];
const immutableMessage =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function validateUpdateStrategy(s: StatefulSetSpec["updateStrategy"] = {}): FieldError[] {
  const path = "spec.updateStrategy";
  if (!s.type) return [fieldError.required(path)];
  if (s.type === "OnDelete") {
    return s.rollingUpdate ? [fieldError.invalid(`${path}.rollingUpdate`, s.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'")] : [];
  }
  if (s.type !== "RollingUpdate") return [fieldError.invalid(path, s, "must be 'RollingUpdate' or 'OnDelete'")];
  const ru = s.rollingUpdate;
  if (!ru) return [];
  const errors = nonNegative(`${path}.rollingUpdate.partition`, ru.partition);
  if (ru.maxUnavailable !== undefined) {
    const field = `${path}.rollingUpdate.maxUnavailable`;
    errors.push(...validateIntOrPercent(field, ru.maxUnavailable));
    if (intOrPercentValue(ru.maxUnavailable) === 0) errors.push(fieldError.invalid(field, ru.maxUnavailable, "cannot be 0"));
    errors.push(...notMoreThan100Percent(field, ru.maxUnavailable));
  }
  return errors;
}

function validateClaimTemplates(claims: ClaimTemplate[] = []): FieldError[] {
  return claims.flatMap((claim, i) => {
    const path = `spec.volumeClaimTemplates[${i}].spec`;
    const errors: FieldError[] = [];
    if ((claim.spec?.accessModes ?? []).length === 0) errors.push(fieldError.required(`${path}.accessModes`, "at least 1 access mode is required"));
    if (claim.spec?.resources?.requests?.storage === undefined) errors.push(fieldError.required(`${path}.resources[storage]`));
    return errors;
  });
}

export const statefulSets = {
  group: "apps",
  version: "v1",
  kind: "StatefulSet",
  plural: "statefulsets",
  singular: "statefulset",
  namespaced: true,
  shortNames: ["sts"],
  categories: ["all"],
  nameRule: "dns1123-label",
  schema,
  status: true,
  generationFields: ["spec"],
  scale: replicasScale,
  applyDefaults(obj) {
    const spec = ((obj as StatefulSet).spec ??= {});
    if (!spec.podManagementPolicy) spec.podManagementPolicy = "OrderedReady";
    const strategy = (spec.updateStrategy ??= {});
    if (!strategy.type) {
      strategy.type = "RollingUpdate";
      strategy.rollingUpdate ??= {};
    }
    if (strategy.type === "RollingUpdate" && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
    const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
    if (!retention.whenDeleted) retention.whenDeleted = "Retain";
    if (!retention.whenScaled) retention.whenScaled = "Retain";
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.template = defaultPodTemplate(spec.template);
    for (const claim of spec.volumeClaimTemplates ?? []) {
      // kube writes each claim template as a full PersistentVolumeClaim.
      claim.apiVersion = "v1";
      claim.kind = "PersistentVolumeClaim";
      claim.metadata ??= {};
      defaultClaimSpec((claim.spec ??= {}));
      const status = (claim.status ??= {});
      if (!status.phase) status.phase = "Pending";
    }
  },
  prepareForCreate(obj) {
    (obj as StatefulSet).status = { replicas: 0, availableReplicas: 0 };
  },
  validate(obj) {
    const spec = (obj as StatefulSet).spec ?? {};
    const errors: FieldError[] = [];
    const policy = spec.podManagementPolicy;
    if (!policy) errors.push(fieldError.required("spec.podManagementPolicy"));
    else if (policy !== "OrderedReady" && policy !== "Parallel") errors.push(fieldError.invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
    errors.push(...validateUpdateStrategy(spec.updateStrategy));
    const retention = spec.persistentVolumeClaimRetentionPolicy;
    for (const key of ["whenDeleted", "whenScaled"] as const) {
      if (retention && retention[key] !== "Retain" && retention[key] !== "Delete") {
        errors.push(fieldError.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${key}`, retention[key] ?? "", ["Retain", "Delete"]));
      }
    }
    errors.push(...validateClaimTemplates(spec.volumeClaimTemplates));
    errors.push(...nonNegative("spec.replicas", spec.replicas), ...nonNegative("spec.minReadySeconds", spec.minReadySeconds));
    errors.push(...nonNegative("spec.ordinals.start", spec.ordinals?.start));
    errors.push(...validateWorkloadSelector(spec.selector, spec.template?.metadata?.labels, { emptyWord: "statefulset" }));
    if (selectorOrUndefined(spec.selector)) {
      // The pods mount their claims by the claim templates' names.
      const claims = (spec.volumeClaimTemplates ?? []).map((c) => c.metadata?.name ?? "");
      errors.push(...validateControllerTemplate(spec.template, "StatefulSet", { extraVolumes: claims }));
    }
    return errors;
  },
  validateUpdate(obj, old) {
    const next = { ...(obj as StatefulSet).spec };
    const prev = { ...(old as StatefulSet).spec };
    for (const field of mutableFields) {
      delete next[field as keyof StatefulSetSpec];
      delete prev[field as keyof StatefulSetSpec];
    }
    return jsonEqual(next, prev) ? [] : [fieldError.forbidden("spec", immutableMessage)];
  },
  table: {
    columns: [nameColumn, column("Ready", "string", "Ready pods out of the desired number."), ageColumn, containersColumn, imagesColumn],
    cells(obj, { now }) {
      const sts = obj as StatefulSet;
      const [names, images] = containerCells(sts.spec?.template?.spec);
      return [obj.metadata.name ?? "", `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`, creationAge(obj, now), names, images];
    },
  },
} satisfies KindDefinition;
