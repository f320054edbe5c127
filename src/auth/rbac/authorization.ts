// What the rest of the server may ask of authorization: may this user do this, which rules does a user hold,
// what does a role grant, and would granting these rules be an escalation. One per request.

import { decide, isPrivileged, type Decision } from "./authorizer.ts";
import { escalationError } from "./escalation.ts";
import type { AccessAttributes, PolicyRule, RoleRef, UserInfo } from "./policy-rule.ts";
import { rbacCache, type RbacCache } from "./rbac-cache.ts";
import { roleReferenceRules } from "./rule-resolver.ts";

export interface Authorization {
  /** The requesting user (after impersonation). */
  readonly user: UserInfo;
  /** A member of system:masters: every check passes. */
  readonly privileged: boolean;
  authorize(attrs: AccessAttributes, user?: UserInfo): Promise<Decision>;
  /** The rules a user holds in a namespace ("" for cluster-wide ones), and resolution errors. */
  rulesFor(namespace: string, user?: UserInfo): Promise<{ rules: PolicyRule[]; errors: string[] }>;
  /** The rules a role reference grants in a namespace, or kube's error when the role is missing. */
  roleRules(ref: RoleRef, namespace: string): Promise<PolicyRule[] | string>;
  /** ConfirmNoEscalation: undefined when the user holds every rule in the namespace, else kube's message. */
  escalation(rules: readonly PolicyRule[], namespace: string): Promise<string | undefined>;
}

export class RbacAuthorization implements Authorization {
  readonly privileged: boolean;

  constructor(
    private readonly cache: RbacCache,
    readonly user: UserInfo,
  ) {
    this.privileged = isPrivileged(user);
  }

  async authorize(attrs: AccessAttributes, user: UserInfo = this.user): Promise<Decision> {
    if (isPrivileged(user)) return { allowed: true, reason: "" };
    const snapshot = await this.cache.current();
    return decide(user, attrs, () => this.cache.rules(snapshot, user, attrs.namespace ?? ""));
  }

  async rulesFor(namespace: string, user: UserInfo = this.user): Promise<{ rules: PolicyRule[]; errors: string[] }> {
    const snapshot = await this.cache.current();
    const resolved = this.cache.rules(snapshot, user, namespace);
    return { rules: resolved.rules.map((r) => r.rule), errors: resolved.errors };
  }

  async roleRules(ref: RoleRef, namespace: string): Promise<PolicyRule[] | string> {
    return roleReferenceRules(await this.cache.current(), ref, namespace);
  }

  async escalation(rules: readonly PolicyRule[], namespace: string): Promise<string | undefined> {
    const held = await this.rulesFor(namespace);
    return escalationError(this.user, held.rules, rules, held.errors);
  }
}

/** RBAC for any user, as the access reviews ask it. */
export interface Authorizer {
  authorize(user: UserInfo, attrs: AccessAttributes): Promise<Decision>;
  rulesFor(user: UserInfo, namespace: string): Promise<{ rules: PolicyRule[]; errors: string[] }>;
}

export function rbacAuthorizer(db: D1Database): Authorizer {
  const cache = rbacCache(db);
  return {
    authorize: (user, attrs) => new RbacAuthorization(cache, user).authorize(attrs),
    rulesFor: (user, namespace) => new RbacAuthorization(cache, user).rulesFor(namespace),
  };
}

/** The requesting user's authorization, over the isolate's RBAC cache. */
export function authorizationFor(db: D1Database, user: UserInfo): RbacAuthorization {
  return new RbacAuthorization(rbacCache(db), user);
}
