// What a new cluster has from the start: the namespaces default, kube-system, kube-public, kube-node-lease,
// the system priority classes, and kube's default RBAC policy (src/controllers/rbac-bootstrap.ts). What each
// namespace holds from the start is made by src/controllers/namespace-defaults.ts.
// Run once per Worker isolate through the cluster shard; creating what exists already changes nothing.

import type { KubeObject } from "../api/object.ts";
import type { Env } from "../env.ts";
import { initialNamespaces } from "../resources/core/namespaces.ts";
import { shardFor } from "../storage/shards.ts";
import { createBootstrapPolicy } from "./rbac-bootstrap.ts";

const bootstrapUser = { name: "system:apiserver", groups: ["system:masters"] };
let done: Promise<void> | undefined;

/** kube-apiserver's own priority classes, for the pods a cluster cannot run without. */
const systemPriorityClasses = [
  { name: "system-node-critical", value: 2_000_001_000, description: "For pods a node cannot work without; the highest priority." },
  { name: "system-cluster-critical", value: 2_000_000_000, description: "For pods the cluster cannot work without." },
];

export async function createInitialNamespaces(env: Env): Promise<void> {
  const shard = shardFor(env, "");
  const create = async (kind: { group: string; version: string; plural: string }, body: KubeObject) => {
    const result = await shard.write({ op: "create", kind, namespace: "", dryRun: false, user: bootstrapUser, body });
    if (!result.ok && result.status.reason !== "AlreadyExists") throw new Error(`bootstrap of ${kind.plural} ${body.metadata.name}: ${result.status.message}`);
  };
  for (const name of initialNamespaces) {
    await create({ group: "", version: "v1", plural: "namespaces" }, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  }
  for (const { name, value, description } of systemPriorityClasses) {
    const body = { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value, description };
    await create({ group: "scheduling.k8s.io", version: "v1", plural: "priorityclasses" }, body);
  }
  await createBootstrapPolicy(env);
  await shard.startMaintenance();
}

/** Bootstraps once per isolate; a failed attempt is retried by the next request. */
export function ensureBootstrapped(env: Env): Promise<void> {
  done ??= createInitialNamespaces(env).catch((error: unknown) => {
    done = undefined;
    throw error;
  });
  return done;
}
