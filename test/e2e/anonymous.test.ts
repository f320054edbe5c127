// Anonymous access through `npm start` with ANONYMOUS_AUTH=true: requests that carry no credential (a probe,
// curl) read /version and the health probes; discovery, resources and whoami are refused with kube's 403 for
// system:anonymous; a bad token is still 401; kubectl with the admin's kubeconfig works as before.
import { request } from "node:https";
import { describe, expect, it } from "vitest";
import { useServer } from "./server.ts";

const server = useServer({ env: { ANONYMOUS_AUTH: "true" } });

function call(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(`${server.url}${path}`, { method, ca: server.caPem, headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

const forbidden = (message: string, details: Record<string, string> = {}) => ({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: "Forbidden", details, code: 403 });

describe("ANONYMOUS_AUTH=true, requests without credentials", () => {
  it("read /version and the health probes", async () => {
    const version = await call("GET", "/version");
    expect(version.status).toBe(200);
    expect(JSON.parse(version.body).gitVersion).toMatch(/^v1\.35\./);
    for (const path of ["/healthz", "/livez", "/readyz"]) expect(await call("GET", path)).toEqual({ status: 200, body: "ok" });
  });

  it("are refused discovery, resources and whoami with kube's 403 for system:anonymous", async () => {
    const discovery = await call("GET", "/api");
    expect({ status: discovery.status, body: JSON.parse(discovery.body) }).toEqual({ status: 403, body: forbidden('forbidden: User "system:anonymous" cannot get path "/api"') });
    const namespaces = await call("GET", "/api/v1/namespaces");
    expect(JSON.parse(namespaces.body)).toEqual(forbidden('namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope', { kind: "namespaces" }));
    const whoami = await call("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews");
    expect(whoami.status).toBe(403);
  });

  it("with a bad token are 401 all the same, and kubectl as the admin works as before", async () => {
    const bad = await call("GET", "/healthz", { Authorization: "Bearer not-a-token" });
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body)).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
    expect(await server.kubectlOk(["get", "namespace", "default", "-o", "name"])).toBe("namespace/default\n");
  });
});
