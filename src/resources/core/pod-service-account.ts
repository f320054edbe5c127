// kube's ServiceAccount admission for pod creates: the pod runs as `default` unless it names an account; the
// account must exist; unless the pod or its account opts out, every container mounts a projected volume
// (kube-api-access-*) with a bound token, the cluster CA (kube-root-ca.crt) and the namespace; the account's
// image pull secrets fill in a pod that has none. Mirror pods are left as they are but may reference neither
// accounts nor secrets. An account annotated kubernetes.io/enforce-mountable-secrets=true limits the secrets
// the pod may use to those it lists.

import { forbidden } from "../../api/errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { generateName } from "../../api/object-names.ts";
import type { Status } from "../../api/status.ts";
import type { ShardAdmissionContext } from "../definition.ts";
import type { Container } from "./pod-spec-container.ts";
import type { PodSpec, Volume } from "./pod-spec-schema.ts";
import type { PodObject } from "./pod-table.ts";

export const defaultServiceAccountName = "default";
export const rootCAConfigMapName = "kube-root-ca.crt";
const mirrorPodAnnotation = "kubernetes.io/config.mirror";
const enforceMountableSecretsAnnotation = "kubernetes.io/enforce-mountable-secrets";
/** The spellings of true Go's strconv.ParseBool accepts. */
const goTrue = new Set(["1", "t", "T", "true", "TRUE", "True"]);
const tokenVolumePrefix = "kube-api-access-";
const tokenMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
/** kube's expiry for the token it mounts (an hour and a few seconds, so it can spot old clients). */
const tokenExpirationSeconds = 3607;

interface ServiceAccount extends KubeObject {
  secrets?: { name?: string }[];
  imagePullSecrets?: { name?: string }[];
  automountServiceAccountToken?: boolean;
}

export async function admitPodServiceAccount(obj: KubeObject, ctx: ShardAdmissionContext): Promise<Status | undefined> {
  const pod = obj as PodObject;
  const spec = (pod.spec ??= {}) as PodSpec;
  const refuse = (message: string) => forbidden({ group: "", resource: "pods" }, pod.metadata.name ?? "", message);
  if (pod.metadata.annotations?.[mirrorPodAnnotation] !== undefined) {
    const reason = mirrorPodViolation(spec);
    return reason ? refuse(reason) : undefined;
  }
  spec.serviceAccountName ||= defaultServiceAccountName;
  spec.serviceAccount = spec.serviceAccountName;
  const name = spec.serviceAccountName;
  // The default account is made by a controller as the namespace is; kube waits for it a moment. A pod
  // racing that controller is admitted as if the account (which starts empty) were there.
  const account = ((await ctx.load("serviceaccounts", name)) ??
    (name === defaultServiceAccountName ? { metadata: { name } } : undefined)) as ServiceAccount | undefined;
  if (!account) return refuse(`error looking up service account ${ctx.namespace}/${name}: serviceaccount "${name}" not found`);
  if (spec.automountServiceAccountToken ?? account.automountServiceAccountToken ?? true) mountToken(spec);
  if (!spec.imagePullSecrets?.length && account.imagePullSecrets?.length) {
    spec.imagePullSecrets = account.imagePullSecrets.map((ref) => ({ name: ref.name }));
  }
  if (goTrue.has(account.metadata.annotations?.[enforceMountableSecretsAnnotation] ?? "")) {
    const reason = unlistedSecret(spec, account);
    if (reason) return refuse(reason);
  }
  return undefined;
}

/** Adds the token volume and mounts it in every container that has nothing at the token path. */
function mountToken(spec: PodSpec): void {
  const existing = (spec.volumes ?? []).find((v) => v.name?.startsWith(tokenVolumePrefix));
  const volumeName = existing?.name ?? generateName(tokenVolumePrefix);
  let mounted = false;
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Container[]) {
    if ((container.volumeMounts ?? []).some((m) => m.mountPath === tokenMountPath)) continue;
    (container.volumeMounts ??= []).push({ name: volumeName, readOnly: true, mountPath: tokenMountPath });
    mounted = true;
  }
  if (mounted && !existing) (spec.volumes ??= []).push(tokenVolume(volumeName));
}

