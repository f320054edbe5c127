// kube's audit policy (audit.k8s.io/v1 Policy): read and validated as kube-apiserver reads --audit-policy-file,
// and evaluated as its policy checker does: the first rule that matches the request decides the level, the
// stages to omit (the rule's and the policy's) and whether managedFields are dropped; no match is level None.

import { parse as parseYaml } from "yaml";
import type { AccessAttributes } from "../auth/rbac/policy-rule.ts";

export const levels = ["None", "Metadata", "Request", "RequestResponse"] as const;
export type Level = (typeof levels)[number];
export const stages = ["RequestReceived", "ResponseStarted", "ResponseComplete", "Panic"] as const;
export type Stage = (typeof stages)[number];

export interface GroupResources {
  /** "" is the core group. */
  group: string;
  /** Empty: every resource of the group. "pods/log", "*", "*\/status", "pods/*" as kube reads them. */
  resources: string[];
  resourceNames: string[];
}

export interface PolicyRule {
  level: Level;
  users: string[];
  userGroups: string[];
  verbs: string[];
  resources: GroupResources[];
  namespaces: string[];
  nonResourceURLs: string[];
  omitStages: Stage[];
  omitManagedFields?: boolean;
}

export interface Policy {
  rules: PolicyRule[];
  omitStages: Stage[];
  omitManagedFields: boolean;
}

/** What the policy decided for one request. */
export interface AuditDecision {
  level: Level;
  omitStages: readonly Stage[];
  omitManagedFields: boolean;
}

/** The user a request is evaluated for; undefined when authentication failed. */
export interface PolicyUser {
  name: string;
  groups: readonly string[];
}

export function levelAtLeast(level: Level, least: Level): boolean {
  return levels.indexOf(level) >= levels.indexOf(least);
}

const groupVersions = new Set(["audit.k8s.io/v1", "audit.k8s.io/v1beta1", "audit.k8s.io/v1alpha1"]);
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export class PolicyError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function strings(value: unknown, path: string, errors: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((s) => typeof s !== "string")) {
    errors.push(`${path}: Invalid value: must be a list of strings`);
    return [];
  }
  return value as string[];
}

function omitStagesOf(value: unknown, path: string, errors: string[]): Stage[] {
  const list = strings(value, path, errors);
  list.forEach((stage, i) => {
    if (!(stages as readonly string[]).includes(stage)) errors.push(`${path}[${i}]: Invalid value: ${JSON.stringify(stage)}: allowed stages are ${stages.join(",")}`);
  });
  return list as Stage[];
}

function ruleOf(value: unknown, path: string, errors: string[]): PolicyRule {
  const r: Json = isObject(value) ? value : {};
  if (!isObject(value)) errors.push(`${path}: Invalid value: must be an object`);
  const level = r.level ?? "";
  if (level === "") errors.push(`${path}.level: Required value`);
  else if (!(levels as readonly unknown[]).includes(level)) {
    errors.push(`${path}.level: Unsupported value: ${JSON.stringify(level)}: supported values: ${levels.map((l) => JSON.stringify(l)).join(", ")}`);
  }
  const nonResourceURLs = strings(r.nonResourceURLs, `${path}.nonResourceURLs`, errors);
  nonResourceURLs.forEach((url, i) => {
    if (url === "*") return;
    if (!url.startsWith("/")) errors.push(`${path}.nonResourceURLs[${i}]: Invalid value: ${JSON.stringify(url)}: non-resource URL rules must begin with a '/' character`);
    if (url !== "" && url.slice(0, -1).includes("*")) {
      errors.push(`${path}.nonResourceURLs[${i}]: Invalid value: ${JSON.stringify(url)}: non-resource URL wildcards '*' must be the final character of the rule`);
    }
  });
  const resources: GroupResources[] = [];
  const rawResources = r.resources ?? [];
  if (!Array.isArray(rawResources)) errors.push(`${path}.resources: Invalid value: must be a list`);
  else {
    for (const raw of rawResources) {
      const g: Json = isObject(raw) ? raw : {};
      const group = typeof g.group === "string" ? g.group : "";
      if (group !== "" && (group.length > 253 || !dnsSubdomain.test(group))) {
        errors.push(`${path}.resources.group: Invalid value: ${JSON.stringify(group)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`);
      }
      const gr = { group, resources: strings(g.resources, `${path}.resources.resources`, errors), resourceNames: strings(g.resourceNames, `${path}.resources.resourceNames`, errors) };
      if (gr.resourceNames.length > 0 && gr.resources.length === 0) {
        errors.push(`${path}.resources.resourceNames: Invalid value: ${JSON.stringify(gr.resourceNames)}: using resourceNames requires at least one resource`);
      }
      resources.push(gr);
    }
  }
  const namespaces = strings(r.namespaces, `${path}.namespaces`, errors);
  if (nonResourceURLs.length > 0 && (resources.length > 0 || namespaces.length > 0)) {
    errors.push(`${path}.nonResourceURLs: Invalid value: ${JSON.stringify(nonResourceURLs)}: rules cannot apply to both regular resources and non-resource URLs`);
  }
  return {
    level: level as Level,
    users: strings(r.users, `${path}.users`, errors),
    userGroups: strings(r.userGroups, `${path}.userGroups`, errors),
    verbs: strings(r.verbs, `${path}.verbs`, errors),
    resources,
    namespaces,
    nonResourceURLs,
    omitStages: omitStagesOf(r.omitStages, `${path}.omitStages`, errors),
    omitManagedFields: typeof r.omitManagedFields === "boolean" ? r.omitManagedFields : undefined,
  };
}

