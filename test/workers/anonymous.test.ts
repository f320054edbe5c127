// Requests without credentials (ANONYMOUS_AUTH) inside workerd: by default only the health and version paths
// are anonymous, through RBAC's system:public-info-viewer; with "true" every path is, and system:anonymous gets
// what RBAC grants it and 403 elsewhere; with "false" none is; a bad credential is 401 whatever the setting.
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../src/http/app.ts";
import { api, freshNamespace } from "./support/api.ts";

const unauthorized = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 };
const publicInfo = ["/healthz", "/livez", "/readyz", "/version", "/version/"];

/** Calls the app as the Worker does, with ANONYMOUS_AUTH set to `setting` (unset when undefined). */
async function call(setting: string | undefined, path: string, headers: Record<string, string> = {}, method = "GET") {
  const ctx = createExecutionContext();
  const bindings = setting === undefined ? env : { ...env, ANONYMOUS_AUTH: setting };
  const res = await app.fetch(new Request(`https://kube.test${path}`, { method, headers }), bindings, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

const forbiddenPath = (verb: string, path: string) => ({
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: `forbidden: User "system:anonymous" cannot ${verb} path "${path}"`,
  reason: "Forbidden",
  details: {},
  code: 403,
});

describe("without ANONYMOUS_AUTH", () => {
  it("answers the health and version paths anonymously, and 401 everywhere else", async () => {
    for (const path of publicInfo) expect({ path, status: (await call(undefined, path)).status }).toEqual({ path, status: 200 });
    for (const path of ["/api", "/apis", "/openapi/v2", "/api/v1/namespaces", "/healthz/d1", "/readyz/ping"]) {
      expect({ path, ...(await call(undefined, path)) }).toMatchObject({ path, status: 401, body: unauthorized });
    }
  });

  it("refuses a bad credential with 401 even on the health paths", async () => {
    for (const authorization of ["Bearer not-a-token", "Bearer eyJhbGciOiJub25lIn0.e30."]) {
      expect(await call(undefined, "/healthz", { Authorization: authorization })).toMatchObject({ status: 401, body: unauthorized });
    }
    const badSubprotocol = await call(undefined, "/version", { "Sec-WebSocket-Protocol": "base64url.bearer.authorization.k8s.io.%%%" });
    expect(badSubprotocol).toMatchObject({ status: 401, body: unauthorized });
  });
});

describe("ANONYMOUS_AUTH=true", () => {
  it("lets system:anonymous read what system:public-info-viewer grants", async () => {
    for (const path of publicInfo) expect({ path, status: (await call("true", path)).status }).toEqual({ path, status: 200 });
    expect((await call("true", "/version")).body.gitVersion).toMatch(/^v1\.35\./);
  });

  it("answers kube's 403 for discovery and everything else", async () => {
    expect(await call("true", "/api")).toMatchObject({ status: 403, body: forbiddenPath("get", "/api") });
    expect(await call("true", "/apis")).toMatchObject({ status: 403, body: forbiddenPath("get", "/apis") });
    expect(await call("true", "/healthz/d1")).toMatchObject({ status: 403, body: forbiddenPath("get", "/healthz/d1") });
    expect(await call("true", "/openapi/v2")).toMatchObject({ status: 403, body: forbiddenPath("get", "/openapi/v2") });
    expect((await call("true", "/api/v1/namespaces")).body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope',
      reason: "Forbidden",
      details: { kind: "namespaces" },
      code: 403,
    });
    const review = await call("true", "/apis/authentication.k8s.io/v1/selfsubjectreviews", {}, "POST");
    expect(review.body.message).toBe('selfsubjectreviews.authentication.k8s.io is forbidden: User "system:anonymous" cannot create resource "selfsubjectreviews" in API group "authentication.k8s.io" at the cluster scope');
  });

  it("grants system:anonymous what a binding gives it, and nothing beyond", async () => {
    const ns = await freshNamespace("anon");
    const rbac = "/apis/rbac.authorization.k8s.io/v1";
    const role = { metadata: { name: "cm-reader" }, rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["list"] }] };
    expect((await api("POST", `${rbac}/namespaces/${ns}/roles`, role)).status).toBe(201);
    const binding = {
      metadata: { name: "anonymous-reads" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "cm-reader" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:unauthenticated" }],
    };
    expect((await api("POST", `${rbac}/namespaces/${ns}/rolebindings`, binding)).status).toBe(201);
    const list = await call("true", `/api/v1/namespaces/${ns}/configmaps`);
    expect(list.status).toBe(200);
    expect(list.body.kind).toBe("ConfigMapList");
    expect((await call("true", `/api/v1/namespaces/${ns}/secrets`)).status).toBe(403);
    expect((await call("true", `/api/v1/namespaces/default/configmaps`)).status).toBe(403);
  });

  it("takes a request with another scheme (Basic) or an empty Bearer as anonymous, and a bad token as 401", async () => {
    for (const authorization of ["Basic YWRtaW46YWRtaW4=", "Bearer", ""]) {
      expect(await call("true", "/api", { Authorization: authorization })).toMatchObject({ status: 403, body: forbiddenPath("get", "/api") });
    }
    expect(await call("true", "/healthz", { Authorization: "Bearer not-a-token" })).toMatchObject({ status: 401, body: unauthorized });
    expect(await call("true", "/api", { Authorization: "Bearer test-admin-token-nope" })).toMatchObject({ status: 401, body: unauthorized });
  });
});

describe("ANONYMOUS_AUTH=false and lists of paths", () => {
  it("false: every request needs a credential, health and version too", async () => {
    for (const path of publicInfo) expect({ path, ...(await call("false", path)) }).toMatchObject({ path, status: 401, body: unauthorized });
  });

  it("a list: anonymous on those paths only, and RBAC still decides there", async () => {
    expect((await call("/livez,/openapi/v2", "/livez")).status).toBe(200);
    expect((await call("/livez,/openapi/v2", "/healthz")).status).toBe(401);
    expect(await call("/livez,/openapi/v2", "/openapi/v2")).toMatchObject({ status: 403, body: forbiddenPath("get", "/openapi/v2") });
  });
});
