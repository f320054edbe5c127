// core/v1 Pod: the pod spec with kube's defaults and checks, a status owned by /status (Pending with its QoS
// class on creation), a spec that only changes in the few ways kube allows, and kube's pod table.

import { z } from "zod";
import { rfc3339 } from "../../api/time.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { defaultPodOnly, defaultPodSpec, podSpec, validatePodSpec } from "./pod-spec.ts";
import { podQosClass } from "./pod-qos.ts";
import { admitPodCreate, admitPodUpdate } from "./pod-admission.ts";
import { podStatus } from "./pod-status-schema.ts";
import { podTable, type PodObject } from "./pod-table.ts";
import { validatePodUpdate } from "./pod-update-validation.ts";

const schema = z
  .object({
    ...envelope,
    spec: podSpec.meta({ proto: 2, description: "What the pod should run, and how." }).optional(),
    status: podStatus.meta({ proto: 3, description: "What the pod is doing, as last reported; written through /status." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Pod", description: "A group of containers scheduled together onto one node, sharing its network and volumes." });

export const pods = {
  group: "",
  version: "v1",
  kind: "Pod",
  plural: "pods",
  singular: "pod",
  namespaced: true,
  shortNames: ["po"],
  categories: ["all"],
  nameRule: "dns1123-subdomain",
  schema,
  status: true,
  generationFields: ["spec"],
  returnDeletedObject: true,
  applyDefaults(obj) {
    const pod = obj as PodObject;
    pod.spec ??= {};
    defaultPodSpec(pod.spec);
    defaultPodOnly(pod.spec);
  },
  prepareForCreate(obj, ctx) {
    const pod = obj as PodObject;
    const spec = pod.spec ?? {};
    pod.status = { phase: "Pending", qosClass: podQosClass(spec) };
    if ((spec.schedulingGates ?? []).length > 0) {
      pod.status.conditions = [
        {
          type: "PodScheduled",
          status: "False",
          lastProbeTime: null,
          lastTransitionTime: rfc3339(ctx.now),
          reason: "SchedulingGated",
          message: "Scheduling is blocked due to non-empty scheduling gates",
        },
      ];
    }
  },
  prepareForUpdate(obj, old, ctx) {
    // kube's admission runs before validation; on a subresource it does not run.
    if (!ctx.subresource) admitPodUpdate(obj, old);
  },
  validate(obj) {
    return validatePodSpec((obj as PodObject).spec ?? {}, "spec", { isPod: true });
  },
  validateUpdate(obj, old) {
    return validatePodUpdate((obj as PodObject).spec ?? {}, (old as PodObject).spec ?? {});
  },
  admitInShard: admitPodCreate,
  table: podTable,
  fieldSelectors: {
    "spec.nodeName": (obj) => (obj as PodObject).spec?.nodeName ?? "",
    "spec.restartPolicy": (obj) => (obj as PodObject).spec?.restartPolicy ?? "",
    "spec.schedulerName": (obj) => (obj as PodObject).spec?.schedulerName ?? "",
    "spec.serviceAccountName": (obj) => (obj as PodObject).spec?.serviceAccountName ?? "",
    "spec.hostNetwork": (obj) => String((obj as PodObject).spec?.hostNetwork ?? false),
    "status.phase": (obj) => (obj as PodObject).status?.phase ?? "",
    "status.podIP": (obj) => (obj as PodObject).status?.podIPs?.[0]?.ip ?? "",
    "status.nominatedNodeName": (obj) => (obj as PodObject).status?.nominatedNodeName ?? "",
  },
} satisfies KindDefinition;
