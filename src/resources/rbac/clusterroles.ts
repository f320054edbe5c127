// rbac.authorization.k8s.io/v1 ClusterRole: rules across the cluster (and URL paths). With an aggregationRule
// its rules are those of the ClusterRoles it selects, kept current by src/controllers/cluster-role-aggregation.ts.

import { z } from "zod";
import type { PolicyRule } from "../../auth/rbac/policy-rule.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { nameColumn } from "../table-columns.ts";
import { admitRole, aggregationRule, createdAtColumn, rbacGroup, rules, validateAggregationRule, validatePolicyRules } from "./rbac-schema.ts";

const schema = z
  .object({
    ...envelope,
    rules,
    aggregationRule: aggregationRule.meta({ proto: 3, description: "When set, the rules are gathered from the selected ClusterRoles by a controller." }).optional(),
  })
  .meta({ definition: "io.k8s.api.rbac.v1.ClusterRole", description: "Rules, cluster-wide or for URL paths, that bindings can grant." });

export const clusterRoles = {
  group: rbacGroup,
  version: "v1",
  kind: "ClusterRole",
  plural: "clusterroles",
  singular: "clusterrole",
  namespaced: false,
  nameRule: "path-segment",
  schema,
  validate(obj) {
    return [...validatePolicyRules(obj.rules as PolicyRule[] | undefined, false), ...validateAggregationRule(obj)];
  },
  afterCommit(_obj, effects) {
    // A ClusterRole's labels or rules feed the aggregated roles that select it.
    effects.reconcileClusterRoleAggregation();
  },
  admit: (obj, old, ctx) => admitRole("clusterroles", obj, old, ctx),
  table: {
    columns: [nameColumn, createdAtColumn],
    cells(obj) {
      return [obj.metadata.name ?? "", obj.metadata.creationTimestamp ?? null];
    },
  },
} satisfies KindDefinition;
