// What the four RBAC kinds share: PolicyRule, Subject, RoleRef and AggregationRule (schemas with kube's proto
// numbers), kube's validation of them (pkg/apis/rbac/validation), their table columns, and the escalation
// checks their writes pass (pkg/registry/rbac/*/policybased): you cannot grant what you do not hold.

import { z } from "zod";
import { forbidden } from "../../api/errors.ts";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import type { Status } from "../../api/status.ts";
import { dns1123SubdomainErrors, pathSegmentNameErrors } from "../../api/validation/names.ts";
import type { PolicyRule, RoleRef, Subject } from "../../auth/rbac/policy-rule.ts";
import type { AdmissionContext, TableColumn, TableDefinition } from "../definition.ts";
import { jsonEqual } from "../json-equal.ts";
import { labelSelector } from "../schema-types.ts";
import { ageColumn, creationAge, nameColumn } from "../table-columns.ts";
import { validateLabelSelector } from "../workload-selector.ts";

export const rbacGroup = "rbac.authorization.k8s.io";
const strings = (proto: number, description: string) => z.array(z.string()).meta({ proto, listType: "atomic", description }).optional();

export const policyRule = z
  .object({
    verbs: z.array(z.string()).meta({ proto: 1, listType: "atomic", description: "The verbs the rule allows; \"*\" allows every verb." }),
    apiGroups: strings(2, "The API groups of the resources; \"\" is the core group and \"*\" every group."),
    resources: strings(3, "The resources the rule applies to; \"*\" is every resource and \"*/sub\" a subresource of any."),
    resourceNames: strings(4, "Names the rule is limited to; empty means every name."),
    nonResourceURLs: strings(5, "URL paths (not resources) the rule allows; a final \"*\" matches any suffix. Only in ClusterRoles bound cluster-wide."),
  })
  .meta({ definition: "io.k8s.api.rbac.v1.PolicyRule", description: "Verbs allowed on resources or URL paths; who may use them is said by bindings." });

export const rules = z.array(policyRule).meta({ proto: 2, listType: "atomic", description: "The rules of this role." }).optional();

