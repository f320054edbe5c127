// The kube metadata on the schemas of Pod and the workload kinds (Deployment, ReplicaSet, StatefulSet, DaemonSet,
// Job, CronJob): every modeled field carries a protobuf number and a description, numbers are unique within each
// message (fields of an embedded message, meta `inline`, count in that message), every object schema names its
// definition and models its fields (an object without fields would decode from protobuf as {}, losing what was
// sent); and spot checks of facts of kube's wire format and merge rules.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cronJobs } from "../batch/cronjobs.ts";
import { jobs } from "../batch/jobs.ts";
import { pods } from "../core/pods.ts";
import type { KubeFieldMeta } from "../schema-meta.ts";
import { labelSelector } from "../schema-types.ts";
import { daemonSets } from "./daemonsets.ts";
import { deployments } from "./deployments.ts";
import { replicaSets } from "./replicasets.ts";
import { statefulSets } from "./statefulsets.ts";

type Meta = KubeFieldMeta;
type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

/** A field's schema under optional/default/nullable, with the metadata of every layer merged (outer layers win). */
function unwrap(schema: z.ZodType): { inner: z.ZodType; meta: Meta } {
  const layers: Meta[] = [];
  let inner = schema;
  for (;;) {
    layers.push((z.globalRegistry.get(inner) ?? {}) as Meta);
    const def = defOf(inner);
    if (!def.innerType) break;
    inner = def.innerType;
  }
  return { inner, meta: Object.assign({}, ...layers.reverse()) as Meta };
}

/** The schema at a dotted path ("spec.containers[].ports"; "[]" steps into an array, "{}" into a map). */
function at(schema: z.ZodType, path: string): { inner: z.ZodType; meta: Meta } {
  let current = unwrap(schema);
  for (const part of path.split(".")) {
    for (const step of part.split(/(?=\[\]|\{\})/)) {
      const def = defOf(current.inner);
      if (step === "[]") current = unwrap(def.element!);
      else if (step === "{}") current = unwrap(def.valueType!);
      else current = unwrap(def.shape![step]);
    }
  }
  return current;
}

/** Shared pieces annotated in schema-types.ts, not here: the walk does not step into them. */
const sharedShapes = new Set<unknown>([labelSelector.shape]);

function fieldProblems(where: string, meta: Meta, inner: z.ZodType): string[] {
  const out: string[] = [];
  if (!meta.description) out.push(`${where}: no description`);
  if (defOf(inner).type === "union" && !meta.protoType) out.push(`${where}: a union without a protoType`);
  if (meta.listType === "map" && !meta.listMapKeys?.length) out.push(`${where}: listType map without listMapKeys`);
  const element = defOf(inner).type === "array" ? defOf(unwrap(defOf(inner).element!).inner).type : undefined;
  if (meta.patchStrategy?.includes("merge") && element === "object" && !meta.patchMergeKey) out.push(`${where}: merge without patchMergeKey`);
  return out;
}

/** Every problem with the metadata of an object schema and the objects under it. */
function problems(schema: z.ZodType, path: string): string[] {
  const { inner, meta } = unwrap(schema);
  const def = defOf(inner);
  if (def.type === "array") return problems(def.element!, `${path}[]`);
  if (def.type === "record") return problems(def.valueType!, `${path}{}`);
  if (def.type !== "object" || sharedShapes.has(def.shape)) return [];
  const shape = def.shape!;
  const out: string[] = [];
  if (!meta.definition) out.push(`${path || "<root>"}: object without a definition`);
  if (Object.keys(shape).length === 0) out.push(`${path || "<root>"}: object without fields`);
  // The message each field travels in: the object's own (0) or an embedded one.
  const messageOf = new Map<string, number>();
  for (const group of meta.inline ?? []) {
    for (const name of group.fields) {
      if (!(name in shape)) out.push(`${path}: inline field ${name} is not in the schema`);
      messageOf.set(name, group.proto);
    }
    if (group.fields.length === 0 || !group.definition) out.push(`${path}: inline message ${group.proto} without fields or definition`);
  }
  const isKind = "metadata" in shape && "apiVersion" in shape;
  const seen = new Map<string, string>();
  for (const [name, field] of Object.entries(shape)) {
    const where = path ? `${path}.${name}` : name;
    const { inner: fieldInner, meta: fieldMeta } = unwrap(field);
    // A kind's TypeMeta travels outside its message; a top-level kind's metadata is numbered by the codec.
    if (isKind && (name === "apiVersion" || name === "kind")) continue;
    if (path === "" && name === "metadata") continue;
    const number = fieldMeta.proto;
    if (number === undefined) out.push(`${where}: no proto number`);
    else {
      const key = `${messageOf.get(name) ?? 0}/${number}`;
      if (seen.has(key)) out.push(`${where}: proto ${number} already used by ${seen.get(key)}`);
      else seen.set(key, name);
      if (!messageOf.has(name) && meta.inline?.some((g) => g.proto === number)) out.push(`${where}: proto ${number} is an embedded message's`);
    }
    out.push(...fieldProblems(where, fieldMeta, fieldInner));
    out.push(...problems(field, where));
  }
  return out;
}

