// kube's clusterrole-aggregation controller: a ClusterRole with an aggregationRule holds the union of the
// rules of the ClusterRoles its selectors pick (by name order, each rule once). Run after any ClusterRole write
// that passes through the Worker, and at bootstrap; each run rewrites only the roles whose rules differ.

import { selectorFromObject, type LabelSelectorObject } from "../api/label-selector.ts";
import type { KubeObject } from "../api/object.ts";
import type { Env } from "../env.ts";
import { jsonEqual } from "../resources/json-equal.ts";
import { readResources } from "../storage/resource-snapshot.ts";
import { shardFor } from "../storage/shards.ts";

const clusterRoles = "clusterroles.rbac.authorization.k8s.io";
const controller = { name: "system:serviceaccount:kube-system:clusterrole-aggregation-controller", groups: ["system:masters", "system:serviceaccounts"] };
const maxAttempts = 3;

/** The rules an aggregated role should hold, given every ClusterRole. */
export function aggregatedRules(role: KubeObject, all: readonly KubeObject[]): unknown[] {
  const selectors = ((role.aggregationRule as { clusterRoleSelectors?: LabelSelectorObject[] } | undefined)?.clusterRoleSelectors ?? []).map((s) => selectorFromObject(s));
  const picked = all
    .filter((other) => other.metadata.name !== role.metadata.name && selectors.some((s) => s.matches(other.metadata.labels ?? {})))
    .sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
  const rules: unknown[] = [];
  for (const other of picked) {
    for (const rule of (other.rules ?? []) as unknown[]) if (!rules.some((r) => jsonEqual(r, rule))) rules.push(rule);
  }
  return rules;
}

/** The aggregated roles whose rules change, with their new rules: repeated until nothing changes, since an
 * aggregated role may itself be gathered (view into edit into admin). */
export function aggregationChanges(all: readonly KubeObject[]): Map<string, unknown[]> {
  const current = all.map((role) => ({ ...role }));
  const changed = new Map<string, unknown[]>();
  for (let pass = 0; pass < 8; pass++) {
    let moved = false;
    for (const role of current) {
      if (!role.aggregationRule) continue;
      const rules = aggregatedRules(role, current);
      if (jsonEqual(rules, role.rules ?? [])) continue;
      role.rules = rules;
      changed.set(role.metadata.name ?? "", rules);
      moved = true;
    }
    if (!moved) break;
  }
  return changed;
}

export async function reconcileAggregation(env: Env): Promise<void> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const all = (await readResources(env.DB, [clusterRoles])).objects.get(clusterRoles) ?? [];
    let conflicted = false;
    for (const [name, rules] of aggregationChanges(all)) {
      const role = all.find((r) => r.metadata.name === name)!;
      const result = await shardFor(env, "").write({
        op: "update",
        kind: { group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterroles" },
        namespace: "",
        name,
        dryRun: false,
        user: controller,
        body: { ...role, rules },
      });
      if (!result.ok && result.status.reason === "Conflict") conflicted = true;
      else if (!result.ok && result.status.reason !== "NotFound") console.error(`aggregating clusterrole ${name}: ${result.status.message}`);
    }
    if (!conflicted) return;
  }
}
