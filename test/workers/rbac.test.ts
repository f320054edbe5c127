// RBAC in workerd: the default policy, authorization of requests (as users reached by impersonation, since the
// admin token is the only credential here), the access reviews, escalation prevention, aggregation, and the
// impersonation checks themselves through the authorizer.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { authorizationFor } from "../../src/auth/rbac/authorization.ts";
import { impersonate } from "../../src/auth/rbac/impersonation.ts";
import { api, freshNamespace } from "./support/api.ts";

const rbac = "/apis/rbac.authorization.k8s.io/v1";
const as = (user: string, ...groups: string[]) => {
  const headers = new Headers({ "Impersonate-User": user });
  for (const g of groups) headers.append("Impersonate-Group", g);
  return Object.fromEntries(headers.entries());
};
const jane = as("jane");

async function grant(ns: string, user: string, rules: unknown[], name = "r") {
  expect((await api("POST", `${rbac}/namespaces/${ns}/roles`, { metadata: { name }, rules })).status).toBe(201);
  const binding = { metadata: { name }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name }, subjects: [{ kind: "User", name: user, apiGroup: "rbac.authorization.k8s.io" }] };
  expect((await api("POST", `${rbac}/namespaces/${ns}/rolebindings`, binding)).status).toBe(201);
}

async function canI(headers: Record<string, string>, resourceAttributes: Record<string, string>) {
  const res = await api("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", { spec: { resourceAttributes } }, headers);
  expect(res.status).toBe(201);
  return res.body.status;
}

