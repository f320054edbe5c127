// The audit log in workerd: requests through the Worker, then their events read back from D1 (the AuditLog
// Durable Object flushed first). The default policy through the Worker's own bindings; other policies by
// calling the app with AUDIT_POLICY set. Secrets' data must never reach the table, whatever the level.
import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { encodeKubeObject } from "../../src/api/protobuf/kube-object.ts";
import type { AuditLog } from "../../src/audit/audit-log.ts";
import { auditLogName, type AuditLogClient } from "../../src/audit/audit-sink.ts";
import { app } from "../../src/http/app.ts";
import { streamEnd } from "../../src/http/stream-end.ts";
import { findKind } from "../../src/resources/catalog.ts";
import { adminToken, api, freshNamespace, type ApiResponse } from "./support/api.ts";

interface AuditRowRecord {
  id: number;
  ts: number;
  audit_id: string;
  stage: string;
  level: string;
  user: string;
  impersonated_user: string;
  verb: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  code: number;
  latency_ms: number;
  event: string;
}

const auditStub = () => env.AUDIT.get(env.AUDIT.idFromName(auditLogName));
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
let counter = 0;
const newAuditId = () => `audit-test-${Date.now().toString(36)}-${counter++}`;

/** The rows of one request, once at least `count` are in D1. */
async function auditRows(auditId: string, count = 1): Promise<AuditRowRecord[]> {
  for (let i = 0; i < 60; i++) {
    await (auditStub() as unknown as AuditLogClient).flush();
    const { results } = await env.DB.prepare("SELECT * FROM audit WHERE audit_id = ? ORDER BY id").bind(auditId).all<AuditRowRecord>();
    if (results.length >= count) return results;
    await sleep(100);
  }
  throw new Error(`fewer than ${count} audit rows for ${auditId}`);
}

/** Asserts a request left no row: a later request's rows are in, and none of its own. */
async function expectNoRows(auditId: string): Promise<void> {
  const marker = newAuditId();
  await api("GET", "/api/v1/namespaces/default", undefined, { "Audit-ID": marker });
  await auditRows(marker);
  const { results } = await env.DB.prepare("SELECT id FROM audit WHERE audit_id = ?").bind(auditId).all();
  expect(results).toEqual([]);
}

const eventOf = (row: AuditRowRecord) => JSON.parse(row.event);

/** Calls the app as the Worker does, but with the given audit policy. */
async function withPolicy(policy: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse & { auditId: string }> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${adminToken}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["Content-Type"] ??= "application/json";
  }
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`https://kube.test${path}`, init), { ...env, AUDIT_POLICY: policy }, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text, auditId: res.headers.get("audit-id")! };
}

/** A policy of these rules; RequestReceived omitted unless `extra` says otherwise. */
const policy = (rules: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ apiVersion: "audit.k8s.io/v1", kind: "Policy", omitStages: ["RequestReceived"], rules, ...extra });
const everything = policy([{ level: "RequestResponse" }]);

