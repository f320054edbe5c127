// The rules of a resolved set that can apply to a request: for a resource request those holding its verb and
// API group, for a path those holding its verb and naming paths, in the set's order (so the first that allows
// is the one kube names). Kept per set and per (verb, group), so a user bound through many roles scans only
// the few rules that can match, not every rule of every role.

import { apiGroupMatches, verbMatches, type AccessAttributes } from "./policy-rule.ts";
import type { ResolvedRules, SourcedRule } from "./rule-resolver.ts";

/** Per set, at most this many (verb, group) lists are kept: groups come from request paths, anyone's to choose. */
const maxKeys = 256;
const indexes = new WeakMap<ResolvedRules, Map<string, readonly SourcedRule[]>>();

function select(resolved: ResolvedRules, attrs: AccessAttributes): SourcedRule[] {
  if (attrs.resourceRequest) {
    const group = attrs.apiGroup ?? "";
    return resolved.rules.filter(({ rule }) => verbMatches(rule, attrs.verb) && apiGroupMatches(rule, group));
  }
  return resolved.rules.filter(({ rule }) => verbMatches(rule, attrs.verb) && (rule.nonResourceURLs?.length ?? 0) > 0);
}

export function candidateRules(resolved: ResolvedRules, attrs: AccessAttributes): readonly SourcedRule[] {
  let index = indexes.get(resolved);
  if (!index) indexes.set(resolved, (index = new Map()));
  const key = attrs.resourceRequest ? `r\u0000${attrs.verb}\u0000${attrs.apiGroup ?? ""}` : `n\u0000${attrs.verb}`;
  let rules = index.get(key);
  if (!rules) {
    rules = select(resolved, attrs);
    if (index.size < maxKeys) index.set(key, rules);
  }
  return rules;
}
