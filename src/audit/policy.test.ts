import { describe, expect, it } from "vitest";
import type { AccessAttributes } from "../auth/rbac/policy-rule.ts";
import { defaultPolicyText, evaluatePolicy, parsePolicy, ruleMatches, type PolicyRule, type PolicyUser } from "./policy.ts";

const alice: PolicyUser = { name: "alice", groups: ["devs", "system:authenticated"] };
const bob: PolicyUser = { name: "bob", groups: ["system:authenticated"] };

const getPod: AccessAttributes = { verb: "get", resourceRequest: true, apiGroup: "", apiVersion: "v1", namespace: "demo", resource: "pods", name: "web" };
const podLog: AccessAttributes = { ...getPod, subresource: "log" };
const podStatus: AccessAttributes = { ...getPod, verb: "update", subresource: "status" };
const listNodes: AccessAttributes = { verb: "list", resourceRequest: true, apiGroup: "", apiVersion: "v1", namespace: "", resource: "nodes" };
const createDeployment: AccessAttributes = { verb: "create", resourceRequest: true, apiGroup: "apps", apiVersion: "v1", namespace: "demo", resource: "deployments" };
const healthz: AccessAttributes = { verb: "get", resourceRequest: false, path: "/healthz" };
const readyzEtcd: AccessAttributes = { verb: "get", resourceRequest: false, path: "/readyz/etcd" };
const openapi: AccessAttributes = { verb: "get", resourceRequest: false, path: "/openapi/v2" };

function rule(fields: Partial<PolicyRule>): PolicyRule {
  return { level: "Metadata", users: [], userGroups: [], verbs: [], resources: [], namespaces: [], nonResourceURLs: [], omitStages: [], ...fields };
}

const gr = (group: string, resources: string[] = [], resourceNames: string[] = []) => ({ group, resources, resourceNames });