export const aggregationRule = z
  .object({
    clusterRoleSelectors: z
      .array(labelSelector)
      .meta({ proto: 1, listType: "atomic", description: "Selectors of the ClusterRoles whose rules this role gathers; any match is enough." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.rbac.v1.AggregationRule", description: "Which ClusterRoles a ClusterRole gathers its rules from." });

export const subject = z
  .object({
    kind: z.string().meta({ proto: 1, description: "User, Group or ServiceAccount." }),
    apiGroup: z.string().meta({ proto: 2, description: "\"\" for ServiceAccount; rbac.authorization.k8s.io for User and Group (the defaults)." }).optional(),
    name: z.string().meta({ proto: 3, description: "The subject's name." }),
    namespace: z.string().meta({ proto: 4, description: "The namespace of a ServiceAccount subject." }).optional(),
  })
  .meta({ definition: "io.k8s.api.rbac.v1.Subject", structType: "atomic", description: "Who a binding grants its role to: a user, a group or a service account." });

export const subjects = z.array(subject).meta({ proto: 2, listType: "atomic", description: "Who the role is granted to." }).optional();

export const roleRef = z
  .object({
    apiGroup: z.string().meta({ proto: 1, description: "The group of the role: rbac.authorization.k8s.io." }),
    kind: z.string().meta({ proto: 2, description: "Role or ClusterRole." }),
    name: z.string().meta({ proto: 3, description: "The role's name." }),
  })
  .meta({ definition: "io.k8s.api.rbac.v1.RoleRef", structType: "atomic", description: "The role a binding grants; it cannot change." });

/** SetDefaults_Subject and the binding's roleRef apiGroup. */
export function defaultBinding(obj: KubeObject): void {
  const ref = obj.roleRef as Partial<RoleRef> | undefined;
  if (ref && !ref.apiGroup) ref.apiGroup = rbacGroup;
  for (const s of (obj.subjects ?? []) as Subject[]) {
    if (!s.apiGroup && (s.kind === "User" || s.kind === "Group")) s.apiGroup = rbacGroup;
  }
}

export function validatePolicyRules(list: readonly PolicyRule[] | undefined, namespaced: boolean, path = "rules"): FieldError[] {
  const errors: FieldError[] = [];
  (list ?? []).forEach((rule, i) => {
    const at = `${path}[${i}]`;
    if (rule.verbs.length === 0) errors.push(fieldError.required(`${at}.verbs`, "verbs must contain at least one value"));
    if (rule.nonResourceURLs?.length) {
      if (namespaced) errors.push(fieldError.invalid(`${at}.nonResourceURLs`, rule.nonResourceURLs, "namespaced rules cannot apply to non-resource URLs"));
      if (rule.apiGroups?.length || rule.resources?.length) {
        errors.push(fieldError.invalid(`${at}.nonResourceURLs`, rule.nonResourceURLs, "rules cannot apply to both regular resources and non-resource URLs"));
      }
      return;
    }
    if (!rule.apiGroups?.length) errors.push(fieldError.required(`${at}.apiGroups`, "resource rules must supply at least one api group"));
    if (!rule.resources?.length) errors.push(fieldError.required(`${at}.resources`, "resource rules must supply at least one resource"));
  });
  return errors;
}

export function validateAggregationRule(obj: KubeObject): FieldError[] {
  const rule = obj.aggregationRule as { clusterRoleSelectors?: z.infer<typeof labelSelector>[] } | undefined;
  if (!rule) return [];
  const selectors = rule.clusterRoleSelectors ?? [];
  if (selectors.length === 0) return [fieldError.required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil")];
  return selectors.flatMap((s, i) => validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`));
}

/** ValidateRoleBinding / ValidateClusterRoleBinding: the roleRef and the subjects. */
export function validateBinding(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const ref = (obj.roleRef ?? {}) as Partial<RoleRef>;
  if (ref.apiGroup !== rbacGroup) errors.push(fieldError.notSupported("roleRef.apiGroup", ref.apiGroup ?? "", [rbacGroup]));
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  if (!kinds.includes(ref.kind ?? "")) errors.push(fieldError.notSupported("roleRef.kind", ref.kind ?? "", kinds));
  if (!ref.name) errors.push(fieldError.required("roleRef.name", ""));
  else for (const msg of pathSegmentNameErrors(ref.name)) errors.push(fieldError.invalid("roleRef.name", ref.name, msg));
  ((obj.subjects ?? []) as Subject[]).forEach((s, i) => errors.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
  return errors;
}

function validateSubject(s: Subject, namespaced: boolean, at: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!s.name) errors.push(fieldError.required(`${at}.name`, ""));
  switch (s.kind) {
    case "ServiceAccount":
      if (s.name) for (const msg of dns1123SubdomainErrors(s.name)) errors.push(fieldError.invalid(`${at}.name`, s.name, msg));
      if (s.apiGroup) errors.push(fieldError.notSupported(`${at}.apiGroup`, s.apiGroup, [""]));
      if (!namespaced && !s.namespace) errors.push(fieldError.required(`${at}.namespace`, ""));
      break;
    case "User":
    case "Group":
      if (s.apiGroup !== rbacGroup) errors.push(fieldError.notSupported(`${at}.apiGroup`, s.apiGroup ?? "", [rbacGroup]));
      break;
    default:
      errors.push(fieldError.notSupported(`${at}.kind`, s.kind, ["ServiceAccount", "User", "Group"]));
  }
  return errors;
}

export function validateRoleRefUnchanged(obj: KubeObject, old: KubeObject): FieldError[] {
  return jsonEqual(obj.roleRef, old.roleRef) ? [] : [fieldError.invalid("roleRef", obj.roleRef, "cannot change roleRef")];
}

// ---- Tables, as kube prints them.

export const createdAtColumn: TableColumn = {
  name: "Created At",
  type: "date",
  description: "When the object was created, as the server recorded it.",
  priority: 0,
};

export const bindingColumns: TableColumn[] = [
  { name: "Role", type: "string", description: "The role the binding grants, as Kind/name.", priority: 0 },
];

export const bindingSubjectColumns: TableColumn[] = [
  { name: "Users", type: "string", description: "Users in the roleBinding", priority: 1 },
  { name: "Groups", type: "string", description: "Groups in the roleBinding", priority: 1 },
  { name: "ServiceAccounts", type: "string", description: "ServiceAccounts in the roleBinding", priority: 1 },
];

/** A binding's table, the same for RoleBindings and ClusterRoleBindings. */
export const bindingTable: TableDefinition = {
  columns: [nameColumn, ...bindingColumns, ageColumn, ...bindingSubjectColumns],
  cells(obj, { now }) {
    const c = bindingCells(obj);
    return [obj.metadata.name ?? "", c.role, creationAge(obj, now), c.users, c.groups, c.serviceAccounts];
  },
};

/** The Role cell and the Users, Groups and ServiceAccounts cells of a binding's row. */
function bindingCells(obj: KubeObject): { role: string; users: string; groups: string; serviceAccounts: string } {
  const ref = (obj.roleRef ?? {}) as Partial<RoleRef>;
  const list = (obj.subjects ?? []) as Subject[];
  const names = (kind: string) => list.filter((s) => s.kind === kind).map((s) => (kind === "ServiceAccount" ? `${s.namespace ?? ""}/${s.name}` : s.name));
  return { role: `${ref.kind ?? ""}/${ref.name ?? ""}`, users: names("User").join(", "), groups: names("Group").join(", "), serviceAccounts: names("ServiceAccount").join(", ") };
}

// ---- Escalation checks.

/** IsOnlyMutatingGCFields: the update changes nothing but owner references, finalizers and managed fields. */
export function onlyGarbageCollectionFields(obj: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { ownerReferences: _o, finalizers: _f, managedFields: _m, resourceVersion: _r, selfLink: _s, ...meta } = o.metadata;
    const { apiVersion: _a, kind: _k, ...rest } = o;
    return { ...rest, metadata: meta };
  };
  return jsonEqual(strip(obj), strip(old));
}

const fullAuthority: PolicyRule[] = [
  { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
  { verbs: ["*"], nonResourceURLs: ["*"] },
];

/** A Role or ClusterRole write: allowed to holders of escalate, or when the user already holds every rule. */
export async function admitRole(resource: "roles" | "clusterroles", obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): Promise<Status | undefined> {
  const { authz } = ctx;
  if (authz.privileged || (old && onlyGarbageCollectionFields(obj, old))) return undefined;
  const name = obj.metadata.name ?? "";
  const escalate = await authz.authorize({ verb: "escalate", resourceRequest: true, apiGroup: rbacGroup, apiVersion: "*", resource, name: old ? name : "", namespace: ctx.namespace });
  if (escalate.allowed) return undefined;
  const ref = { group: rbacGroup, resource };
  const missing = await authz.escalation((obj.rules ?? []) as PolicyRule[], ctx.namespace);
  if (missing) return forbidden(ref, name, missing);
  const aggregationChanged = old ? !jsonEqual(obj.aggregationRule, old.aggregationRule) : obj.aggregationRule !== undefined;
  if (aggregationChanged && obj.aggregationRule !== undefined && (await authz.escalation(fullAuthority, ctx.namespace))) {
    return forbidden(ref, name, "must have cluster-admin privileges to use the aggregationRule");
  }
  return undefined;
}

/** A RoleBinding or ClusterRoleBinding write: allowed to holders of bind on the role, or of every rule it grants. */
export async function admitBinding(resource: "rolebindings" | "clusterrolebindings", obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): Promise<Status | undefined> {
  const { authz } = ctx;
  if (authz.privileged || (old && onlyGarbageCollectionFields(obj, old))) return undefined;
  const ref = { apiGroup: rbacGroup, kind: "", name: "", ...(obj.roleRef as Partial<RoleRef> | undefined) } as RoleRef;
  if (!ref.apiGroup) ref.apiGroup = rbacGroup;
  const name = obj.metadata.name ?? "";
  const kindResource = ref.kind === "ClusterRole" ? "clusterroles" : ref.kind === "Role" ? "roles" : undefined;
  if (kindResource) {
    const bind = await authz.authorize({ verb: "bind", resourceRequest: true, apiGroup: ref.apiGroup, resource: kindResource, name: ref.name, namespace: ctx.namespace });
    if (bind.allowed) return undefined;
  }
  const granted = await authz.roleRules(ref, ctx.namespace);
  const status = (why: string) => forbidden({ group: rbacGroup, resource }, name, why);
  if (typeof granted === "string") return status(granted);
  const missing = await authz.escalation(granted, ctx.namespace);
  return missing ? status(missing) : undefined;
}
