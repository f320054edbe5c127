// apps/v1 DaemonSet: one pod per eligible node; kube's defaults (RollingUpdate 1/0, 10 revisions), an
// immutable selector, the template generation kube keeps in an annotation, and /status.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { formatLabelSelector } from "../../api/label-selector.ts";
import type { KubeObject } from "../../api/object.ts";
import { containerCells, containersColumn, defaultPodTemplate, imagesColumn, podTemplateSpec, type PodTemplateSpec } from "../core/pod-spec.ts";
import type { KindDefinition } from "../definition.ts";
import { jsonEqual } from "../json-equal.ts";
import { envelope, intOrString, labelSelector, type LabelSelectorObject } from "../schema-types.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { isEmptySelector, selectorOrUndefined, templateMismatch, validateLabelSelector, validateSelectorUnchanged } from "../workload-selector.ts";
import { intOrPercentValue, nonNegative, notMoreThan100Percent, validateControllerTemplate, validateIntOrPercent, type IntOrString } from "./workload-rules.ts";
import { daemonSetStatus } from "./workload-status-schema.ts";

const int = z.number().int();

const rollingUpdate = z
  .object({
    maxUnavailable: intOrString
      .meta({
        proto: 1,
        protoType: "IntOrString",
        description: "How many nodes' pods may be unavailable during the update: a number or a percentage of nodes; 1 when unset.",
      })
      .optional(),
    maxSurge: intOrString
      .meta({
        proto: 2,
        protoType: "IntOrString",
        description: "How many nodes may run a new pod beside the old one during the update: a number or a percentage; 0 when unset.",
      })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.RollingUpdateDaemonSet", description: "The limits of a DaemonSet's rolling update." });

const updateStrategy = z
  .object({
    type: z.string().meta({ proto: 1, description: "RollingUpdate or OnDelete; RollingUpdate when unset." }).optional(),
    rollingUpdate: rollingUpdate.meta({ proto: 2, goPresence: "omitted", description: "The limits of a rolling update; only with type RollingUpdate." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.DaemonSetUpdateStrategy", description: "How the pods are moved to a new template." });

const spec = z
  .object({
    selector: labelSelector.meta({ proto: 1, description: "Picks the pods the DaemonSet manages; it must match the template's labels and cannot change." }).optional(),
    template: podTemplateSpec.meta({ proto: 2, description: "The pod to run on every eligible node." }).optional(),
    updateStrategy: updateStrategy.meta({ proto: 3, description: "How a new template reaches the nodes." }).optional(),
    minReadySeconds: int
      .meta({ proto: 4, omitEmpty: true, description: "Seconds a new pod must stay ready, without a container crashing, before it counts as available." })
      .optional(),
    revisionHistoryLimit: int.meta({ proto: 6, description: "How many old revisions are kept to roll back to; 10 when unset." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.DaemonSetSpec", description: "The pod a DaemonSet runs on each node, and how it is updated." });

const schema = z
  .object({
    ...envelope,
    spec: spec.meta({ proto: 2, description: "The desired daemon pod and its updates." }).optional(),
    status: daemonSetStatus.meta({ proto: 3, description: "How many nodes run the pod, ready and updated, as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.apps.v1.DaemonSet", description: "Runs a copy of a pod on every eligible node." });

interface DaemonSetSpec {
  selector?: LabelSelectorObject;
  template?: PodTemplateSpec;
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

interface DaemonSetStatus {
  desiredNumberScheduled?: number;
  currentNumberScheduled?: number;
  numberReady?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberMisscheduled?: number;
}

interface DaemonSet extends KubeObject {
  spec?: DaemonSetSpec;
  status?: DaemonSetStatus;
}

/** apps/v1 carries the DaemonSet's template generation in this annotation. */
export const templateGenerationAnnotation = "deprecated.daemonset.template.generation";

function templateGeneration(obj: KubeObject): number {
  const value = Number(obj.metadata.annotations?.[templateGenerationAnnotation]);
  return Number.isInteger(value) ? value : 0;
}

function setTemplateGeneration(obj: KubeObject, generation: number): void {
  obj.metadata.annotations = { ...obj.metadata.annotations, [templateGenerationAnnotation]: String(generation) };
}

function validateUpdateStrategy(s: DaemonSetSpec["updateStrategy"] = {}): FieldError[] {
  const path = "spec.updateStrategy";
  if (s.type === "OnDelete") return [];
  if (s.type !== "RollingUpdate") return [fieldError.notSupported(path, s, ["RollingUpdate", "OnDelete"])];
  const ru = s.rollingUpdate;
  if (!ru) return [fieldError.required(`${path}.rollingUpdate`)];
  const unavailable = `${path}.rollingUpdate.maxUnavailable`;
  const surge = `${path}.rollingUpdate.maxSurge`;
  const errors = [
    ...validateIntOrPercent(unavailable, ru.maxUnavailable),
    ...validateIntOrPercent(surge, ru.maxSurge),
    ...notMoreThan100Percent(unavailable, ru.maxUnavailable),
    ...notMoreThan100Percent(surge, ru.maxSurge),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errors.push(fieldError.invalid(surge, ru.maxSurge, "may not be set when maxUnavailable is non-zero"));
  if (!hasUnavailable && !hasSurge) errors.push(fieldError.required(unavailable, "cannot be 0 when maxSurge is 0"));
  return errors;
}

const nodeSelectorText = (selector: Record<string, string> | undefined) =>
  Object.keys(selector ?? {})
    .sort()
    .map((k) => `${k}=${selector![k]}`)
    .join(",") || "<none>";

export const daemonSets = {
  group: "apps",
  version: "v1",
  kind: "DaemonSet",
  plural: "daemonsets",
  singular: "daemonset",
  namespaced: true,
  shortNames: ["ds"],
  categories: ["all"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  generationFields: ["spec"],
  applyDefaults(obj) {
    const spec = ((obj as DaemonSet).spec ??= {});
    const s = (spec.updateStrategy ??= {});
    if (!s.type) s.type = "RollingUpdate";
    if (s.type === "RollingUpdate") {
      const ru = (s.rollingUpdate ??= {});
      ru.maxUnavailable ??= 1;
      ru.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    spec.template = defaultPodTemplate(spec.template);
  },
  prepareForCreate(obj) {
    (obj as DaemonSet).status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    setTemplateGeneration(obj, Math.max(1, templateGeneration(obj)));
  },
  prepareForUpdate(obj, old) {
    const changed = !jsonEqual((obj as DaemonSet).spec?.template, (old as DaemonSet).spec?.template);
    setTemplateGeneration(obj, templateGeneration(old) + (changed ? 1 : 0));
  },
  validate(obj) {
    const spec = (obj as DaemonSet).spec ?? {};
    const errors = validateLabelSelector(spec.selector, "spec.selector");
    const selector = selectorOrUndefined(spec.selector);
    if (selector) errors.push(...templateMismatch(selector, spec.template?.metadata?.labels));
    if (spec.selector && isEmptySelector(spec.selector)) errors.push(fieldError.invalid("spec.selector", spec.selector, "empty selector is invalid for daemonset"));
    errors.push(...validateControllerTemplate(spec.template, "DaemonSet"));
    errors.push(...nonNegative("spec.minReadySeconds", spec.minReadySeconds));
    errors.push(...validateUpdateStrategy(spec.updateStrategy));
    errors.push(...nonNegative("spec.revisionHistoryLimit", spec.revisionHistoryLimit));
    return errors;
  },
  validateUpdate(obj, old) {
    return validateSelectorUnchanged((obj as DaemonSet).spec?.selector, (old as DaemonSet).spec?.selector);
  },
  table: {
    columns: [
      nameColumn,
      column("Desired", "integer", "Nodes that should run the daemon pod."),
      column("Current", "integer", "Nodes running at least one daemon pod."),
      column("Ready", "integer", "Nodes whose daemon pod is ready."),
      column("Up-to-date", "integer", "Nodes running the latest template."),
      column("Available", "integer", "Nodes whose daemon pod has been ready for minReadySeconds."),
      column("Node Selector", "string", "The node labels the template requires."),
      ageColumn,
      containersColumn,
      imagesColumn,
      column("Selector", "string", "The label query that picks the daemon set's pods.", 1),
    ],
    cells(obj, { now }) {
      const ds = obj as DaemonSet;
      const s = ds.status ?? {};
      const [names, images] = containerCells(ds.spec?.template?.spec);
      return [
        obj.metadata.name ?? "",
        s.desiredNumberScheduled ?? 0,
        s.currentNumberScheduled ?? 0,
        s.numberReady ?? 0,
        s.updatedNumberScheduled ?? 0,
        s.numberAvailable ?? 0,
        nodeSelectorText(ds.spec?.template?.spec?.nodeSelector),
        creationAge(obj, now),
        names,
        images,
        formatLabelSelector(ds.spec?.selector),
      ];
    },
  },
} satisfies KindDefinition;
