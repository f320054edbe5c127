// The authorizer: system:masters may do anything; everyone else what RBAC grants. Answers as kube's union of
// the privileged-group and RBAC authorizers does: allow with RBAC's reason, or no opinion (a denial).

import { ruleAllows, type AccessAttributes, type UserInfo } from "./policy-rule.ts";
import { candidateRules } from "./rule-index.ts";
import { aggregateErrors, type ResolvedRules } from "./rule-resolver.ts";

export const privilegedGroup = "system:masters";

export interface Decision {
  allowed: boolean;
  reason: string;
}

export function isPrivileged(user: UserInfo): boolean {
  return user.groups.includes(privilegedGroup);
}

/** Decides from the rules that apply to the user in the request's namespace. */
export function decide(user: UserInfo, attrs: AccessAttributes, resolved: () => ResolvedRules): Decision {
  if (isPrivileged(user)) return { allowed: true, reason: "" };
  const rules = resolved();
  for (const { source, rule } of candidateRules(rules, attrs)) {
    if (ruleAllows(attrs, rule)) return { allowed: true, reason: `RBAC: allowed by ${source}` };
  }
  return { allowed: false, reason: rules.errors.length > 0 ? `RBAC: ${aggregateErrors(rules.errors)}` : "" };
}
