// What a new cluster has from the start: the namespaces default, kube-system, kube-public, kube-node-lease,
// and kube's default RBAC policy (src/controllers/rbac-bootstrap.ts).
// Run once per Worker isolate through the cluster shard; creating what exists already changes nothing.

import type { Env } from "../env.ts";
import { initialNamespaces } from "../resources/core/namespaces.ts";
import { shardFor } from "../storage/shards.ts";
import { createBootstrapPolicy } from "./rbac-bootstrap.ts";

const bootstrapUser = { name: "system:apiserver", groups: ["system:masters"] };
let done: Promise<void> | undefined;

export async function createInitialNamespaces(env: Env): Promise<void> {
  const shard = shardFor(env, "");
  for (const name of initialNamespaces) {
    const result = await shard.write({
      op: "create",
      kind: { group: "", version: "v1", plural: "namespaces" },
      namespace: "",
      dryRun: false,
      user: bootstrapUser,
      body: { apiVersion: "v1", kind: "Namespace", metadata: { name } },
    });
    if (!result.ok && result.status.reason !== "AlreadyExists") throw new Error(`bootstrap of namespace ${name}: ${result.status.message}`);
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
