import { describe, expect, it } from "vitest";
import { compactString, ruleAllows, subjectAppliesTo, type AccessAttributes, type PolicyRule } from "./policy-rule.ts";

const res = (verb: string, resource: string, extra: Partial<AccessAttributes> = {}): AccessAttributes => ({ verb, resourceRequest: true, apiGroup: "", resource, namespace: "ns", ...extra });
const path = (verb: string, p: string): AccessAttributes => ({ verb, resourceRequest: false, path: p });

describe("ruleAllows", () => {
  it("matches verbs, groups and resources, with * for all", () => {
    const rule: PolicyRule = { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] };
    expect(ruleAllows(res("list", "pods"), rule)).toBe(true);
    expect(ruleAllows(res("delete", "pods"), rule)).toBe(false);
    expect(ruleAllows(res("list", "pods", { apiGroup: "apps" }), rule)).toBe(false);
    expect(ruleAllows(res("list", "configmaps"), rule)).toBe(false);
    expect(ruleAllows(res("delete", "deployments", { apiGroup: "apps" }), { verbs: ["*"], apiGroups: ["*"], resources: ["*"] })).toBe(true);
  });

  it("matches subresources as resource/subresource or */subresource, never by the bare resource", () => {
    expect(ruleAllows(res("get", "pods", { subresource: "log" }), { verbs: ["get"], apiGroups: [""], resources: ["pods"] })).toBe(false);
    expect(ruleAllows(res("get", "pods", { subresource: "log" }), { verbs: ["get"], apiGroups: [""], resources: ["pods/log"] })).toBe(true);
    expect(ruleAllows(res("get", "pods", { subresource: "log" }), { verbs: ["get"], apiGroups: [""], resources: ["*/log"] })).toBe(true);
    expect(ruleAllows(res("get", "pods", { subresource: "status" }), { verbs: ["get"], apiGroups: [""], resources: ["*/log"] })).toBe(false);
  });

  it("limits to resourceNames when given", () => {
    const rule: PolicyRule = { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] };
    expect(ruleAllows(res("get", "configmaps", { name: "a" }), rule)).toBe(true);
    expect(ruleAllows(res("get", "configmaps", { name: "b" }), rule)).toBe(false);
    expect(ruleAllows(res("list", "configmaps"), { ...rule, verbs: ["list"] })).toBe(false);
  });

  it("matches nonResourceURLs exactly or by a * suffix", () => {
    const rule: PolicyRule = { verbs: ["get"], nonResourceURLs: ["/healthz", "/apis/*"] };
    expect(ruleAllows(path("get", "/healthz"), rule)).toBe(true);
    expect(ruleAllows(path("get", "/healthz/etcd"), rule)).toBe(false);
    expect(ruleAllows(path("get", "/apis/apps/v1"), rule)).toBe(true);
    expect(ruleAllows(path("post", "/healthz"), rule)).toBe(false);
    expect(ruleAllows(path("get", "/anything"), { verbs: ["*"], nonResourceURLs: ["*"] })).toBe(true);
    expect(ruleAllows(res("get", "pods"), rule)).toBe(false);
  });
});

describe("subjectAppliesTo", () => {
  const jane = { name: "jane", groups: ["dev", "system:authenticated"] };
  it("matches users, groups and service accounts (namespace defaulting to the binding's)", () => {
    expect(subjectAppliesTo(jane, { kind: "User", name: "jane" }, "")).toBe(true);
    expect(subjectAppliesTo(jane, { kind: "Group", name: "dev" }, "")).toBe(true);
    expect(subjectAppliesTo(jane, { kind: "Group", name: "ops" }, "")).toBe(false);
    const sa = { name: "system:serviceaccount:x:robot", groups: [] };
    expect(subjectAppliesTo(sa, { kind: "ServiceAccount", name: "robot" }, "x")).toBe(true);
    expect(subjectAppliesTo(sa, { kind: "ServiceAccount", name: "robot" }, "")).toBe(false);
    expect(subjectAppliesTo(sa, { kind: "ServiceAccount", name: "robot", namespace: "x" }, "")).toBe(true);
  });
});

it("prints rules as kube's CompactString", () => {
  expect(compactString({ verbs: ["get", "list"], apiGroups: [""], resources: ["secrets"] })).toBe('{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}');
  expect(compactString({ verbs: ["get"], nonResourceURLs: ["/x"] })).toBe('{NonResourceURLs:["/x"], Verbs:["get"]}');
});