/**
 * A policy from its YAML or JSON text, checked as kube checks a policy file: the audit.k8s.io group, valid
 * levels, stages, URLs and groups, at least one rule. Each rule's omitStages gain the policy's.
 */
export function parsePolicy(text: string): Policy {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new PolicyError(`failed decoding: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(doc)) throw new PolicyError("failed decoding: the policy is not an object");
  if (doc.kind !== "Policy" || typeof doc.apiVersion !== "string" || !groupVersions.has(doc.apiVersion)) {
    throw new PolicyError(`unknown group version field ${JSON.stringify(`${doc.apiVersion ?? ""}, Kind=${doc.kind ?? ""}`)} in policy`);
  }
  const errors: string[] = [];
  const rawRules = doc.rules ?? [];
  if (!Array.isArray(rawRules)) throw new PolicyError("rules: Invalid value: must be a list");
  const omitStages = omitStagesOf(doc.omitStages, "omitStages", errors);
  const rules = rawRules.map((raw, i) => ruleOf(raw, `rules[${i}]`, errors));
  if (errors.length === 1) throw new PolicyError(errors[0]);
  if (errors.length > 1) throw new PolicyError(`[${errors.join(", ")}]`);
  if (rules.length === 0) throw new PolicyError("loaded illegal policy with 0 rules");
  for (const rule of rules) rule.omitStages = [...new Set([...omitStages, ...rule.omitStages])];
  return { rules, omitStages, omitManagedFields: doc.omitManagedFields === true };
}

/**
 * The policy used when AUDIT_POLICY is not set (kube has none: without a policy file it audits nothing):
 * every request at Metadata, except the unauthenticated health and version probes, and no RequestReceived
 * stage (a request's ResponseComplete event carries everything it would).
 */
export const defaultPolicyText = JSON.stringify({
  apiVersion: "audit.k8s.io/v1",
  kind: "Policy",
  omitStages: ["RequestReceived"],
  rules: [
    { level: "None", nonResourceURLs: ["/healthz*", "/livez*", "/readyz*", "/version", "/version/"] },
    { level: "Metadata" },
  ],
});

function pathMatches(path: string, spec: string): boolean {
  if (spec === "*" || spec === path) return true;
  return spec.endsWith("*") && path.startsWith(spec.replace(/\*+$/, ""));
}

function matchesResource(rule: PolicyRule, attrs: AccessAttributes): boolean {
  if (!attrs.resourceRequest) return false;
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(attrs.namespace ?? "")) return false;
  if (rule.resources.length === 0) return true;
  const resource = attrs.resource ?? "";
  const subresource = attrs.subresource ?? "";
  const combined = subresource ? `${resource}/${subresource}` : resource;
  const name = attrs.name ?? "";
  for (const gr of rule.resources) {
    if (gr.group !== (attrs.apiGroup ?? "")) continue;
    if (gr.resources.length === 0) return true;
    if (gr.resourceNames.length > 0 && !gr.resourceNames.includes(name)) continue;
    for (const res of gr.resources) {
      if (res === combined || res === "*") return true;
      if (subresource && res.startsWith("*/") && subresource === res.slice(2)) return true;
      if (res.endsWith("/*") && resource === res.slice(0, -2)) return true;
    }
  }
  return false;
}

export function ruleMatches(rule: PolicyRule, user: PolicyUser | undefined, attrs: AccessAttributes): boolean {
  if (rule.users.length > 0 && (!user || !rule.users.includes(user.name))) return false;
  if (rule.userGroups.length > 0 && (!user || !user.groups.some((g) => rule.userGroups.includes(g)))) return false;
  if (rule.verbs.length > 0 && !rule.verbs.includes(attrs.verb)) return false;
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return matchesResource(rule, attrs);
  if (rule.nonResourceURLs.length > 0) return !attrs.resourceRequest && rule.nonResourceURLs.some((spec) => pathMatches(attrs.path ?? "", spec));
  return true;
}

/** The first matching rule's level and stages; level None when no rule matches. */
export function evaluatePolicy(policy: Policy, user: PolicyUser | undefined, attrs: AccessAttributes): AuditDecision {
  for (const rule of policy.rules) {
    if (ruleMatches(rule, user, attrs)) {
      return { level: rule.level, omitStages: rule.omitStages, omitManagedFields: rule.omitManagedFields ?? policy.omitManagedFields };
    }
  }
  return { level: "None", omitStages: policy.omitStages, omitManagedFields: policy.omitManagedFields };
}