describe("audit log, default policy", () => {
  it("records a create at Metadata: who, what, the name from the body, the code and latency, no objects", async () => {
    const ns = await freshNamespace("audit");
    const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" }, data: { a: "1" } }, { "User-Agent": "audit-test/1.0" });
    expect(res.status).toBe(201);
    const auditId = res.headers.get("audit-id")!;
    expect(auditId).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await auditRows(auditId);
    expect(row).toMatchObject({ stage: "ResponseComplete", level: "Metadata", user: "admin", impersonated_user: "", verb: "create", resource: "configmaps", subresource: "", namespace: ns, name: "settings", code: 201 });
    expect(row.latency_ms).toBeGreaterThanOrEqual(0);
    const event = eventOf(row);
    expect(event).toEqual({
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level: "Metadata",
      auditID: auditId,
      stage: "ResponseComplete",
      requestURI: `/api/v1/namespaces/${ns}/configmaps`,
      verb: "create",
      user: { username: "admin", groups: ["system:masters", "system:authenticated"] },
      userAgent: "audit-test/1.0",
      objectRef: { resource: "configmaps", namespace: ns, name: "settings", apiVersion: "v1" },
      responseStatus: { metadata: {}, code: 201 },
      requestReceivedTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      stageTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      annotations: { "authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": "" },
    });
    expect(row.ts).toBe(Date.parse(event.stageTimestamp));
  });

  it("keeps a client's Audit-ID, and does not log health probes", async () => {
    const auditId = newAuditId();
    const res = await api("GET", "/api/v1/namespaces", undefined, { "Audit-ID": auditId });
    expect(res.headers.get("audit-id")).toBe(auditId);
    expect((await auditRows(auditId))[0]).toMatchObject({ verb: "list", resource: "namespaces", code: 200 });
    const probe = newAuditId();
    expect((await api("GET", "/healthz", undefined, { Authorization: "", "Audit-ID": probe })).status).toBe(200);
    await expectNoRows(probe);
  });

  it("logs a failed authentication at ResponseStarted with no user, as kube does", async () => {
    const auditId = newAuditId();
    const res = await api("GET", "/api/v1/namespaces/default/secrets", undefined, { Authorization: "Bearer not-a-token", "Audit-ID": auditId });
    expect(res.status).toBe(401);
    const [row] = await auditRows(auditId);
    expect(row).toMatchObject({ stage: "ResponseStarted", level: "Metadata", user: "", verb: "list", resource: "secrets", namespace: "default", code: 401 });
    const event = eventOf(row);
    expect(event.user).toEqual({});
    expect(event.responseStatus).toEqual({ metadata: {}, message: "Authentication failed, attempted: bearer", code: 401 });
    expect(event.annotations).toBeUndefined();
  });

  it("logs a denial with kube's Status and the authorizer's decision", async () => {
    const ns = await freshNamespace("audit");
    const auditId = newAuditId();
    const res = await api("GET", `/api/v1/namespaces/${ns}/secrets/db`, undefined, { Authorization: "Bearer static-bob-token", "Audit-ID": auditId });
    expect(res.status).toBe(403);
    const [row] = await auditRows(auditId);
    expect(row).toMatchObject({ user: "bob", verb: "get", resource: "secrets", namespace: ns, name: "db", code: 403 });
    const event = eventOf(row);
    expect(event.responseStatus).toEqual({
      metadata: {},
      status: "Failure",
      message: `secrets "db" is forbidden: User "bob" cannot get resource "secrets" in API group "" in the namespace "${ns}"`,
      reason: "Forbidden",
      details: { name: "db", kind: "secrets" },
      code: 403,
    });
    expect(event.annotations).toEqual({ "authorization.k8s.io/decision": "forbid", "authorization.k8s.io/reason": "" });
  });

  it("names both the user and the user it impersonated", async () => {
    const auditId = newAuditId();
    const res = await api("GET", "/api/v1/namespaces/default/pods", undefined, { "Impersonate-User": "alice", "Impersonate-Group": "devs", "Audit-ID": auditId });
    expect(res.status).toBe(403);
    const [row] = await auditRows(auditId);
    expect(row).toMatchObject({ user: "admin", impersonated_user: "alice", code: 403 });
    const event = eventOf(row);
    expect(event.user.username).toBe("admin");
    expect(event.impersonatedUser).toEqual({ username: "alice", groups: ["devs", "system:authenticated"] });
  });

  it("logs a watch when its stream starts and when it ends", async () => {
    const ns = await freshNamespace("audit");
    const auditId = newAuditId();
    const res = await api("GET", `/api/v1/namespaces/${ns}/configmaps?watch=true&timeoutSeconds=1`, undefined, { "Audit-ID": auditId });
    expect(res.status).toBe(200);
    const rows = await auditRows(auditId, 2);
    expect(rows.map((r) => [r.stage, r.verb, r.code])).toEqual([
      ["ResponseStarted", "watch", 200],
      ["ResponseComplete", "watch", 200],
    ]);
    expect(rows[1].latency_ms).toBeGreaterThanOrEqual(900);
  });

  it("logs a relayed watch's end when its client goes away, without reading the stream through", async () => {
    const ns = await freshNamespace("audit");
    expect((await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "c1" } })).status).toBe(201);
    const auditId = newAuditId();
    const ctx = createExecutionContext();
    const request = new Request(`https://kube.test/api/v1/namespaces/${ns}/configmaps?watch=true&timeoutSeconds=60`, { headers: { Authorization: `Bearer ${adminToken}`, "Audit-ID": auditId } });
    const res = await app.fetch(request, env, ctx);
    expect(res.status).toBe(200);
    // The client gets the relay's own stream: the audit log learns its end from the relay, not by reading it.
    expect(streamEnd(res)).toBeDefined();
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(first.split("\n")[0])).toMatchObject({ type: "ADDED", object: { metadata: { name: "c1" } } });
    await reader.cancel();
    const rows = await auditRows(auditId, 2);
    expect(rows.map((r) => [r.stage, r.verb, r.code])).toEqual([
      ["ResponseStarted", "watch", 200],
      ["ResponseComplete", "watch", 200],
    ]);
    expect(rows[1].latency_ms).toBeLessThan(30_000);
    await waitOnExecutionContext(ctx);
  });
});

