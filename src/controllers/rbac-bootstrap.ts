// The RBAC objects a new cluster has (kube's bootstrap policy): default ClusterRoles and ClusterRoleBindings,
// created when missing (existing ones are left as their owners changed them), then aggregation reconciled.

import type { Env } from "../env.ts";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles, clusterRoleBindingObject, clusterRoleObject } from "../auth/rbac/bootstrap-policy.ts";
import { rbacCache } from "../auth/rbac/rbac-cache.ts";
import type { KubeObject } from "../api/object.ts";
import { shardFor } from "../storage/shards.ts";
import { reconcileAggregation } from "./cluster-role-aggregation.ts";

const bootstrapUser = { name: "system:apiserver", groups: ["system:masters"] };

async function ensure(env: Env, plural: string, body: KubeObject): Promise<void> {
  const result = await shardFor(env, "").write({
    op: "create",
    kind: { group: "rbac.authorization.k8s.io", version: "v1", plural },
    namespace: "",
    dryRun: false,
    user: bootstrapUser,
    body,
  });
  if (!result.ok && result.status.reason !== "AlreadyExists") throw new Error(`bootstrap of ${plural} ${body.metadata.name}: ${result.status.message}`);
}

export async function createBootstrapPolicy(env: Env): Promise<void> {
  // Sent together, the creates share the cluster shard's batches.
  await Promise.all([
    ...bootstrapClusterRoles.map((role) => ensure(env, "clusterroles", clusterRoleObject(role) as KubeObject)),
    ...bootstrapClusterRoleBindings.map((binding) => ensure(env, "clusterrolebindings", clusterRoleBindingObject(binding) as KubeObject)),
  ]);
  await reconcileAggregation(env);
  rbacCache(env.DB).invalidate();
}