const kinds = [pods, deployments, replicaSets, statefulSets, daemonSets, jobs, cronJobs];

describe("kube metadata of Pod and the workload kinds", () => {
  it("the walk reports what is missing", () => {
    const inner = z.object({ a: z.string().meta({ proto: 1, description: "a" }), b: z.string().meta({ proto: 1, description: "b" }) });
    const embedded = z
      .object({ c: z.string().meta({ proto: 1, description: "c" }), d: z.string().meta({ proto: 1, description: "d" }) })
      .meta({ definition: "E", inline: [{ proto: 1, definition: "EC", fields: ["c"] }] });
    const outer = z.object({
      x: inner.meta({ proto: 2, description: "x" }).optional(),
      y: z.array(z.string()).optional(),
      z: embedded.meta({ proto: 3, description: "z" }),
      u: z.union([z.number(), z.string()]).meta({ proto: 4, description: "u" }),
      e: z.looseObject({}).meta({ proto: 5, definition: "Empty", description: "e" }),
      m: z.array(inner).meta({ proto: 6, patchStrategy: "merge", description: "m" }),
      s: z.array(z.string()).meta({ proto: 7, patchStrategy: "merge", description: "s" }),
    });
    expect(problems(outer.meta({ definition: "Outer" }), "")).toEqual([
      "x: object without a definition",
      "x.b: proto 1 already used by a",
      "y: no proto number",
      "y: no description",
      "z.d: proto 1 is an embedded message's",
      "u: a union without a protoType",
      "e: object without fields",
      "m: merge without patchMergeKey",
      "m[]: object without a definition",
      "m[].b: proto 1 already used by a",
    ]);
  });

  it.each(kinds.map((def) => [def.kind, def.schema] as const))("%s: every field numbered and described, numbers unique, objects named", (_kind, schema) => {
    expect(problems(schema, "")).toEqual([]);
  });

  it("names each kind's definition, with spec in 2 and status in 3", () => {
    const names = kinds.map((def) => at(def.schema, "spec").meta.proto === 2 && at(def.schema, "status").meta.proto === 3 && unwrap(def.schema).meta.definition);
    expect(names).toEqual([
      "io.k8s.api.core.v1.Pod",
      "io.k8s.api.apps.v1.Deployment",
      "io.k8s.api.apps.v1.ReplicaSet",
      "io.k8s.api.apps.v1.StatefulSet",
      "io.k8s.api.apps.v1.DaemonSet",
      "io.k8s.api.batch.v1.Job",
      "io.k8s.api.batch.v1.CronJob",
    ]);
    expect(at(pods.schema, "status").meta.definition).toBe("io.k8s.api.core.v1.PodStatus");
    expect(at(deployments.schema, "status").meta.definition).toBe("io.k8s.api.apps.v1.DeploymentStatus");
  });

  it("PodSpec: containers, volumes and their merge rules", () => {
    const schema = pods.schema;
    expect(at(schema, "spec").meta.definition).toBe("io.k8s.api.core.v1.PodSpec");
    expect(at(schema, "spec.containers").meta).toMatchObject({ proto: 2, patchStrategy: "merge", patchMergeKey: "name", listType: "map", listMapKeys: ["name"] });
    expect(at(schema, "spec.initContainers").meta.proto).toBe(20);
    expect(at(schema, "spec.ephemeralContainers").meta.proto).toBe(34);
    expect(at(schema, "spec.volumes").meta).toMatchObject({ proto: 1, patchStrategy: "merge,retainKeys", patchMergeKey: "name", listMapKeys: ["name"] });
    expect(at(schema, "spec.tolerations").meta).toMatchObject({ proto: 22, listType: "atomic" });
    expect(at(schema, "spec.tolerations").meta.patchStrategy).toBeUndefined();
    expect(at(schema, "spec.tolerations[].tolerationSeconds").meta).toMatchObject({ proto: 5, protoType: "int64" });
    expect(at(schema, "spec.nodeSelector").meta).toMatchObject({ proto: 7, mapType: "atomic" });
    expect(at(schema, "spec.terminationGracePeriodSeconds").meta).toMatchObject({ proto: 4, protoType: "int64" });
    expect(at(schema, "spec.activeDeadlineSeconds").meta).toMatchObject({ proto: 5, protoType: "int64" });
    expect(at(schema, "spec.topologySpreadConstraints").meta).toMatchObject({ proto: 33, patchMergeKey: "topologyKey", listMapKeys: ["topologyKey", "whenUnsatisfiable"] });
    expect(at(schema, "spec.overhead{}").meta.protoType).toBe("Quantity");
    expect(at(schema, "spec.workloadRef").meta).toMatchObject({ proto: 42, definition: "io.k8s.api.core.v1.WorkloadReference" });
  });

  it("Container: fields, lists and the probe's embedded handler", () => {
    const c = (path: string) => at(pods.schema, `spec.containers[]${path}`);
    expect(c("").meta.definition).toBe("io.k8s.api.core.v1.Container");
    expect(c(".image").meta.proto).toBe(2);
    expect(c(".envFrom").meta).toMatchObject({ proto: 19, listType: "atomic" });
    expect(c(".ports").meta).toMatchObject({ proto: 6, patchStrategy: "merge", patchMergeKey: "containerPort", listType: "map", listMapKeys: ["containerPort", "protocol"] });
    expect(c(".env").meta).toMatchObject({ proto: 7, patchStrategy: "merge", patchMergeKey: "name", listMapKeys: ["name"] });
    expect(c(".env[].valueFrom.fieldRef").meta).toMatchObject({ proto: 1, definition: "io.k8s.api.core.v1.ObjectFieldSelector", structType: "atomic" });
    expect(c(".volumeMounts").meta).toMatchObject({ proto: 9, patchMergeKey: "mountPath", listMapKeys: ["mountPath"] });
    expect(c(".resources.limits{}").meta.protoType).toBe("Quantity");
    expect(c(".resources.claims").meta).toMatchObject({ proto: 3, listType: "map", listMapKeys: ["name"] });
    expect(c(".startupProbe").meta).toMatchObject({ proto: 22, definition: "io.k8s.api.core.v1.Probe" });
    expect(c(".livenessProbe").meta.inline).toEqual([{ proto: 1, definition: "io.k8s.api.core.v1.ProbeHandler", fields: ["exec", "httpGet", "tcpSocket", "grpc"] }]);
    expect(c(".livenessProbe.httpGet").meta.proto).toBe(2);
    expect(c(".livenessProbe.initialDelaySeconds").meta.proto).toBe(2);
    expect(c(".livenessProbe.terminationGracePeriodSeconds").meta).toMatchObject({ proto: 7, protoType: "int64" });
    expect(c(".livenessProbe.httpGet.port").meta).toMatchObject({ proto: 2, protoType: "IntOrString" });
    expect(c(".lifecycle.preStop").meta.proto).toBe(2);
  });

  it("EphemeralContainer: the container's fields in an embedded EphemeralContainerCommon", () => {
    const { meta } = at(pods.schema, "spec.ephemeralContainers[]");
    expect(meta.definition).toBe("io.k8s.api.core.v1.EphemeralContainer");
    expect(meta.inline?.[0]).toMatchObject({ proto: 1, definition: "io.k8s.api.core.v1.EphemeralContainerCommon" });
    expect(meta.inline?.[0].fields).toContain("image");
    expect(meta.inline?.[0].fields).not.toContain("targetContainerName");
    expect(at(pods.schema, "spec.ephemeralContainers[].targetContainerName").meta.proto).toBe(2);
  });

  it("PodTemplateSpec: metadata in 1 as ObjectMeta, spec in 2", () => {
    expect(at(deployments.schema, "spec.template").meta).toMatchObject({ proto: 3, definition: "io.k8s.api.core.v1.PodTemplateSpec" });
    expect(at(deployments.schema, "spec.template.metadata").meta).toMatchObject({ proto: 1, definition: "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" });
    expect(at(deployments.schema, "spec.template.metadata.labels").meta.proto).toBe(11);
    // The whole ObjectMeta, so that no field of a template's metadata is lost on the wire.
    expect(at(deployments.schema, "spec.template.metadata.ownerReferences").meta).toMatchObject({ proto: 13, patchMergeKey: "uid" });
    expect(at(deployments.schema, "spec.template.metadata.creationTimestamp").meta).toMatchObject({ proto: 8, protoType: "Time" });
    expect(at(cronJobs.schema, "spec.jobTemplate.metadata.finalizers").meta.proto).toBe(14);
    expect(at(deployments.schema, "spec.template.spec.containers").meta.proto).toBe(2);
  });

  it("Deployment, ReplicaSet and DaemonSet: specs and rollout strategies", () => {
    expect(at(deployments.schema, "spec").meta.definition).toBe("io.k8s.api.apps.v1.DeploymentSpec");
    expect(at(deployments.schema, "spec.selector").meta.proto).toBe(2);
    expect(at(deployments.schema, "spec.strategy").meta).toMatchObject({ proto: 4, patchStrategy: "retainKeys", definition: "io.k8s.api.apps.v1.DeploymentStrategy" });
    expect(at(deployments.schema, "spec.strategy.rollingUpdate.maxSurge").meta).toMatchObject({ proto: 2, protoType: "IntOrString" });
    expect(at(deployments.schema, "spec.progressDeadlineSeconds").meta.proto).toBe(9);
    expect(at(replicaSets.schema, "spec.minReadySeconds").meta.proto).toBe(4);
    expect(at(daemonSets.schema, "spec.revisionHistoryLimit").meta.proto).toBe(6);
    expect(at(daemonSets.schema, "spec.updateStrategy.rollingUpdate").meta.definition).toBe("io.k8s.api.apps.v1.RollingUpdateDaemonSet");
  });

  it("StatefulSet: claim templates, update strategy, retention policy and ordinals", () => {
    const s = (path: string) => at(statefulSets.schema, `spec.${path}`);
    expect(s("volumeClaimTemplates").meta).toMatchObject({ proto: 4, listType: "atomic" });
    expect(s("volumeClaimTemplates[]").meta.definition).toBe("io.k8s.api.core.v1.PersistentVolumeClaim");
    expect(s("volumeClaimTemplates[].spec.accessModes").meta).toMatchObject({ proto: 1, listType: "atomic" });
    expect(s("updateStrategy").meta).toMatchObject({ proto: 7, definition: "io.k8s.api.apps.v1.StatefulSetUpdateStrategy" });
    expect(s("updateStrategy.rollingUpdate.maxUnavailable").meta).toMatchObject({ proto: 2, protoType: "IntOrString" });
    expect(s("persistentVolumeClaimRetentionPolicy.whenScaled").meta.proto).toBe(2);
    expect(s("persistentVolumeClaimRetentionPolicy").meta.proto).toBe(10);
    expect(s("ordinals").meta).toMatchObject({ proto: 11, definition: "io.k8s.api.apps.v1.StatefulSetOrdinals" });
  });

  it("Job and CronJob: the JobSpec and the job template", () => {
    expect(at(jobs.schema, "spec").meta.definition).toBe("io.k8s.api.batch.v1.JobSpec");
    expect(at(jobs.schema, "spec.activeDeadlineSeconds").meta).toMatchObject({ proto: 3, protoType: "int64" });
    expect(at(jobs.schema, "spec.podFailurePolicy").meta).toMatchObject({ proto: 11, definition: "io.k8s.api.batch.v1.PodFailurePolicy" });
    expect(at(jobs.schema, "spec.podFailurePolicy.rules").meta).toMatchObject({ proto: 1, listType: "atomic" });
    expect(at(jobs.schema, "spec.podFailurePolicy.rules[].onPodConditions").meta).toMatchObject({ proto: 3, listType: "atomic" });
    expect(at(jobs.schema, "spec.successPolicy").meta).toMatchObject({ proto: 16, definition: "io.k8s.api.batch.v1.SuccessPolicy" });
    expect(at(jobs.schema, "spec.managedBy").meta.proto).toBe(15);
    expect(at(cronJobs.schema, "spec.jobTemplate").meta).toMatchObject({ proto: 5, definition: "io.k8s.api.batch.v1.JobTemplateSpec" });
    expect(at(cronJobs.schema, "spec.jobTemplate.spec.template").meta.proto).toBe(6);
    expect(at(cronJobs.schema, "spec.startingDeadlineSeconds").meta).toMatchObject({ proto: 2, protoType: "int64" });
    expect(at(cronJobs.schema, "spec.timeZone").meta.proto).toBe(8);
  });

  it("Volume: its sources in an embedded VolumeSource, each modeled", () => {
    const v = (path: string) => at(pods.schema, `spec.volumes[]${path}`);
    const inline = v("").meta.inline?.[0];
    expect(inline).toMatchObject({ proto: 2, definition: "io.k8s.api.core.v1.VolumeSource" });
    expect(inline?.fields).toHaveLength(30);
    expect(v(".projected").meta).toMatchObject({ proto: 26, definition: "io.k8s.api.core.v1.ProjectedVolumeSource" });
    expect(v(".projected.sources[].serviceAccountToken.expirationSeconds").meta).toMatchObject({ proto: 2, protoType: "int64" });
    expect(v(".projected.sources[].podCertificate").meta.proto).toBe(6);
    expect(v(".configMap").meta.inline).toEqual([{ proto: 1, definition: "io.k8s.api.core.v1.LocalObjectReference", fields: ["name"] }]);
    expect(v(".configMap.items").meta).toMatchObject({ proto: 2, listType: "atomic" });
    expect(v(".emptyDir.sizeLimit").meta).toMatchObject({ proto: 2, protoType: "Quantity" });
    expect(v(".iscsi.chapAuthSession").meta.proto).toBe(11);
    expect(v(".ephemeral.volumeClaimTemplate.spec.dataSourceRef").meta).toMatchObject({ proto: 8, definition: "io.k8s.api.core.v1.TypedObjectReference" });
    expect(v(".ephemeral.volumeClaimTemplate.metadata").meta.definition).toBe("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    expect(v(".image").meta).toMatchObject({ proto: 30, definition: "io.k8s.api.core.v1.ImageVolumeSource" });
  });

  it("Container: handlers, security context, env sources and devices", () => {
    const c = (path: string) => at(pods.schema, `spec.containers[]${path}`);
    expect(c(".livenessProbe.exec.command").meta).toMatchObject({ proto: 1, listType: "atomic" });
    expect(c(".livenessProbe.tcpSocket.port").meta).toMatchObject({ proto: 1, protoType: "IntOrString" });
    expect(c(".lifecycle.preStop.sleep.seconds").meta).toMatchObject({ proto: 1, protoType: "int64" });
    expect(c(".lifecycle.stopSignal").meta.proto).toBe(3);
    expect(c(".securityContext").meta).toMatchObject({ proto: 15, definition: "io.k8s.api.core.v1.SecurityContext" });
    expect(c(".securityContext.runAsUser").meta).toMatchObject({ proto: 4, protoType: "int64" });
    expect(c(".securityContext.windowsOptions").meta.proto).toBe(10);
    expect(c(".envFrom[].configMapRef").meta).toMatchObject({ proto: 2, definition: "io.k8s.api.core.v1.ConfigMapEnvSource" });
    expect(c(".env[].valueFrom.secretKeyRef").meta).toMatchObject({ proto: 4, structType: "atomic" });
    expect(c(".env[].valueFrom.secretKeyRef.key").meta.proto).toBe(2);
    expect(c(".env[].valueFrom.resourceFieldRef.divisor").meta).toMatchObject({ proto: 3, protoType: "Quantity" });
    expect(c(".restartPolicyRules[].exitCodes.values").meta).toMatchObject({ proto: 2, listType: "set" });
    expect(c(".volumeDevices[].devicePath").meta.proto).toBe(2);
  });

  it("PodSpec: security context, affinity and scheduling parts", () => {
    const s = (path: string) => at(pods.schema, `spec.${path}`);
    expect(s("securityContext.supplementalGroups").meta).toMatchObject({ proto: 4, protoType: "int64", listType: "atomic" });
    expect(s("securityContext.seLinuxChangePolicy").meta.proto).toBe(13);
    expect(s("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution").meta).toMatchObject({ proto: 1, structType: "atomic" });
    expect(s("affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[].podAffinityTerm.topologyKey").meta.proto).toBe(3);
    expect(s("topologySpreadConstraints[].matchLabelKeys").meta).toMatchObject({ proto: 8, listType: "atomic" });
    expect(s("imagePullSecrets[]").meta).toMatchObject({ definition: "io.k8s.api.core.v1.LocalObjectReference", structType: "atomic" });
    expect(s("dnsConfig.options[].value").meta.proto).toBe(2);
    expect(s("hostAliases[].hostnames").meta.proto).toBe(2);
    expect(s("os.name").meta.proto).toBe(1);
  });

  it("Statuses: conditions, times and counts", () => {
    const p = (path: string) => at(pods.schema, `status.${path}`);
    expect(p("conditions").meta).toMatchObject({ proto: 2, patchStrategy: "merge", patchMergeKey: "type", listType: "map", listMapKeys: ["type"] });
    expect(p("conditions[].lastProbeTime").meta).toMatchObject({ proto: 3, protoType: "Time" });
    expect(p("startTime").meta).toMatchObject({ proto: 7, protoType: "Time" });
    expect(p("podIPs").meta).toMatchObject({ proto: 12, patchMergeKey: "ip", listMapKeys: ["ip"] });
    expect(p("hostIPs").meta).toMatchObject({ proto: 16, patchStrategy: "merge", patchMergeKey: "ip", listType: "atomic" });
    expect(p("containerStatuses[].state.terminated.finishedAt").meta).toMatchObject({ proto: 6, protoType: "Time" });
    expect(p("containerStatuses[].user.linux.uid").meta).toMatchObject({ proto: 1, protoType: "int64" });
    expect(p("observedGeneration").meta).toMatchObject({ proto: 17, protoType: "int64" });
    expect(at(deployments.schema, "status.conditions[].lastUpdateTime").meta).toMatchObject({ proto: 6, protoType: "Time" });
    expect(at(deployments.schema, "status.readyReplicas").meta.proto).toBe(7);
    expect(at(replicaSets.schema, "status.observedGeneration").meta).toMatchObject({ proto: 3, protoType: "int64" });
    expect(at(statefulSets.schema, "status.availableReplicas").meta.proto).toBe(11);
    expect(at(statefulSets.schema, "spec.volumeClaimTemplates[].status.allocatedResourceStatuses").meta).toMatchObject({ proto: 7, mapType: "granular" });
    expect(at(daemonSets.schema, "status.conditions").meta).toMatchObject({ proto: 10, listMapKeys: ["type"] });
    expect(at(jobs.schema, "status.conditions").meta).toMatchObject({ proto: 1, patchStrategy: "merge", patchMergeKey: "type", listType: "atomic" });
    expect(at(jobs.schema, "status.uncountedTerminatedPods.failed").meta).toMatchObject({ proto: 2, listType: "set" });
    expect(at(jobs.schema, "spec.podFailurePolicy.rules[].onExitCodes.values").meta).toMatchObject({ proto: 3, listType: "set" });
    expect(at(jobs.schema, "spec.successPolicy.rules[].succeededCount").meta.proto).toBe(2);
    expect(at(cronJobs.schema, "status.active[]").meta.definition).toBe("io.k8s.api.core.v1.ObjectReference");
    expect(at(cronJobs.schema, "status.lastSuccessfulTime").meta).toMatchObject({ proto: 5, protoType: "Time" });
  });
});
