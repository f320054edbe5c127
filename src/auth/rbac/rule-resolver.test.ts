import { describe, expect, it } from "vitest";
import { decide } from "./authorizer.ts";
import { emptySnapshot, resolveRules } from "./rule-resolver.ts";
import type { AccessAttributes } from "./policy-rule.ts";

function snapshot() {
  const s = emptySnapshot();
  s.clusterRoles.set("view", [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }]);
  s.roles.set("x/cm-reader", [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] }]);
  s.roleBindings.set("x", [
    { namespace: "x", name: "jane-view", roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [{ kind: "User", name: "jane" }] },
    { namespace: "x", name: "jane-cm", roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "cm-reader" }, subjects: [{ kind: "Group", name: "dev" }] },
    { namespace: "x", name: "broken", roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "missing" }, subjects: [{ kind: "User", name: "jane" }] },
  ]);
  s.clusterRoleBindings.push({ namespace: "", name: "discovery", roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [{ kind: "Group", name: "auditors" }] });
  return s;
}
const list = (resource: string, namespace: string): AccessAttributes => ({ verb: "list", resourceRequest: true, apiGroup: "", resource, namespace });

describe("resolution and decisions", () => {
  const jane = { name: "jane", groups: ["dev", "system:authenticated"] };

  it("grants through role bindings only in their namespace, with kube's reason", () => {
    const s = snapshot();
    const inX = decide(jane, list("pods", "x"), () => resolveRules(s, jane, "x"));
    expect(inX).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "jane-view/x" of ClusterRole "view" to User "jane"' });
    const inY = decide(jane, list("pods", "y"), () => resolveRules(s, jane, "y"));
    expect(inY).toEqual({ allowed: false, reason: "" });
  });

  it("reports bindings to missing roles as the reason of a denial", () => {
    const s = snapshot();
    expect(decide(jane, list("secrets", "x"), () => resolveRules(s, jane, "x"))).toEqual({ allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "missing" not found' });
  });

  it("grants cluster-wide through cluster role bindings, and everything to system:masters", () => {
    const s = snapshot();
    const auditor = { name: "al", groups: ["auditors"] };
    expect(decide(auditor, list("pods", "any"), () => resolveRules(s, auditor, "any")).allowed).toBe(true);
    expect(decide(auditor, list("pods", ""), () => resolveRules(s, auditor, "")).allowed).toBe(true);
    const admin = { name: "root", groups: ["system:masters"] };
    expect(decide(admin, list("secrets", "x"), () => resolveRules(s, admin, "x"))).toEqual({ allowed: true, reason: "" });
  });
});
