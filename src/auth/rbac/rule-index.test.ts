import { describe, expect, it } from "vitest";
import { decide } from "./authorizer.ts";
import type { AccessAttributes, PolicyRule } from "./policy-rule.ts";
import { candidateRules } from "./rule-index.ts";
import type { ResolvedRules } from "./rule-resolver.ts";

const sourced = (source: string, rule: PolicyRule) => ({ source, rule });
const resource = (verb: string, apiGroup: string, res: string, name?: string): AccessAttributes => ({ verb, resourceRequest: true, apiGroup, resource: res, namespace: "x", ...(name ? { name } : {}) });
const path = (verb: string, p: string): AccessAttributes => ({ verb, resourceRequest: false, path: p });

function manyRoles(): ResolvedRules {
  const rules = [];
  for (let i = 0; i < 100; i++) {
    rules.push(sourced(`role ${i}`, { verbs: ["get", "list"], apiGroups: [`g${i}.example.com`], resources: ["widgets"] }));
    rules.push(sourced(`role ${i}`, { verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: [`d${i}`] }));
  }
  rules.push(sourced("wide", { verbs: ["*"], apiGroups: ["*"], resources: ["configmaps"] }));
  rules.push(sourced("urls", { verbs: ["get"], nonResourceURLs: ["/metrics"] }));
  return { rules, errors: [] };
}

describe("candidateRules", () => {
  it("keeps only rules holding the verb and group (or *), in the set's order", () => {
    const set = manyRoles();
    expect(candidateRules(set, resource("get", "apps", "deployments")).map((r) => r.source)).toEqual([...Array.from({ length: 100 }, (_, i) => `role ${i}`), "wide"]);
    expect(candidateRules(set, resource("delete", "", "configmaps")).map((r) => r.source)).toEqual(["wide"]);
    expect(candidateRules(set, resource("get", "g7.example.com", "widgets")).map((r) => r.source)).toEqual(["role 7", "wide"]);
    expect(candidateRules(set, path("get", "/metrics")).map((r) => r.source)).toEqual(["urls"]);
    expect(candidateRules(set, path("post", "/metrics"))).toEqual([]);
  });

  it("answers the same decisions as a scan of every rule", () => {
    const set = manyRoles();
    const user = { name: "u", groups: [] };
    expect(decide(user, resource("get", "apps", "deployments", "d42"), () => set)).toEqual({ allowed: true, reason: "RBAC: allowed by role 42" });
    expect(decide(user, resource("get", "apps", "deployments", "other"), () => set)).toEqual({ allowed: false, reason: "" });
    expect(decide(user, resource("patch", "batch", "configmaps"), () => set)).toEqual({ allowed: true, reason: "RBAC: allowed by wide" });
    expect(decide(user, path("get", "/metrics"), () => set)).toEqual({ allowed: true, reason: "RBAC: allowed by urls" });
  });

  it("keeps a bounded number of lists however many groups requests name", () => {
    const set = manyRoles();
    for (let i = 0; i < 1000; i++) candidateRules(set, resource("get", `junk${i}.example.com`, "x"));
    expect(candidateRules(set, resource("get", "junk999.example.com", "configmaps")).map((r) => r.source)).toEqual(["wide"]);
  });
});
