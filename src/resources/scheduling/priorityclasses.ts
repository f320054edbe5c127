// scheduling.k8s.io/v1 PriorityClass: a named pod priority, and whether pods of it may preempt others.

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { forbidden } from "../../api/errors.ts";
import type { Status } from "../../api/status.ts";
import { storageKey, type KindDefinition, type ShardAdmissionContext } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { envelope } from "../schema-types.ts";

const preemptionPolicies = ["Never", "PreemptLowerPriority"] as const;
const highestUserDefinablePriority = 1_000_000_000;
const systemPrefix = "system-";
/** The priority classes kube itself creates, with their fixed values. */
const systemClasses: Record<string, number> = { "system-node-critical": 2_000_001_000, "system-cluster-critical": 2_000_000_000 };

const schema = z
  .object({
    ...envelope,
    value: z.number().int().min(-2147483648).max(2147483647).meta({ proto: 2, description: "The priority pods of this class get; higher runs first." }).optional(),
    globalDefault: z.boolean().meta({ proto: 3, omitEmpty: true, description: "Pods that name no priority class get this one; only one class may set it." }).optional(),
    description: z.string().meta({ proto: 4, description: "When to use this class, for people." }).optional(),
    preemptionPolicy: z.string().meta({ proto: 5, description: "Whether pods of this class may evict lower-priority pods: Never or PreemptLowerPriority." }).optional(),
  })
  .meta({ definition: "io.k8s.api.scheduling.v1.PriorityClass", description: "Maps a class name to a pod priority value." });

type PriorityClass = KubeObject & z.infer<typeof schema>;

function systemClassErrors(pc: PriorityClass): FieldError[] {
  const name = pc.metadata.name ?? "";
  const expected = systemClasses[name];
  let problem: string | undefined;
  if (expected === undefined) problem = `${name} is not a known system priority class`;
  else if (pc.value !== expected) problem = `value of ${name} PriorityClass must be ${expected}`;
  else if (pc.globalDefault === true) problem = `globalDefault of ${name} PriorityClass must be false`;
  if (!problem) return [];
  return [fieldError.forbidden("metadata.name", `priority class names with '${systemPrefix}' prefix are reserved for system use only. error: ${problem}`)];
}

/** kube's Priority admission of classes: one global default at most (checked in the cluster shard's order). */
async function admitOneDefault(obj: KubeObject, ctx: ShardAdmissionContext): Promise<Status | undefined> {
  const pc = obj as PriorityClass;
  if (pc.globalDefault !== true) return undefined;
  const others = (await ctx.clusterObjects(storageKey(priorityClasses))) as PriorityClass[];
  const current = others.find((other) => other.globalDefault === true && other.metadata.name !== pc.metadata.name);
  if (!current) return undefined;
  const message = `PriorityClass ${current.metadata.name} is already marked as default. Only one default can exist`;
  return forbidden({ group: "scheduling.k8s.io", resource: "priorityclasses" }, pc.metadata.name ?? "", message);
}

export const priorityClasses = {
  group: "scheduling.k8s.io",
  version: "v1",
  kind: "PriorityClass",
  plural: "priorityclasses",
  singular: "priorityclass",
  namespaced: false,
  shortNames: ["pc"],
  nameRule: "dns1123-subdomain",
  schema,
  admitInShard: admitOneDefault,
  applyDefaults(obj) {
    const pc = obj as PriorityClass;
    pc.value ??= 0;
    pc.preemptionPolicy ??= "PreemptLowerPriority";
  },
  validate(obj) {
    const pc = obj as PriorityClass;
    const errors: FieldError[] = [];
    if ((pc.metadata.name ?? "").startsWith(systemPrefix)) errors.push(...systemClassErrors(pc));
    else if ((pc.value ?? 0) > highestUserDefinablePriority) {
      errors.push(fieldError.forbidden("value", `maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`));
    }
    if (pc.preemptionPolicy === undefined) errors.push(fieldError.required("preemptionPolicy"));
    else if (!(preemptionPolicies as readonly string[]).includes(pc.preemptionPolicy)) {
      errors.push(fieldError.notSupported("preemptionPolicy", pc.preemptionPolicy, preemptionPolicies));
    }
    return errors;
  },
  validateUpdate(obj, old) {
    const pc = obj as PriorityClass;
    const was = old as PriorityClass;
    const errors: FieldError[] = [];
    if ((pc.value ?? 0) !== (was.value ?? 0)) errors.push(fieldError.forbidden("value", "may not be changed in an update."));
    if (pc.preemptionPolicy !== was.preemptionPolicy) errors.push(fieldError.immutable("preemptionPolicy", pc.preemptionPolicy));
    return errors;
  },
  table: {
    columns: [
      nameColumn,
      column("Value", "integer", "The priority pods of this class get."),
      column("Global-Default", "boolean", "Whether pods without a class get this one."),
      ageColumn,
      column("PreemptionPolicy", "string", "Whether pods of this class may preempt lower-priority pods."),
    ],
    cells(obj, { now }) {
      const pc = obj as PriorityClass;
      return [obj.metadata.name ?? "", pc.value ?? 0, pc.globalDefault ?? false, creationAge(obj, now), pc.preemptionPolicy ?? ""];
    },
  },
} satisfies KindDefinition;
