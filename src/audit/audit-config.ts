// The audit policy from the Worker's AUDIT_POLICY binding (YAML or JSON of an audit.k8s.io/v1 Policy, a var or
// a secret), read once per isolate; the default policy (policy.ts) when it is not set. A policy that does not
// parse fails every request with 500, as kube-apiserver refuses to start with one.

import type { Env } from "../env.ts";
import { defaultPolicyText, parsePolicy, PolicyError, type Policy } from "./policy.ts";

let cached: { text: string; policy: Policy | PolicyError } | undefined;

export function auditPolicy(env: Env): Policy {
  const text = env.AUDIT_POLICY?.trim() || defaultPolicyText;
  if (cached?.text !== text) {
    let policy: Policy | PolicyError;
    try {
      policy = parsePolicy(text);
    } catch (error) {
      policy = error instanceof PolicyError ? error : new PolicyError(String(error));
    }
    cached = { text, policy };
  }
  if (cached.policy instanceof PolicyError) throw new Error(`invalid audit policy (AUDIT_POLICY): ${cached.policy.message}`);
  return cached.policy;
}
