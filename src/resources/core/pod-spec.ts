// kube's v1 defaults for a PodSpec (pods and every workload template) and for Pods alone, plus the template
// columns workload tables share. The schemas live in pod-spec-schema.ts, the checks in pod-spec-validation.ts.

import type { TableColumn } from "../definition.ts";
import { column } from "../table-columns.ts";
import type { Container, PodSpec, PodTemplateSpec, Probe, Volume } from "./pod-spec-schema.ts";

export * from "./pod-spec-schema.ts";
export { validatePodSpec, validatePodTemplateSpec, type PodSpecOptions } from "./pod-spec-validation.ts";

type Loose = Record<string, unknown>;

const pathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const imageReference = new RegExp(
  `^(?:${domain}/)?${pathComponent}(?:/${pathComponent})*(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}))?$`,
);

/** Always for ":latest" or an image without tag or digest; IfNotPresent otherwise (and for unparsable names). */
export function defaultPullPolicy(image: string | undefined): "Always" | "IfNotPresent" {
  const m = imageReference.exec(image ?? "");
  if (!m) return "IfNotPresent";
  const [, tag, digest] = m;
  return tag === "latest" || (tag === undefined && digest === undefined) ? "Always" : "IfNotPresent";
}

function defaultHttpGet(handler: { httpGet?: Loose } | undefined): void {
  if (!handler?.httpGet) return;
  if (!handler.httpGet.path) handler.httpGet.path = "/";
  if (!handler.httpGet.scheme) handler.httpGet.scheme = "HTTP";
}

function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return;
  // kube treats 0 as unset for these four.
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  defaultHttpGet(probe);
  if (probe.grpc) probe.grpc.service ??= "";
}

function defaultFieldRef(holder: { fieldRef?: Loose } | undefined): void {
  if (holder?.fieldRef && !holder.fieldRef.apiVersion) holder.fieldRef.apiVersion = "v1";
}

function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = "/dev/termination-log";
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = "File";
  // ResourceRequirements is a struct, not a pointer: kube always writes it, empty or not.
  c.resources ??= {};
  for (const port of c.ports ?? []) if (!port.protocol) port.protocol = "TCP";
  for (const env of c.env ?? []) defaultFieldRef(env.valueFrom);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHttpGet(c.lifecycle?.postStart as Loose | undefined);
  defaultHttpGet(c.lifecycle?.preStop as Loose | undefined);
}

const fileMode = 0o644;

function defaultItems(source: Loose | undefined): void {
  for (const item of (source?.items as Loose[] | undefined) ?? []) defaultFieldRef(item);
}

function defaultVolume(v: Volume): void {
  const source = v as Loose;
  const kinds = Object.keys(source).filter((k) => k !== "name");
  if (kinds.length === 0) source.emptyDir = {};
  for (const kind of ["secret", "configMap", "downwardAPI", "projected"]) {
    const s = source[kind] as Loose | undefined;
    if (s) s.defaultMode ??= fileMode;
  }
  defaultItems(source.downwardAPI as Loose | undefined);
  for (const projection of ((source.projected as Loose | undefined)?.sources as Loose[] | undefined) ?? []) {
    const token = projection.serviceAccountToken as Loose | undefined;
    if (token) token.expirationSeconds ??= 3600;
    defaultItems(projection.downwardAPI as Loose | undefined);
  }
  const hostPath = source.hostPath as Loose | undefined;
  if (hostPath) hostPath.type ??= "";
  const claim = (source.ephemeral as Loose | undefined)?.volumeClaimTemplate as Loose | undefined;
  if (claim?.spec) defaultClaimSpec(claim.spec as Loose);
  const iscsi = source.iscsi as Loose | undefined;
  if (iscsi && !iscsi.iscsiInterface) iscsi.iscsiInterface = "default";
}

/** PersistentVolumeClaimSpec defaults (ephemeral volumes, StatefulSet claim templates). */
export function defaultClaimSpec(spec: Loose): void {
  spec.volumeMode ??= "Filesystem";
}

/** SetDefaults_PodSpec and the defaults of everything inside it: what pods and templates alike get. */
export function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = "ClusterFirst";
  if (!spec.restartPolicy) spec.restartPolicy = "Always";
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  if (!spec.schedulerName) spec.schedulerName = "default-scheduler";
  // kube's conversion: the deprecated serviceAccount fills serviceAccountName, and always mirrors it.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** A template's defaults; kube always writes its metadata and spec (both are structs). */
export function defaultPodTemplate(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const t = template ?? {};
  t.metadata ??= {};
  t.spec ??= {};
  defaultPodSpec(t.spec);
  return t;
}

const podLevelResource = (name: string) => name === "cpu" || name === "memory" || name.startsWith("hugepages-");

/** SetDefaults_Pod: what only a Pod gets, never a template. */
export function defaultPodOnly(spec: PodSpec): void {
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const c of containers) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    const requests = (c.resources!.requests ??= {});
    for (const [name, value] of Object.entries(limits)) if (!(name in requests)) requests[name] = value;
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const port of containers.flatMap((c) => c.ports ?? [])) if (!port.hostPort) port.hostPort = port.containerPort;
  }
  // Pod-level requests follow pod-level limits when no container asks for that resource itself.
  const podLimits = spec.resources?.limits;
  if (podLimits) {
    const requests = (spec.resources!.requests ??= {});
    for (const [name, value] of Object.entries(podLimits)) {
      const containerAsks = containers.some((c) => c.resources?.requests?.[name] !== undefined);
      if (podLevelResource(name) && !(name in requests) && !containerAsks) requests[name] = value;
    }
  }
}

export const containersColumn: TableColumn = column("Containers", "string", "The names of the containers in the pod template.", 1);
export const imagesColumn: TableColumn = column("Images", "string", "The images the pod template's containers run.", 1);

/** kube's layoutContainerCells: container names and images, each joined by commas. */
export function containerCells(spec: PodSpec | undefined): [string, string] {
  const containers = spec?.containers ?? [];
  return [containers.map((c) => c.name ?? "").join(","), containers.map((c) => c.image ?? "").join(",")];
}