describe("audit log, by policy", () => {
  it("Request logs the request's object, RequestResponse the answer's too; omitManagedFields drops managedFields", async () => {
    const ns = await freshNamespace("audit");
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c1" }, data: { visible: "yes" } };
    const atRequest = await withPolicy(policy([{ level: "Request" }]), "POST", `/api/v1/namespaces/${ns}/configmaps`, configMap);
    expect(atRequest.status).toBe(201);
    const requestEvent = eventOf((await auditRows(atRequest.auditId))[0]);
    expect(requestEvent.level).toBe("Request");
    expect(requestEvent.requestObject).toEqual(configMap);
    expect(requestEvent.responseObject).toBeUndefined();

    const full = await withPolicy(policy([{ level: "RequestResponse" }], { omitManagedFields: true }), "GET", `/api/v1/namespaces/${ns}/configmaps/c1`);
    const event = eventOf((await auditRows(full.auditId))[0]);
    expect(event.responseObject.data).toEqual({ visible: "yes" });
    expect(event.responseObject.metadata.uid).toBe(full.body.metadata.uid);
    expect(full.body.metadata.managedFields).toBeDefined();
    expect(event.responseObject.metadata.managedFields).toBeUndefined();
  });

  it("the first matching rule wins; None and omitted stages leave no row", async () => {
    const ns = await freshNamespace("audit");
    const rules = policy(
      [
        { level: "None", resources: [{ group: "", resources: ["configmaps"] }], verbs: ["list"] },
        { level: "Metadata", users: ["admin"], omitStages: ["ResponseComplete"] },
        { level: "RequestResponse" },
      ],
      { omitStages: ["RequestReceived"] },
    );
    const listed = await withPolicy(rules, "GET", `/api/v1/namespaces/${ns}/configmaps`);
    expect(listed.status).toBe(200);
    await expectNoRows(listed.auditId);
    const got = await withPolicy(rules, "GET", `/api/v1/namespaces/${ns}`);
    await expectNoRows(got.auditId);
    const asBob = await withPolicy(rules, "GET", `/api/v1/namespaces/${ns}/configmaps/x`, undefined, { Authorization: "Bearer static-bob-token" });
    expect(eventOf((await auditRows(asBob.auditId))[0])).toMatchObject({ level: "RequestResponse", responseStatus: { code: 403, reason: "Forbidden" } });
  });

  it("logs RequestReceived when the policy does not omit it", async () => {
    const res = await withPolicy(policy([{ level: "Metadata" }], { omitStages: [] }), "GET", "/api/v1/namespaces/default");
    const rows = await auditRows(res.auditId, 2);
    expect(rows.map((r) => r.stage).sort()).toEqual(["RequestReceived", "ResponseComplete"]);
    const received = eventOf(rows.find((r) => r.stage === "RequestReceived")!);
    expect(received.stageTimestamp).toBe(received.requestReceivedTimestamp);
    expect(received.responseStatus).toBeUndefined();
  });

  it("an invalid policy fails requests with 500, as kube refuses to start with one", async () => {
    const res = await withPolicy(policy([{ level: "Everything" }]), "GET", "/api/v1/namespaces");
    expect(res.status).toBe(500);
    expect(res.body.message).toContain('invalid audit policy (AUDIT_POLICY): rules[0].level: Unsupported value: "Everything"');
  });
});