describe("ruleMatches (kube's policy checker)", () => {
  it("an empty rule matches every request, with or without a user", () => {
    for (const attrs of [getPod, listNodes, healthz]) {
      expect(ruleMatches(rule({}), alice, attrs)).toBe(true);
      expect(ruleMatches(rule({}), undefined, attrs)).toBe(true);
    }
  });

  it("users and userGroups", () => {
    expect(ruleMatches(rule({ users: ["alice"] }), alice, getPod)).toBe(true);
    expect(ruleMatches(rule({ users: ["alice"] }), bob, getPod)).toBe(false);
    expect(ruleMatches(rule({ userGroups: ["qa", "devs"] }), alice, getPod)).toBe(true);
    expect(ruleMatches(rule({ userGroups: ["devs"] }), bob, getPod)).toBe(false);
    // A request whose authentication failed has no user: rules about users never match it.
    expect(ruleMatches(rule({ users: ["alice"] }), undefined, getPod)).toBe(false);
    expect(ruleMatches(rule({ userGroups: ["system:unauthenticated"] }), undefined, getPod)).toBe(false);
  });

  it("verbs", () => {
    expect(ruleMatches(rule({ verbs: ["get", "list"] }), alice, getPod)).toBe(true);
    expect(ruleMatches(rule({ verbs: ["delete"] }), alice, getPod)).toBe(false);
    expect(ruleMatches(rule({ verbs: ["get"] }), alice, healthz)).toBe(true);
  });

  it("resources by group; an empty resource list is every resource of the group", () => {
    expect(ruleMatches(rule({ resources: [gr("")] }), alice, getPod)).toBe(true);
    expect(ruleMatches(rule({ resources: [gr("")] }), alice, createDeployment)).toBe(false);
    expect(ruleMatches(rule({ resources: [gr("apps")] }), alice, createDeployment)).toBe(true);
    expect(ruleMatches(rule({ resources: [gr("", ["pods"])] }), alice, getPod)).toBe(true);
    expect(ruleMatches(rule({ resources: [gr("", ["secrets"])] }), alice, getPod)).toBe(false);
    expect(ruleMatches(rule({ resources: [gr("apps", ["pods"])] }), alice, getPod)).toBe(false);
  });

  it("subresources: resource/subresource, */subresource, resource/*, and * for everything", () => {
    expect(ruleMatches(rule({ resources: [gr("", ["pods"])] }), alice, podLog)).toBe(false);
    expect(ruleMatches(rule({ resources: [gr("", ["pods/log"])] }), alice, podLog)).toBe(true);
    expect(ruleMatches(rule({ resources: [gr("", ["pods/log"])] }), alice, getPod)).toBe(false);
    expect(ruleMatches(rule({ resources: [gr("", ["*/status"])] }), alice, podStatus)).toBe(true);
    expect(ruleMatches(rule({ resources: [gr("", ["*/status"])] }), alice, podLog)).toBe(false);
    expect(ruleMatches(rule({ resources: [gr("", ["pods/*"])] }), alice, podLog)).toBe(true);
    expect(ruleMatches(rule({ resources: [gr("", ["pods/*"])] }), alice, getPod)).toBe(true);
    expect(ruleMatches(rule({ resources: [gr("", ["*"])] }), alice, podLog)).toBe(true);
  });

  it("resourceNames", () => {
    expect(ruleMatches(rule({ resources: [gr("", ["pods"], ["web"])] }), alice, getPod)).toBe(true);
    expect(ruleMatches(rule({ resources: [gr("", ["pods"], ["db"])] }), alice, getPod)).toBe(false);
    expect(ruleMatches(rule({ resources: [gr("", ["pods/log"], ["web"])] }), alice, podLog)).toBe(true);
  });

  it("namespaces; cluster-scoped resources are in the namespace \"\"", () => {
    expect(ruleMatches(rule({ namespaces: ["demo"] }), alice, getPod)).toBe(true);
    expect(ruleMatches(rule({ namespaces: ["kube-system"] }), alice, getPod)).toBe(false);
    expect(ruleMatches(rule({ namespaces: [""] }), alice, listNodes)).toBe(true);
    expect(ruleMatches(rule({ namespaces: ["demo"] }), alice, listNodes)).toBe(false);
    // A rule about namespaces or resources never matches a non-resource request.
    expect(ruleMatches(rule({ namespaces: ["demo"] }), alice, healthz)).toBe(false);
    expect(ruleMatches(rule({ resources: [gr("")] }), alice, healthz)).toBe(false);
  });

  it("nonResourceURLs: exact, trailing * as a prefix, * for every path; never resource requests", () => {
    expect(ruleMatches(rule({ nonResourceURLs: ["/healthz"] }), alice, healthz)).toBe(true);
    expect(ruleMatches(rule({ nonResourceURLs: ["/healthz"] }), alice, readyzEtcd)).toBe(false);
    expect(ruleMatches(rule({ nonResourceURLs: ["/readyz*"] }), alice, readyzEtcd)).toBe(true);
    expect(ruleMatches(rule({ nonResourceURLs: ["/readyz/*"] }), alice, readyzEtcd)).toBe(true);
    expect(ruleMatches(rule({ nonResourceURLs: ["/openapi/v3*"] }), alice, openapi)).toBe(false);
    expect(ruleMatches(rule({ nonResourceURLs: ["*"] }), alice, openapi)).toBe(true);
    expect(ruleMatches(rule({ nonResourceURLs: ["*"] }), alice, getPod)).toBe(false);
  });
});

