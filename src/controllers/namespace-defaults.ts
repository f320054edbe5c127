// What kube puts in every active namespace: the `default` ServiceAccount (service account controller) and the
// `kube-root-ca.crt` ConfigMap holding the cluster CA (root CA publisher; only when CLUSTER_CA_CERT is set);
// and in `default`, the `kubernetes` Service that names the API server (kube-apiserver's own controller). Each
// is put back when deleted, and the ConfigMap's data when changed. Runs in the namespace's shard, in its write
// order: when the namespace is created, when one of these objects changes, and for every namespace once the
// cluster shard starts (src/storage/namespace-shard.ts).

import type { KubeObject } from "../api/object.ts";
import type { Env } from "../env.ts";
import { executeWrite, type Answer } from "../registry/execute-write.ts";
import type { ShardView } from "../registry/shard-view.ts";
import { configMaps } from "../resources/core/configmaps.ts";
import { defaultServiceAccountName, rootCAConfigMapName } from "../resources/core/pod-service-account.ts";
import { serviceAccounts } from "../resources/core/serviceaccounts.ts";
import { kubernetesService, services } from "../resources/core/services.ts";
import { storageKey } from "../resources/definition.ts";

const accountController = {
  name: "system:serviceaccount:kube-system:service-account-controller",
  groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"],
};
const apiserver = { name: "system:apiserver", groups: ["system:masters", "system:authenticated"] };
const caPublisher = {
  name: "system:serviceaccount:kube-system:root-ca-cert-publisher",
  groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"],
};

/** The job that creates or repairs the namespace's default objects; it answers how many it wrote. */
export function ensureNamespaceDefaults(env: Env): (view: ShardView, now: Date) => Promise<() => number> {
  return async (view, now) => {
    if ((await view.namespacePhase()) !== "active") return () => 0;
    const writes: Answer[] = [];
    if (!view.exists(storageKey(serviceAccounts), defaultServiceAccountName)) {
      const body = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: defaultServiceAccountName } };
      const kind = { group: "", version: "v1", plural: "serviceaccounts" };
      writes.push(await executeWrite(serviceAccounts, { op: "create", kind, namespace: view.namespace, dryRun: false, user: accountController, body }, view, now));
    }
    if (env.CLUSTER_CA_CERT) writes.push(...(await publishRootCA(env.CLUSTER_CA_CERT, view, now)));
    if (view.namespace === kubernetesService.namespace && !view.exists(storageKey(services), kubernetesService.name)) {
      const body = kubernetesService.object(Number(env.SECURE_PORT) || 443);
      const kind = { group: "", version: "v1", plural: "services" };
      writes.push(await executeWrite(services, { op: "create", kind, namespace: view.namespace, dryRun: false, user: apiserver, body }, view, now));
    }
    return () => writes.filter((answer) => answer().ok).length;
  };
}

async function publishRootCA(caCert: string, view: ShardView, now: Date): Promise<Answer[]> {
  const kind = { group: "", version: "v1", plural: "configmaps" };
  const base = { kind, namespace: view.namespace, dryRun: false, user: caPublisher };
  const current = (await view.load(storageKey(configMaps), rootCAConfigMapName)) as (KubeObject & { data?: Record<string, string> }) | undefined;
  const data = { "ca.crt": caCert };
  if (!current) {
    const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: rootCAConfigMapName }, data };
    return [await executeWrite(configMaps, { ...base, op: "create", body }, view, now)];
  }
  const keys = Object.keys(current.data ?? {});
  if (keys.length === 1 && current.data?.["ca.crt"] === caCert) return [];
  const body = { ...current, data };
  return [await executeWrite(configMaps, { ...base, op: "update", name: rootCAConfigMapName, body }, view, now)];
}
