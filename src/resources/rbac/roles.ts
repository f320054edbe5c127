// rbac.authorization.k8s.io/v1 Role: rules within one namespace. Writing one needs escalate, or every rule held.

import { z } from "zod";
import type { PolicyRule } from "../../auth/rbac/policy-rule.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { nameColumn } from "../table-columns.ts";
import { admitRole, createdAtColumn, rbacGroup, rules, validatePolicyRules } from "./rbac-schema.ts";

const schema = z
  .object({ ...envelope, rules })
  .meta({ definition: "io.k8s.api.rbac.v1.Role", description: "Rules a RoleBinding can grant within the role's namespace." });

export const roles = {
  group: rbacGroup,
  version: "v1",
  kind: "Role",
  plural: "roles",
  singular: "role",
  namespaced: true,
  nameRule: "path-segment",
  schema,
  validate(obj) {
    return validatePolicyRules(obj.rules as PolicyRule[] | undefined, true);
  },
  admit: (obj, old, ctx) => admitRole("roles", obj, old, ctx),
  table: {
    columns: [nameColumn, createdAtColumn],
    cells(obj) {
      return [obj.metadata.name ?? "", obj.metadata.creationTimestamp ?? null];
    },
  },
} satisfies KindDefinition;