/** The projected volume kube mounts, with the defaults a read of it shows. */
function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: tokenExpirationSeconds, path: "token" } },
        { configMap: { name: rootCAConfigMapName, items: [{ key: "ca.crt", path: "ca.crt" }] } },
        { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
      ],
      defaultMode: 0o644,
    },
  } as Volume;
}

function mirrorPodViolation(spec: PodSpec): string | undefined {
  if (spec.serviceAccountName) return "a mirror pod may not reference service accounts";
  if (secretReferences(spec).length > 0) return "a mirror pod may not reference secrets";
  const projectsToken = (spec.volumes ?? []).some((v) => (v.projected?.sources ?? []).some((s) => s.serviceAccountToken));
  return projectsToken ? "a mirror pod may not use ServiceAccountToken volume projections" : undefined;
}

/** The first secret the pod uses that the account does not list, as kube words it. */
function unlistedSecret(spec: PodSpec, account: ServiceAccount): string | undefined {
  const mountable = new Set((account.secrets ?? []).map((s) => s.name));
  const accountName = account.metadata.name;
  for (const volume of spec.volumes ?? []) {
    const secretName = volume.secret?.secretName;
    if (secretName !== undefined && !mountable.has(secretName)) {
      return `volume with secret.secretName="${secretName}" is not allowed because service account ${accountName} does not reference that secret`;
    }
  }
  const groups: [string, Container[]][] = [
    ["init container", (spec.initContainers ?? []) as Container[]],
    ["container", (spec.containers ?? []) as Container[]],
  ];
  for (const [label, containers] of groups) {
    for (const container of containers) {
      for (const env of container.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef?.name;
        if (ref !== undefined && !mountable.has(ref)) {
          return `${label} ${container.name} with envVar ${env.name} referencing secret.secretName="${ref}" is not allowed because service account ${accountName} does not reference that secret`;
        }
      }
    }
  }
  const pullable = new Set((account.imagePullSecrets ?? []).map((s) => s.name));
  for (const [i, ref] of (spec.imagePullSecrets ?? []).entries()) {
    if (!pullable.has(ref.name)) {
      return `imagePullSecrets[${i}].name="${ref.name ?? ""}" is not allowed because service account ${accountName} does not reference that imagePullSecret`;
    }
  }
  return undefined;
}

/** Every Secret name the pod refers to: pull secrets, volumes (secret, projected and the plugins' secretRefs), env. */
function secretReferences(spec: PodSpec): string[] {
  const names: string[] = [];
  for (const ref of spec.imagePullSecrets ?? []) if (ref.name) names.push(ref.name);
  for (const volume of spec.volumes ?? []) collectSecretNames(volume, names);
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])] as Container[];
  for (const container of containers) {
    for (const from of container.envFrom ?? []) if (from.secretRef?.name) names.push(from.secretRef.name);
    for (const env of container.env ?? []) if (env.valueFrom?.secretKeyRef?.name) names.push(env.valueFrom.secretKeyRef.name);
  }
  return names;
}

/** Secret names inside a volume source: secret.secretName, and the name of any `secretRef`/`*SecretRef` field. */
function collectSecretNames(value: unknown, names: string[], key = ""): void {
  if (Array.isArray(value)) {
    for (const item of value) collectSecretNames(item, names, key);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const record = value as Record<string, unknown>;
  if (key === "secret") {
    const name = record.secretName ?? record.name;
    if (typeof name === "string" && name) names.push(name);
  } else if (/^(secretRef|.*SecretRef)$/.test(key) && typeof record.name === "string" && record.name) {
    names.push(record.name);
  }
  for (const [k, v] of Object.entries(record)) collectSecretNames(v, names, k);
}
