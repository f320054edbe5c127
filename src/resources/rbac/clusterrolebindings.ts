// rbac.authorization.k8s.io/v1 ClusterRoleBinding: grants a ClusterRole across the cluster. The roleRef cannot
// change; creating one needs bind on the role, or every rule it grants.

import { z } from "zod";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { admitBinding, bindingTable, defaultBinding, rbacGroup, roleRef, subjects, validateBinding, validateRoleRefUnchanged } from "./rbac-schema.ts";

const schema = z
  .object({
    ...envelope,
    subjects,
    roleRef: roleRef.meta({ proto: 3, description: "The ClusterRole granted; it cannot change." }),
  })
  .meta({ definition: "io.k8s.api.rbac.v1.ClusterRoleBinding", description: "Grants a ClusterRole's rules to users, groups or service accounts everywhere." });

export const clusterRoleBindings = {
  group: rbacGroup,
  version: "v1",
  kind: "ClusterRoleBinding",
  plural: "clusterrolebindings",
  singular: "clusterrolebinding",
  namespaced: false,
  nameRule: "path-segment",
  schema,
  applyDefaults: defaultBinding,
  validate: (obj) => validateBinding(obj, false),
  validateUpdate: validateRoleRefUnchanged,
  admit: (obj, old, ctx) => admitBinding("clusterrolebindings", obj, old, ctx),
  table: bindingTable,
} satisfies KindDefinition;
