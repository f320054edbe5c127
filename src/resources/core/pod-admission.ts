// The admission kube-apiserver's default plugins apply to pods, beyond the pod's own defaults:
// - ServiceAccount (pod-service-account.ts), on create;
// - DefaultTolerationSeconds: a pod that does not tolerate the not-ready and unreachable NoExecute taints
//   gets tolerations of 300 seconds for them, on create and update;
// - Priority: on create the pod's priority and preemption policy come from its PriorityClass (or the global
//   default class, or 0 and PreemptLowerPriority); an update keeps them.

import { forbidden } from "../../api/errors.ts";
import type { KubeObject } from "../../api/object.ts";
import type { Status } from "../../api/status.ts";
import { storageKey, type ShardAdmissionContext } from "../definition.ts";
import { admitPodServiceAccount } from "./pod-service-account.ts";
import type { PodSpec, Toleration } from "./pod-spec-schema.ts";
import type { PodObject } from "./pod-table.ts";

const noExecuteTaints = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];
const defaultTolerationSeconds = 300;

interface PriorityClass extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/**
 * Mutating admission of a pod create, in kube's plugin order; a refusal is a 403. (An update's admission runs
 * before validation instead: admitPodUpdate.)
 */
export async function admitPodCreate(obj: KubeObject, ctx: ShardAdmissionContext): Promise<Status | undefined> {
  if (ctx.old) return undefined;
  const refused = await admitPodServiceAccount(obj, ctx);
  if (refused) return refused;
  const pod = obj as PodObject;
  addDefaultTolerations((pod.spec ??= {}) as PodSpec);
  return admitPodPriority(pod, ctx);
}

/** What admission does to a pod update: default tolerations, and priority kept from the stored pod. */
export function admitPodUpdate(obj: KubeObject, old: KubeObject): void {
  const spec = ((obj as PodObject).spec ??= {}) as PodSpec;
  const before = ((old as PodObject).spec ?? {}) as PodSpec;
  addDefaultTolerations(spec);
  if (spec.priority === undefined && before.priority !== undefined) spec.priority = before.priority;
  if (spec.preemptionPolicy === undefined && before.preemptionPolicy !== undefined) spec.preemptionPolicy = before.preemptionPolicy;
}

function addDefaultTolerations(spec: PodSpec): void {
  const tolerations = (spec.tolerations ?? []) as Toleration[];
  for (const key of noExecuteTaints) {
    const tolerated = tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === "NoExecute"));
    if (!tolerated) tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: defaultTolerationSeconds });
  }
  if (tolerations.length) spec.tolerations = tolerations;
}

async function admitPodPriority(pod: PodObject, ctx: ShardAdmissionContext): Promise<Status | undefined> {
  const spec = pod.spec as PodSpec;
  const refuse = (message: string) => forbidden({ group: "", resource: "pods" }, pod.metadata.name ?? "", message);
  const classes = (await ctx.clusterObjects(storageKey({ group: "scheduling.k8s.io", plural: "priorityclasses" }))) as PriorityClass[];
  let priority = 0;
  let policy: string | undefined = "PreemptLowerPriority";
  if (!spec.priorityClassName) {
    // The global default class with the lowest value, if any.
    const chosen = classes.filter((pc) => pc.globalDefault).sort((a, b) => (a.value ?? 0) - (b.value ?? 0))[0];
    if (chosen) {
      spec.priorityClassName = chosen.metadata.name;
      priority = chosen.value ?? 0;
      policy = chosen.preemptionPolicy;
    }
  } else {
    const chosen = classes.find((pc) => pc.metadata.name === spec.priorityClassName);
    if (!chosen) return refuse(`no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = chosen.value ?? 0;
    policy = chosen.preemptionPolicy;
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    return refuse(`the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (policy !== undefined) {
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
      return refuse(`the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = policy;
  }
  return undefined;
}