describe("default policy", () => {
  it("has kube's roles and bindings, and aggregated admin, edit and view", async () => {
    const admin = await api("GET", `${rbac}/clusterroles/cluster-admin`);
    expect(admin.body.rules).toEqual([{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, { verbs: ["*"], nonResourceURLs: ["*"] }]);
    const binding = await api("GET", `${rbac}/clusterrolebindings/cluster-admin`);
    expect(binding.body.subjects).toEqual([{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "system:masters" }]);
    const edit = await api("GET", `${rbac}/clusterroles/edit`);
    expect(edit.body.rules).toContainEqual({ verbs: ["create", "delete", "deletecollection", "patch", "update"], apiGroups: ["apps"], resources: expect.arrayContaining(["deployments"]) });
    expect(edit.body.rules).toContainEqual(expect.objectContaining({ apiGroups: ["apps"], verbs: ["get", "list", "watch"] }));
    const adminRole = await api("GET", `${rbac}/clusterroles/admin`);
    expect(adminRole.body.rules).toContainEqual(expect.objectContaining({ apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings", "roles"] }));
  });

  it("lets any authenticated user discover, check itself and read health", async () => {
    expect((await api("GET", "/apis", undefined, jane)).status).toBe(200);
    expect((await api("GET", "/healthz", undefined, jane)).status).toBe(200);
    expect(await canI(jane, { verb: "list", resource: "pods", namespace: "default" })).toEqual({ allowed: false });
  });
});

describe("authorization of requests", () => {
  it("answers kube's 403 for a resource the user may not touch", async () => {
    const ns = await freshNamespace("rbac");
    const res = await api("GET", `/api/v1/namespaces/${ns}/configmaps`, undefined, jane);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `configmaps is forbidden: User "jane" cannot list resource "configmaps" in API group "" in the namespace "${ns}"`,
      reason: "Forbidden",
      details: { kind: "configmaps" },
      code: 403,
    });
    const named = await api("GET", "/apis/apps/v1/namespaces/x/deployments/web/scale", undefined, jane);
    expect(named.body.message).toBe('deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments/scale" in API group "apps" in the namespace "x"');
    const cluster = await api("GET", "/api/v1/nodes", undefined, jane);
    expect(cluster.body.message).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
    const path = await api("GET", "/metrics", undefined, jane);
    expect(path.body).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: 'forbidden: User "jane" cannot get path "/metrics"', reason: "Forbidden", details: {}, code: 403 });
  });

  it("allows what a RoleBinding grants, in its namespace only", async () => {
    const ns = await freshNamespace("rbac");
    const other = await freshNamespace("rbac");
    await grant(ns, "jane", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "create"] }]);
    expect((await api("GET", `/api/v1/namespaces/${ns}/configmaps`, undefined, jane)).status).toBe(200);
    expect((await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "c" } }, jane)).status).toBe(201);
    expect((await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/c`, undefined, jane)).status).toBe(403);
    expect((await api("GET", `/api/v1/namespaces/${other}/configmaps`, undefined, jane)).status).toBe(403);
    expect(await canI(jane, { verb: "list", resource: "configmaps", namespace: ns })).toEqual({
      allowed: true,
      reason: `RBAC: allowed by RoleBinding "r/${ns}" of Role "r" to User "jane"`,
    });
    expect(await canI(jane, { verb: "delete", resource: "configmaps", namespace: ns })).toEqual({ allowed: false });
  });

  it("grants to groups, and to impersonated groups", async () => {
    const ns = await freshNamespace("rbac");
    const binding = { metadata: { name: "devs" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [{ kind: "Group", name: "devs" }] };
    const created = await api("POST", `${rbac}/namespaces/${ns}/rolebindings`, binding);
    expect(created.body.subjects).toEqual([{ kind: "Group", name: "devs", apiGroup: "rbac.authorization.k8s.io" }]);
    expect((await api("GET", `/api/v1/namespaces/${ns}/pods`, undefined, as("sam", "devs"))).status).toBe(200);
    expect((await api("GET", `/api/v1/namespaces/${ns}/pods`, undefined, as("sam"))).status).toBe(403);
  });

  it("lists the user's rules (SelfSubjectRulesReview) and answers SubjectAccessReviews", async () => {
    const ns = await freshNamespace("rbac");
    await grant(ns, "kim", [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }]);
    const rules = await api("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", { spec: { namespace: ns } }, as("kim"));
    expect(rules.status).toBe(201);
    expect(rules.body.status.resourceRules).toContainEqual({ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] });
    expect(rules.body.status.nonResourceRules).toContainEqual(expect.objectContaining({ nonResourceURLs: expect.arrayContaining(["/api", "/apis/*"]) }));
    expect(rules.body.status.incomplete).toBe(false);
    const noNs = await api("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", { spec: {} }, as("kim"));
    expect(noNs.body).toMatchObject({ code: 400, reason: "BadRequest", message: "no namespace on request" });

    const sar = await api("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", { spec: { user: "kim", resourceAttributes: { namespace: ns, verb: "get", resource: "pods" } } });
    expect(sar.body.status).toEqual({ allowed: true, reason: `RBAC: allowed by RoleBinding "r/${ns}" of Role "r" to User "kim"` });
    const bad = await api("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", { spec: { resourceAttributes: { verb: "get" } } });
    expect(bad.body).toMatchObject({ code: 422, reason: "Invalid", message: 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified' });
    const local = await api("POST", `/apis/authorization.k8s.io/v1/namespaces/${ns}/localsubjectaccessreviews`, { spec: { user: "kim", resourceAttributes: { verb: "delete", resource: "pods" } } });
    expect(local.body.status).toEqual({ allowed: false });
    expect((await api("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", { spec: { user: "kim", resourceAttributes: { verb: "get", resource: "pods" } } }, as("kim"))).status).toBe(403);
  });
});

describe("escalation prevention", () => {
  it("refuses a Role granting more than the user holds, and allows one within it", async () => {
    const ns = await freshNamespace("rbac");
    await grant(ns, "lee", [
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: ["create", "update", "patch"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
    ]);
    const lee = as("lee");
    const wide = await api("POST", `${rbac}/namespaces/${ns}/roles`, { metadata: { name: "wide" }, rules: [{ apiGroups: [""], resources: ["pods", "secrets"], verbs: ["get", "list"] }] }, lee);
    expect(wide.status).toBe(403);
    expect(wide.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        'roles.rbac.authorization.k8s.io "wide" is forbidden: user "lee" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
      reason: "Forbidden",
      details: { name: "wide", group: "rbac.authorization.k8s.io", kind: "roles" },
      code: 403,
    });
    const narrow = await api("POST", `${rbac}/namespaces/${ns}/roles`, { metadata: { name: "narrow" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["list"] }] }, lee);
    expect(narrow.status).toBe(201);
    // Widening by patch is refused as well.
    const patched = await api("PATCH", `${rbac}/namespaces/${ns}/roles/narrow`, { rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] }, { ...lee, "Content-Type": "application/merge-patch+json" });
    expect(patched.status).toBe(403);
    // Binding a role the user does not hold is refused; binding one within its rules is not.
    const bindAdmin = { metadata: { name: "b" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" }, subjects: [{ kind: "User", name: "lee" }] };
    const refused = await api("POST", `${rbac}/namespaces/${ns}/rolebindings`, bindAdmin, lee);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/^rolebindings\.rbac\.authorization\.k8s\.io "b" is forbidden: user "lee" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/);
    const bindNarrow = { ...bindAdmin, metadata: { name: "n" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "narrow" } };
    expect((await api("POST", `${rbac}/namespaces/${ns}/rolebindings`, bindNarrow, lee)).status).toBe(201);
    const missing = await api("POST", `${rbac}/namespaces/${ns}/rolebindings`, { ...bindNarrow, metadata: { name: "m" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "nope" } }, lee);
    expect(missing.body.message).toBe('rolebindings.rbac.authorization.k8s.io "m" is forbidden: role.rbac.authorization.k8s.io "nope" not found');
  });

  it("allows holders of escalate and bind", async () => {
    const ns = await freshNamespace("rbac");
    await grant(ns, "pat", [
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: ["create"] },
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["escalate"] },
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"], resourceNames: ["admin"] },
    ]);
    const pat = as("pat");
    expect((await api("POST", `${rbac}/namespaces/${ns}/roles`, { metadata: { name: "all" }, rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] }, pat)).status).toBe(201);
    const bind = { metadata: { name: "b" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" }, subjects: [{ kind: "User", name: "someone" }] };
    expect((await api("POST", `${rbac}/namespaces/${ns}/rolebindings`, bind, pat)).status).toBe(201);
  });
});

describe("RBAC kinds", () => {
  it("validates rules and keeps roleRef immutable", async () => {
    const ns = await freshNamespace("rbac");
    const bad = await api("POST", `${rbac}/namespaces/${ns}/roles`, { metadata: { name: "bad" }, rules: [{ verbs: [], resources: ["pods"] }] });
    expect(bad.body).toMatchObject({
      code: 422,
      message: 'Role.rbac.authorization.k8s.io "bad" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group]',
    });
    await grant(ns, "jane", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]);
    const current = await api("GET", `${rbac}/namespaces/${ns}/rolebindings/r`);
    const changed = await api("PUT", `${rbac}/namespaces/${ns}/rolebindings/r`, { ...current.body, roleRef: { ...current.body.roleRef, name: "other" } });
    expect(changed.body).toMatchObject({ code: 422, reason: "Invalid" });
    expect(changed.body.message).toContain("roleRef: Invalid value:");
    expect(changed.body.message).toContain("cannot change roleRef");
    const crb = await api("POST", `${rbac}/clusterrolebindings`, { metadata: { name: `x-${ns}` }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" }, subjects: [{ kind: "ServiceAccount", name: "s" }] });
    expect(crb.body.message).toBe(`ClusterRoleBinding.rbac.authorization.k8s.io "x-${ns}" is invalid: [roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value]`);
  });

  it("keeps aggregated ClusterRoles current when labeled ClusterRoles change", async () => {
    const name = `agg-${Date.now().toString(36)}`;
    const rule = { verbs: ["get"], apiGroups: ["example.com"], resources: [name] };
    const created = await api("POST", `${rbac}/clusterroles`, { metadata: { name, labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } }, rules: [rule] });
    expect(created.status).toBe(201);
    // Aggregation is a controller's work, done after the commit (as in kube): wait for it.
    const rulesOf = async (role: string) => (await api("GET", `${rbac}/clusterroles/${role}`)).body.rules as unknown[];
    const eventually = async (check: () => Promise<boolean>) => {
      const until = Date.now() + 5000;
      while (!(await check()) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      return check();
    };
    const has = (rules: unknown[]) => rules.some((r) => JSON.stringify(r) === JSON.stringify(rule));
    for (const role of ["view", "edit", "admin"]) expect(await eventually(async () => has(await rulesOf(role)))).toBe(true);
    expect((await api("DELETE", `${rbac}/clusterroles/${name}`)).status).toBe(200);
    expect(await eventually(async () => !has(await rulesOf("view")))).toBe(true);
  });

  it("prints kube's columns", async () => {
    const table = await api("GET", `${rbac}/clusterrolebindings/cluster-admin`, undefined, { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" });
    expect(table.body.columnDefinitions.map((c: any) => c.name)).toEqual(["Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"]);
    expect(table.body.rows[0].cells).toEqual(["cluster-admin", "ClusterRole/cluster-admin", expect.any(String), "", "system:masters", ""]);
    const roles = await api("GET", `${rbac}/clusterroles/view`, undefined, { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" });
    expect(roles.body.columnDefinitions.map((c: any) => c.name)).toEqual(["Name", "Created At"]);
  });
});

describe("impersonation", () => {
  it("needs the impersonate verb on users, groups, uids and extras", async () => {
    const ns = await freshNamespace("rbac");
    const authz = authorizationFor(env.DB, { name: "ivy", groups: ["system:authenticated"] });
    const headers = new Headers({ "Impersonate-User": "bob" });
    const refused = await impersonate(headers, authz.user, (a) => authz.authorize(a));
    expect(refused).toEqual({
      kind: "refused",
      status: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: 'users "bob" is forbidden: User "ivy" cannot impersonate resource "users" in API group "" at the cluster scope',
        reason: "Forbidden",
        details: { name: "bob", kind: "users" },
        code: 403,
      },
    });
    const role = { metadata: { name: `imp-${ns}` }, rules: [{ apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] }, { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] }] };
    expect((await api("POST", `${rbac}/clusterroles`, role)).status).toBe(201);
    const binding = { metadata: { name: `imp-${ns}` }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `imp-${ns}` }, subjects: [{ kind: "User", name: "ivy" }] };
    expect((await api("POST", `${rbac}/clusterrolebindings`, binding)).status).toBe(201);
    const fresh = authorizationFor(env.DB, authz.user);
    const allowed = await impersonate(new Headers({ "Impersonate-User": "bob", "Impersonate-Group": "devs" }), authz.user, (a) => fresh.authorize(a));
    expect(allowed).toEqual({ kind: "user", user: { name: "bob", groups: ["devs", "system:authenticated"] } });
    const sa = await impersonate(new Headers({ "Impersonate-User": "system:serviceaccount:x:robot" }), authz.user, (a) => fresh.authorize(a));
    expect(sa).toEqual({ kind: "user", user: { name: "system:serviceaccount:x:robot", groups: ["system:serviceaccounts", "system:serviceaccounts:x", "system:authenticated"] } });
    const uid = await impersonate(new Headers({ "Impersonate-User": "bob", "Impersonate-Uid": "1234" }), authz.user, (a) => fresh.authorize(a));
    expect(uid).toMatchObject({ kind: "refused", status: { message: 'uids.authentication.k8s.io "1234" is forbidden: User "ivy" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope' } });
  });

  it("refuses groups without a user", async () => {
    const res = await api("GET", "/api/v1/namespaces", undefined, { "Impersonate-Group": "devs" });
    expect(res.status).toBe(500);
  });
});
