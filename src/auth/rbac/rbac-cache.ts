// The RBAC objects, kept per Worker isolate: loaded from D1 once, then re-checked by a fingerprint of their
// rows at most once a second (and at once after this isolate wrote one of them). The rules that apply to a
// user in a namespace are resolved once per snapshot, so a request costs a map lookup and a rule scan.
// Perf note: the bench target is 80% of the admin's throughput for a user bound through 100 roles.

import type { KubeObject } from "../../api/object.ts";
import { ResourceCache } from "../../storage/resource-cache.ts";
import type { PolicyRule, RoleRef, Subject, UserInfo } from "./policy-rule.ts";
import { emptySnapshot, resolveRules, type Binding, type RbacSnapshot, type ResolvedRules } from "./rule-resolver.ts";

export const rbacGroup = "rbac.authorization.k8s.io";
const keys = {
  roles: `roles.${rbacGroup}`,
  clusterRoles: `clusterroles.${rbacGroup}`,
  roleBindings: `rolebindings.${rbacGroup}`,
  clusterRoleBindings: `clusterrolebindings.${rbacGroup}`,
};
const resources = Object.values(keys);
const maxResolved = 4096;

function toBinding(obj: KubeObject): Binding {
  return {
    namespace: obj.metadata.namespace ?? "",
    name: obj.metadata.name ?? "",
    roleRef: (obj.roleRef ?? { apiGroup: rbacGroup, kind: "", name: "" }) as RoleRef,
    subjects: (obj.subjects ?? []) as Subject[],
  };
}

export function snapshotOf(objects: Map<string, KubeObject[]>): RbacSnapshot {
  const snapshot = emptySnapshot();
  for (const role of objects.get(keys.roles) ?? []) {
    snapshot.roles.set(`${role.metadata.namespace}/${role.metadata.name}`, (role.rules ?? []) as PolicyRule[]);
  }
  for (const role of objects.get(keys.clusterRoles) ?? []) snapshot.clusterRoles.set(role.metadata.name ?? "", (role.rules ?? []) as PolicyRule[]);
  snapshot.clusterRoleBindings = (objects.get(keys.clusterRoleBindings) ?? []).map(toBinding);
  for (const obj of objects.get(keys.roleBindings) ?? []) {
    const binding = toBinding(obj);
    const list = snapshot.roleBindings.get(binding.namespace) ?? [];
    list.push(binding);
    snapshot.roleBindings.set(binding.namespace, list);
  }
  return snapshot;
}

export class RbacCache {
  private snapshot?: RbacSnapshot;
  private resolved = new Map<string, ResolvedRules>();
  private readonly cache: ResourceCache<RbacSnapshot>;

  constructor(db: D1Database) {
    this.cache = new ResourceCache(db, resources, (objects) => {
      this.resolved = new Map();
      return (this.snapshot = snapshotOf(objects));
    });
  }

  set db(db: D1Database) {
    this.cache.db = db;
  }

  /** Makes the next read check D1 (after a write of an RBAC object through this isolate). */
  invalidate(): void {
    this.cache.invalidate();
  }

  current(now = Date.now()): Promise<RbacSnapshot> {
    return this.cache.current(undefined, now);
  }

  /** The rules that apply to the user in the namespace, resolved once per snapshot. */
  rules(snapshot: RbacSnapshot, user: UserInfo, namespace: string): ResolvedRules {
    if (snapshot !== this.snapshot) return resolveRules(snapshot, user, namespace);
    const key = `${user.name}\u0000${user.groups.join("\u0001")}\u0000${namespace}`;
    let found = this.resolved.get(key);
    if (!found) {
      if (this.resolved.size >= maxResolved) this.resolved.clear();
      found = resolveRules(snapshot, user, namespace);
      this.resolved.set(key, found);
    }
    return found;
  }
}

let shared: RbacCache | undefined;

/** The isolate's cache (one Worker serves one database). */
export function rbacCache(db: D1Database): RbacCache {
  if (!shared) shared = new RbacCache(db);
  shared.db = db;
  return shared;
}

/** Whether a storage key or API group belongs to RBAC (writes to it invalidate the cache). */
export function isRbacGroup(group: string | undefined): boolean {
  return group === rbacGroup;
}