describe("evaluatePolicy", () => {
  const policy = parsePolicy(`
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
omitManagedFields: true
rules:
  - level: None
    users: ["system:kube-proxy"]
    verbs: [watch]
  - level: Metadata
    resources:
      - group: ""
        resources: [secrets, configmaps]
    omitStages: [ResponseStarted]
  - level: Request
    resources: [{ group: "", resources: ["pods/log", "pods/status"] }]
    omitManagedFields: false
  - level: RequestResponse
    resources: [{ group: "apps" }]
  - level: None
    nonResourceURLs: ["/healthz*", "/version"]
`);

  it("the first matching rule decides; its omitStages gain the policy's", () => {
    const secret: AccessAttributes = { ...getPod, resource: "secrets" };
    expect(evaluatePolicy(policy, alice, secret)).toEqual({ level: "Metadata", omitStages: ["RequestReceived", "ResponseStarted"], omitManagedFields: true });
    expect(evaluatePolicy(policy, alice, podLog)).toEqual({ level: "Request", omitStages: ["RequestReceived"], omitManagedFields: false });
    expect(evaluatePolicy(policy, alice, createDeployment).level).toBe("RequestResponse");
    expect(evaluatePolicy(policy, undefined, healthz).level).toBe("None");
    expect(evaluatePolicy(policy, { name: "system:kube-proxy", groups: [] }, { ...listNodes, verb: "watch" }).level).toBe("None");
  });

  it("a request no rule matches is not audited (level None)", () => {
    expect(evaluatePolicy(policy, alice, getPod)).toEqual({ level: "None", omitStages: ["RequestReceived"], omitManagedFields: true });
  });

  it("the default policy: Metadata for everything but health and version probes", () => {
    const defaults = parsePolicy(defaultPolicyText);
    expect(evaluatePolicy(defaults, alice, getPod)).toEqual({ level: "Metadata", omitStages: ["RequestReceived"], omitManagedFields: false });
    expect(evaluatePolicy(defaults, undefined, getPod).level).toBe("Metadata");
    expect(evaluatePolicy(defaults, undefined, healthz).level).toBe("None");
    expect(evaluatePolicy(defaults, undefined, readyzEtcd).level).toBe("None");
    expect(evaluatePolicy(defaults, alice, { verb: "get", resourceRequest: false, path: "/version" }).level).toBe("None");
    expect(evaluatePolicy(defaults, alice, openapi).level).toBe("Metadata");
  });
});

describe("parsePolicy", () => {
  const wrap = (rules: string) => `{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":${rules}}`;

  it("reads JSON and YAML, and the older audit.k8s.io versions", () => {
    expect(parsePolicy(wrap(`[{"level":"Metadata"}]`)).rules[0].level).toBe("Metadata");
    expect(parsePolicy("apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Request\n").rules[0].level).toBe("Request");
  });

  it("refuses what kube refuses, in kube's words", () => {
    expect(() => parsePolicy(`{"apiVersion":"v1","kind":"Policy","rules":[{"level":"None"}]}`)).toThrow(/unknown group version/);
    expect(() => parsePolicy(wrap(`[]`))).toThrow("loaded illegal policy with 0 rules");
    expect(() => parsePolicy(wrap(`[{}]`))).toThrow("rules[0].level: Required value");
    expect(() => parsePolicy(wrap(`[{"level":"Everything"}]`))).toThrow(
      'rules[0].level: Unsupported value: "Everything": supported values: "None", "Metadata", "Request", "RequestResponse"',
    );
    expect(() => parsePolicy(wrap(`[{"level":"None","omitStages":["Later"]}]`))).toThrow(
      'rules[0].omitStages[0]: Invalid value: "Later": allowed stages are RequestReceived,ResponseStarted,ResponseComplete,Panic',
    );
    expect(() => parsePolicy(wrap(`[{"level":"None","nonResourceURLs":["healthz"]}]`))).toThrow("non-resource URL rules must begin with a '/' character");
    expect(() => parsePolicy(wrap(`[{"level":"None","nonResourceURLs":["/a*/b"]}]`))).toThrow("non-resource URL wildcards '*' must be the final character of the rule");
    expect(() => parsePolicy(wrap(`[{"level":"None","nonResourceURLs":["/a"],"namespaces":["x"]}]`))).toThrow(
      "rules cannot apply to both regular resources and non-resource URLs",
    );
    expect(() => parsePolicy(wrap(`[{"level":"None","resources":[{"group":"","resourceNames":["x"]}]}]`))).toThrow("using resourceNames requires at least one resource");
    expect(() => parsePolicy(wrap(`[{"level":"None","resources":[{"group":"apps/v1"}]}]`))).toThrow(/resources.group: Invalid value: "apps\/v1"/);
    expect(() => parsePolicy("rules: [")).toThrow(/failed decoding/);
  });
});
