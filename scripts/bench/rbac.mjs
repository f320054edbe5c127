// RBAC evaluation cost (issue target: a user bound through 100 roles at 80% or more of the bootstrap admin's
// throughput, in the same run). The user's access comes through 100 roles with distinct rules — 50 ClusterRoles
// bound cluster-wide and 50 Roles bound in the namespace, half to the user and half to one of its groups — and
// the rule that grants ConfigMaps is role 90's (of 0–99), so evaluation passes the others' rules first. The admin
// (system:masters) is allowed without evaluation. Access reviews (no storage), gets, small lists and creates of
// ConfigMaps, admin and user in alternating blocks, so drift over the run falls on both alike.

import { createClient, drive } from "./client.mjs";

const rbac = "/apis/rbac.authorization.k8s.io/v1";
export const rbacNamespace = "rbac-bench";
const ns = rbacNamespace;
export const rbacUser = { name: "bench-user", group: "bench-team" };
const seeded = 200;

/** Three distinct rules for role i: none of them grants ConfigMaps except role `granting`'s third. */
function rules(i, granting) {
  const group = `bench${i}.example.com`;
  return [
    { apiGroups: [group], resources: [`widgets${i}`, `gadgets${i}`], verbs: ["get", "list", "watch"] },
    { apiGroups: ["", group], resources: [`things${i}`, `things${i}/status`], verbs: ["create", "update", "patch", "delete"] },
    i === granting
      ? { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] }
      : { apiGroups: ["apps"], resources: ["deployments"], resourceNames: [`app-${i}`], verbs: ["get"] },
  ];
}

function subject(i) {
  return i % 2 === 0
    ? { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: rbacUser.name }
    : { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: rbacUser.group };
}

async function created(res, what) {
  if (res.status !== 201) throw new Error(`${what}: ${res.status} ${res.body}`);
}

/** 100 roles and their bindings, all naming the user (or its group); role 90 grants ConfigMaps. */
export async function grantThroughHundredRoles(call) {
  const granting = 90;
  for (let i = 0; i < 100; i++) {
    const name = `bench-role-${i}`;
    const cluster = i < 50;
    const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: cluster ? "ClusterRole" : "Role", name };
    const base = cluster ? rbac : `${rbac}/namespaces/${ns}`;
    await created(await call("POST", `${base}/${cluster ? "clusterroles" : "roles"}`, { metadata: { name }, rules: rules(i, granting) }), name);
    const binding = { metadata: { name }, roleRef, subjects: [subject(i)] };
    await created(await call("POST", `${base}/${cluster ? "clusterrolebindings" : "rolebindings"}`, binding), `${name} binding`);
  }
}

/**
 * A SelfSubjectAccessReview asking about ConfigMaps (`kubectl auth can-i get configmaps`): no storage; the request
 * and the review's question are both evaluated against the user's rules (the question reaches role 90's), the
 * admin's answered without evaluation.
 */
export const canIGetConfigMaps = { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: { namespace: ns, verb: "get", resource: "configmaps" } } };

function combine(per, results) {
  const seconds = results.reduce((sum, r) => sum + per / r.rate, 0);
  const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { rate: (per * results.length) / seconds, p50: median(results.map((r) => r.p50)), p99: median(results.map((r) => r.p99)), failures: results.reduce((sum, r) => sum + r.failures, 0) };
}

const configMap = (name) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { app: "bench" } }, data: { "config.yaml": "x".repeat(512) } });

/** `server` is the bench's started server; `userToken` a static token of rbacUser it was started with. */
export async function benchRbac({ server, userToken, record, n, namespace }) {
  const admin = server.call;
  const user = createClient({ url: server.url, token: userToken, ca: server.ca });
  await namespace(admin, ns);
  await grantThroughHundredRoles(admin);
  await drive({ count: seeded, concurrency: 16, make: (i) => admin("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap(`seed-${i}`)) });
  const check = await user("GET", `/api/v1/namespaces/${ns}/configmaps/seed-0`);
  if (check.status !== 200) throw new Error(`the user cannot read ConfigMaps: ${check.status} ${check.body}`);
  const denied = await user("GET", `/api/v1/namespaces/${ns}/secrets`);
  if (denied.status !== 403) throw new Error(`the user can list Secrets: ${denied.status}`);

  let created = 0;
  const ops = {
    "SelfSubjectAccessReview (auth can-i), no storage": { concurrency: 16, per: 4000, make: (call) => () => call("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", canIGetConfigMaps) },
    "get ConfigMap": { concurrency: 16, per: 2000, make: (call) => (i) => call("GET", `/api/v1/namespaces/${ns}/configmaps/seed-${(i * 31) % seeded}`) },
    "list 20 ConfigMaps (limit=20)": { concurrency: 16, per: 1000, make: (call) => () => call("GET", `/api/v1/namespaces/${ns}/configmaps?limit=20`) },
    "create ConfigMap": { concurrency: 16, per: 1000, make: (call) => () => { const k = created++; return call("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap(`c-${k}`)); } },
  };
  for (const [label, op] of Object.entries(ops)) {
    const per = n(op.per);
    await drive({ count: n(200), concurrency: op.concurrency, make: op.make(admin) }); // warm-up, both sides
    await drive({ count: n(200), concurrency: op.concurrency, make: op.make(user) });
    const blocks = { admin: [], user: [] };
    for (let round = 0; round < 4; round++) {
      blocks.admin.push(await drive({ count: per, concurrency: op.concurrency, make: op.make(admin) }));
      blocks.user.push(await drive({ count: per, concurrency: op.concurrency, make: op.make(user) }));
    }
    const adminResult = combine(per, blocks.admin);
    record(`${label}, ${op.concurrency} clients, admin (interleaved)`, adminResult);
    record(`${label}, ${op.concurrency} clients, user bound through 100 roles (vs admin)`, combine(per, blocks.user), adminResult);
  }
}
