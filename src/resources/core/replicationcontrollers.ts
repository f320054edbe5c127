// core/v1 ReplicationController: the original replica keeper, a ReplicaSet whose selector is a plain map of
// labels (defaulted, like the object's own labels, from the template's, and changeable). /status, /scale, and
// the status.replicas field selector.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { selectorFromObject } from "../../api/label-selector.ts";
import type { KubeObject } from "../../api/object.ts";
import { nonNegative, validateControllerTemplate } from "../apps/workload-rules.ts";
import type { KindDefinition, ScaleDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { selectorMismatch } from "../workload-selector.ts";
import { kubeField as f } from "./kube-field.ts";
import { containerCells, containersColumn, defaultPodTemplate, imagesColumn, podTemplateSpec, type PodTemplateSpec } from "./pod-spec.ts";

const spec = z
  .object({
    replicas: f.int32(1, "How many pods to run; 1 when unset."),
    minReadySeconds: f.int32(4, "Seconds a new pod must stay ready, without a container crashing, before it counts as available.", { omitEmpty: true }),
    selector: f.stringMap(2, "Labels of the pods the controller counts; the template's labels when unset.", { mapType: "atomic" }),
    template: f.message(podTemplateSpec, 3, "The pods created when too few match the selector."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ReplicationControllerSpec", description: "How many pods of which template a replication controller keeps." });

const condition = z
  .object({
    type: f.string(1, "The condition's type, e.g. ReplicaFailure."),
    status: f.string(2, "True, False or Unknown."),
    lastTransitionTime: f.time(3, "When the status last changed."),
    reason: f.string(4, "A CamelCase word for why the status last changed."),
    message: f.string(5, "Details, for a person."),
  })
  .meta({ definition: "io.k8s.api.core.v1.ReplicationControllerCondition", description: "One aspect of the replication controller's state." });

const status = z
  .object({
    replicas: f.int32(1, "Pods of the controller, as last observed."),
    fullyLabeledReplicas: f.int32(2, "Pods whose labels match the template's.", { omitEmpty: true }),
    readyReplicas: f.int32(4, "Pods that are ready.", { omitEmpty: true }),
    availableReplicas: f.int32(5, "Pods ready for at least minReadySeconds.", { omitEmpty: true }),
    observedGeneration: f.int64(3, "The generation of the spec the controller last acted on.", { omitEmpty: true }),
    conditions: f.list(condition, 6, "The current conditions, as last observed.", { patchStrategy: "merge", patchMergeKey: "type", listType: "map", listMapKeys: ["type"] }),
  })
  .meta({ definition: "io.k8s.api.core.v1.ReplicationControllerStatus", description: "How many pods exist and are ready, as last observed." });

const schema = z
  .object({
    ...envelope,
    spec: spec.meta({ proto: 2, description: "The desired pods." }).optional(),
    status: status.meta({ proto: 3, description: "How many pods exist and are ready, as last observed; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.ReplicationController", description: "Keeps a number of pods made from a template running; ReplicaSets are its successor." });

type Selector = Record<string, string>;

interface ReplicationController extends KubeObject {
  spec?: { replicas?: number; minReadySeconds?: number; selector?: Selector; template?: PodTemplateSpec };
  status?: z.infer<typeof status>;
}

const isEmpty = (map: Selector | undefined) => Object.keys(map ?? {}).length === 0;

/** kube's labels.FormatLabels: sorted key=value pairs, "<none>" when there are none. */
function formatLabels(map: Selector | undefined): string {
  const pairs = Object.keys(map ?? {})
    .sort()
    .map((key) => `${key}=${map![key]}`);
  return pairs.length ? pairs.join(",") : "<none>";
}

function validateTemplate(rc: ReplicationController): FieldError[] {
  const template = rc.spec?.template;
  if (!template) return [fieldError.required("spec.template")];
  const selector = rc.spec?.selector;
  const errors: FieldError[] = [];
  if (!isEmpty(selector) && !selectorFromObject({ matchLabels: selector }).matches(template.metadata?.labels)) {
    errors.push(fieldError.invalid("spec.template.metadata.labels", template.metadata?.labels ?? {}, selectorMismatch));
  }
  errors.push(...validateControllerTemplate(template, "ReplicationController"));
  return errors;
}

function validateStatus(s: ReplicationController["status"]): FieldError[] {
  const st = s ?? {};
  const replicas = st.replicas ?? 0;
  const errors = (["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"] as const).flatMap((k) =>
    nonNegative(`status.${k}`, st[k]),
  );
  const most = "cannot be greater than status.replicas";
  if ((st.fullyLabeledReplicas ?? 0) > replicas) errors.push(fieldError.invalid("status.fullyLabeledReplicas", st.fullyLabeledReplicas, most));
  if ((st.readyReplicas ?? 0) > replicas) errors.push(fieldError.invalid("status.readyReplicas", st.readyReplicas, most));
  if ((st.availableReplicas ?? 0) > replicas) errors.push(fieldError.invalid("status.availableReplicas", st.availableReplicas, most));
  if ((st.availableReplicas ?? 0) > (st.readyReplicas ?? 0)) {
    errors.push(fieldError.invalid("status.availableReplicas", st.availableReplicas, "cannot be greater than readyReplicas"));
  }
  return errors;
}

/** /scale: the selector is the label map, written as a selector string. */
const scale: ScaleDefinition = {
  specReplicas: (obj) => (obj as ReplicationController).spec?.replicas ?? 0,
  setSpecReplicas(obj, replicas) {
    const rc = obj as ReplicationController;
    rc.spec = { ...rc.spec, replicas };
  },
  statusReplicas: (obj) => (obj as ReplicationController).status?.replicas ?? 0,
  specReplicasPath: ["spec", "replicas"],
  selector: (obj) => selectorFromObject({ matchLabels: (obj as ReplicationController).spec?.selector ?? {} }).toString(),
};

export const replicationControllers = {
  group: "",
  version: "v1",
  kind: "ReplicationController",
  plural: "replicationcontrollers",
  singular: "replicationcontroller",
  namespaced: true,
  shortNames: ["rc"],
  categories: ["all"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  generationFields: ["spec"],
  scale,
  applyDefaults(obj) {
    const rc = obj as ReplicationController;
    const s = (rc.spec ??= {});
    const labels = s.template?.metadata?.labels;
    if (labels) {
      if (isEmpty(s.selector)) s.selector = { ...labels };
      if (isEmpty(rc.metadata.labels)) rc.metadata.labels = { ...labels };
    }
    s.replicas ??= 1;
    if (s.template) s.template = defaultPodTemplate(s.template);
  },
  prepareForCreate(obj) {
    (obj as ReplicationController).status = { replicas: 0 };
  },
  validate(obj) {
    const rc = obj as ReplicationController;
    const s = rc.spec ?? {};
    return [
      ...nonNegative("spec.minReadySeconds", s.minReadySeconds),
      ...(isEmpty(s.selector) ? [fieldError.required("spec.selector")] : []),
      ...nonNegative("spec.replicas", s.replicas),
      ...validateTemplate(rc),
      ...validateStatus(rc.status),
    ];
  },
  table: {
    columns: [
      nameColumn,
      column("Desired", "integer", "How many pods the controller should run."),
      column("Current", "integer", "How many pods the controller runs now."),
      column("Ready", "integer", "How many of its pods are ready."),
      ageColumn,
      containersColumn,
      imagesColumn,
      column("Selector", "string", "The labels that pick the controller's pods.", 1),
    ],
    cells(obj, { now }) {
      const rc = obj as ReplicationController;
      const [names, images] = containerCells(rc.spec?.template?.spec);
      return [
        obj.metadata.name ?? "",
        rc.spec?.replicas ?? 0,
        rc.status?.replicas ?? 0,
        rc.status?.readyReplicas ?? 0,
        creationAge(obj, now),
        names,
        images,
        formatLabels(rc.spec?.selector),
      ];
    },
  },
  fieldSelectors: {
    "status.replicas": (obj) => String((obj as ReplicationController).status?.replicas ?? 0),
  },
} satisfies KindDefinition;