describe("secrets in the audit log", () => {
  const plain = `hunter2-${Date.now().toString(36)}`;
  const b64 = (s: string) => btoa(s);
  const values = [plain, b64(plain), `${plain}-string`, `${plain}-merge`, b64(`${plain}-merge`), b64(`${plain}-json`), `${plain}-apply`, b64(`${plain}-put`), `${plain}-pb`, b64(`${plain}-pb`)];

  it("never holds a Secret's data, at RequestResponse, whatever the verb or the body's format", async () => {
    const ns = await freshNamespace("audit");
    const path = `/api/v1/namespaces/${ns}/secrets`;
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, type: "Opaque", data: { password: b64(plain) }, stringData: { token: `${plain}-string` } };
    const calls = [
      await withPolicy(everything, "POST", path, secret),
      await withPolicy(everything, "GET", `${path}/db`),
      await withPolicy(everything, "GET", path),
      await withPolicy(everything, "GET", `${path}/db`, undefined, { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" }),
      await withPolicy(everything, "GET", `${path}?includeObject=Object`, undefined, { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" }),
      await withPolicy(everything, "PATCH", `${path}/db`, { data: { password: b64(`${plain}-merge`) } }, { "Content-Type": "application/merge-patch+json" }),
      await withPolicy(everything, "PATCH", `${path}/db`, [{ op: "replace", path: "/data/password", value: b64(`${plain}-json`) }], { "Content-Type": "application/json-patch+json" }),
      await withPolicy(everything, "PATCH", `${path}/db?fieldManager=audit-test&force=true`, `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  token: ${plain}-apply\n`, {
        "Content-Type": "application/apply-patch+yaml",
      }),
    ];
    const { resourceVersion: _rv, ...metadata } = calls[1].body.metadata;
    calls.push(await withPolicy(everything, "PUT", `${path}/db`, { ...calls[1].body, metadata, data: { password: b64(`${plain}-put`) } }));
    // kubectl create secret sends protobuf, and client-go asks for protobuf answers.
    const secretDef = findKind("", "v1", "secrets")!;
    const pb = encodeKubeObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "pb" }, data: { password: b64(`${plain}-pb`) } }, secretDef);
    calls.push(await withPolicy(everything, "POST", path, pb, { "Content-Type": "application/vnd.kubernetes.protobuf", Accept: "application/vnd.kubernetes.protobuf, application/json" }));
    calls.push(await withPolicy(everything, "DELETE", `${path}/db`));
    expect(calls.map((c) => c.status)).toEqual([201, 200, 200, 200, 200, 200, 200, 200, 200, 201, 200]);
    // The answers do carry the data (so the log had it to hide).
    expect(calls[1].text).toContain(b64(plain));

    const rows = [];
    for (const call of calls) rows.push(...(await auditRows(call.auditId)));
    for (const row of rows) for (const value of values) expect(row.event, `${row.verb} ${row.event.slice(0, 300)}`).not.toContain(value);

    const created = eventOf(rows[0]);
    expect(created.requestObject.data).toEqual({ password: "<redacted>" });
    expect(created.requestObject.stringData).toEqual({ token: "<redacted>" });
    expect(created.responseObject.data).toEqual({ password: "<redacted>", token: "<redacted>" }); // stringData merged into data
    expect(created.objectRef).toMatchObject({ resource: "secrets", namespace: ns, name: "db" });
    expect(eventOf(rows[5]).requestObject).toEqual({ data: { password: "<redacted>" } });
    expect(eventOf(rows[6]).requestObject).toEqual([{ op: "replace", path: "/data/password", value: "<redacted>" }]);
    const pbEvent = eventOf(rows[9]);
    expect(pbEvent.requestObject).toMatchObject({ kind: "Secret", metadata: { name: "pb" }, data: { password: "<redacted>" } });
    expect(pbEvent.responseObject).toMatchObject({ kind: "Secret", metadata: { name: "pb", namespace: ns }, data: { password: "<redacted>" } });
  });

  it("hides the token a TokenRequest returns", async () => {
    const ns = await freshNamespace("audit");
    expect((await api("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "sa" } })).status).toBe(201);
    const res = await withPolicy(everything, "POST", `/api/v1/namespaces/${ns}/serviceaccounts/sa/token`, { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: {} });
    expect(res.status).toBe(201);
    const [row] = await auditRows(res.auditId);
    expect(row.event).not.toContain(res.body.status.token);
    expect(eventOf(row).responseObject.status.token).toBe("<redacted>");
  });
});

describe("audit log retention", () => {
  it("deletes events older than the retention from the Durable Object's alarm", async () => {
    const day = 24 * 60 * 60 * 1000;
    const insert = env.DB.prepare(
      "INSERT INTO audit (ts, audit_id, stage, level, user, impersonated_user, verb, resource, subresource, namespace, name, code, latency_ms, event) VALUES (?, ?, 'ResponseComplete', 'Metadata', 'old', '', 'get', '', '', '', '', 200, 0, '{}')",
    );
    const old = newAuditId();
    const recent = newAuditId();
    await env.DB.batch([insert.bind(Date.now() - 8 * day, old), insert.bind(Date.now() - 6 * day, recent)]);
    await runInDurableObject(auditStub(), (log: unknown) => (log as AuditLog).alarm());
    const { results } = await env.DB.prepare("SELECT audit_id FROM audit WHERE audit_id IN (?, ?)").bind(old, recent).all();
    expect(results).toEqual([{ audit_id: recent }]);
  });
});
