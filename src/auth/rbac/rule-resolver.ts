// Which rules apply to a user in a namespace: kube's DefaultRuleResolver over a snapshot of the RBAC objects.
// Cluster role bindings first, then the namespace's role bindings; a binding to a missing role is an error
// that is reported, never a grant.

import { subjectAppliesTo, type PolicyRule, type RoleRef, type Subject, type UserInfo } from "./policy-rule.ts";

export interface Binding {
  namespace: string;
  name: string;
  roleRef: RoleRef;
  subjects: Subject[];
}

/** The RBAC objects at one moment, indexed for evaluation. */
export interface RbacSnapshot {
  /** Roles by "namespace/name". */
  roles: Map<string, PolicyRule[]>;
  clusterRoles: Map<string, PolicyRule[]>;
  clusterRoleBindings: Binding[];
  /** Role bindings by namespace. */
  roleBindings: Map<string, Binding[]>;
}

export function emptySnapshot(): RbacSnapshot {
  return { roles: new Map(), clusterRoles: new Map(), clusterRoleBindings: [], roleBindings: new Map() };
}

/** A rule that applies, with kube's description of where it comes from. */
export interface SourcedRule {
  source: string;
  rule: PolicyRule;
}

export interface ResolvedRules {
  rules: SourcedRule[];
  /** Resolution errors (bindings to missing roles), in kube's wording. */
  errors: string[];
}

export function roleReferenceRules(snapshot: RbacSnapshot, ref: RoleRef, namespace: string): PolicyRule[] | string {
  switch (ref.kind) {
    case "Role":
      return snapshot.roles.get(`${namespace}/${ref.name}`) ?? `role.rbac.authorization.k8s.io "${ref.name}" not found`;
    case "ClusterRole":
      return snapshot.clusterRoles.get(ref.name) ?? `clusterrole.rbac.authorization.k8s.io "${ref.name}" not found`;
    default:
      return `unsupported role reference kind: "${ref.kind}"`;
  }
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === "ServiceAccount") {
    return `${subject.kind} ${JSON.stringify(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  }
  return `${subject.kind} ${JSON.stringify(subject.name)}`;
}

function describe(binding: Binding, subject: Subject, cluster: boolean): string {
  const name = cluster ? binding.name : `${binding.name}/${binding.namespace}`;
  const kind = cluster ? "ClusterRoleBinding" : "RoleBinding";
  return `${kind} ${JSON.stringify(name)} of ${binding.roleRef.kind} ${JSON.stringify(binding.roleRef.name)} to ${describeSubject(subject, cluster ? "" : binding.namespace)}`;
}

/** Every rule that applies to the user in the namespace ("" for cluster-wide rules only). */
export function resolveRules(snapshot: RbacSnapshot, user: UserInfo, namespace: string): ResolvedRules {
  const rules: SourcedRule[] = [];
  const errors: string[] = [];
  const collect = (binding: Binding, cluster: boolean) => {
    const subjectNamespace = cluster ? "" : binding.namespace;
    const subject = binding.subjects.find((s) => subjectAppliesTo(user, s, subjectNamespace));
    if (!subject) return;
    const found = roleReferenceRules(snapshot, binding.roleRef, binding.namespace);
    if (typeof found === "string") {
      errors.push(found);
      return;
    }
    const source = describe(binding, subject, cluster);
    for (const rule of found) rules.push({ source, rule });
  };
  for (const binding of snapshot.clusterRoleBindings) collect(binding, true);
  if (namespace) for (const binding of snapshot.roleBindings.get(namespace) ?? []) collect(binding, false);
  return { rules, errors };
}

/** utilerrors.NewAggregate's text: one error alone, several in brackets. */
export function aggregateErrors(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
}
