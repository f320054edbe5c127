// rbac.authorization.k8s.io/v1 RoleBinding: grants a Role or ClusterRole within its namespace. The roleRef
// cannot change; creating one needs bind on the role, or every rule it grants.

import { z } from "zod";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { admitBinding, bindingTable, defaultBinding, rbacGroup, roleRef, subjects, validateBinding, validateRoleRefUnchanged } from "./rbac-schema.ts";

const schema = z
  .object({
    ...envelope,
    subjects,
    roleRef: roleRef.meta({ proto: 3, description: "The Role (in this namespace) or ClusterRole granted; it cannot change." }),
  })
  .meta({ definition: "io.k8s.api.rbac.v1.RoleBinding", description: "Grants a role's rules to users, groups or service accounts in one namespace." });

export const roleBindings = {
  group: rbacGroup,
  version: "v1",
  kind: "RoleBinding",
  plural: "rolebindings",
  singular: "rolebinding",
  namespaced: true,
  nameRule: "path-segment",
  schema,
  applyDefaults: defaultBinding,
  validate: (obj) => validateBinding(obj, true),
  validateUpdate: validateRoleRefUnchanged,
  admit: (obj, old, ctx) => admitBinding("rolebindings", obj, old, ctx),
  table: bindingTable,
} satisfies KindDefinition;
