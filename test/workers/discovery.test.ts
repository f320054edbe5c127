// The discovery, version and health routes inside workerd, against the real D1 binding.
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import { discoveryRoutes } from "../../src/http/discovery-routes.ts";

const app = new Hono<{ Bindings: Env }>();
app.route("/", discoveryRoutes);

const bindings = env as unknown as Env;
const aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

function get(path: string, headers: Record<string, string> = {}, withEnv: Env = bindings): Promise<Response> {
  return Promise.resolve(app.fetch(new Request(`https://k.example:6443${path}`, { headers }), withEnv));
}

describe("health", () => {
  it("reaches D1 on every endpoint", async () => {
    for (const endpoint of ["healthz", "livez", "readyz"]) {
      const plain = await get(`/${endpoint}`);
      expect(plain.status).toBe(200);
      expect(plain.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await plain.text()).toBe("ok");
      const verbose = await get(`/${endpoint}?verbose`);
      expect(await verbose.text()).toBe(`[+]ping ok\n[+]d1 ok\n${endpoint} check passed\n`);
      const single = await get(`/${endpoint}/d1`);
      expect(await single.text()).toBe("ok");
    }
  });

  it("fails with 500 when D1 does not answer", async () => {
    const broken = { ...bindings, DB: { prepare: () => ({ first: () => Promise.reject(new Error("D1 is gone")) }) } } as unknown as Env;
    const res = await get("/readyz", {}, broken);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe("[+]ping ok\n[-]d1 failed: reason withheld\nreadyz check failed\n");
    const single = await get("/readyz/d1", {}, broken);
    expect(single.status).toBe(500);
    expect(await single.text()).toBe("internal server error: D1 is gone\n");
  });
});

describe("aggregated discovery", () => {
  it("answers /apis and /api with an ETag, and 304 when the client has it", async () => {
    for (const path of ["/api", "/apis"]) {
      const res = await get(path, { Accept: aggregatedAccept });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
      expect(res.headers.get("vary")).toBe("Accept");
      const etag = res.headers.get("etag") ?? "";
      expect(etag).toMatch(/^"[0-9A-F]{128}"$/);
      const body = (await res.json()) as { kind: string; items: unknown[] };
      expect(body.kind).toBe("APIGroupDiscoveryList");

      const again = await get(path, { Accept: aggregatedAccept, "If-None-Match": etag });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(await again.text()).toBe("");

      const stale = await get(path, { Accept: aggregatedAccept, "If-None-Match": '"0"' });
      expect(stale.status).toBe(200);
    }
  });

  it("gives the core group at /api, with configmaps", async () => {
    const res = await get("/api", { Accept: aggregatedAccept });
    const body = (await res.json()) as { items: { versions: { version: string; resources: { resource: string; shortNames?: string[] }[] }[] }[] };
    expect(body.items).toHaveLength(1);
    expect(body.items[0].versions[0].resources.find((r) => r.resource === "configmaps")?.shortNames).toEqual(["cm"]);
  });
});

describe("legacy discovery", () => {
  it("answers /api with the address the client used", async () => {
    const res = await get("/api", { Accept: "application/json" });
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "k.example:6443" }] });
  });

  it("answers in YAML when asked", async () => {
    const res = await get("/api", { Accept: "application/yaml" });
    expect(res.headers.get("content-type")).toBe("application/yaml");
    expect(await res.text()).toMatch(/^kind: APIVersions\n/);
  });

  it("answers /api/v1 with the core resources", async () => {
    const res = await get("/api/v1");
    const body = (await res.json()) as { groupVersion: string; resources: { name: string }[] };
    expect(body.groupVersion).toBe("v1");
    expect(body.resources.map((r) => r.name)).toContain("namespaces/status");
  });

  it("refuses with 406 a client that only takes the aggregated form where there is none", async () => {
    const res = await get("/api/v1", { Accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" });
    expect(res.status).toBe(406);
    expect(await res.json()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "only the following media types are accepted: application/json, application/yaml",
      reason: "NotAcceptable",
      code: 406,
    });
  });

  it("answers 404 for a group or group version nothing is served at", async () => {
    for (const path of ["/apis/example.com", "/apis/example.com/v1", "/api/v2"]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: "the server could not find the requested resource",
        reason: "NotFound",
        code: 404,
      });
    }
  });
});

describe("version", () => {
  it("answers /version and /version/ with all thirteen fields", async () => {
    for (const path of ["/version", "/version/"]) {
      const res = await get(path);
      expect(res.headers.get("content-type")).toBe("application/json");
      const info = (await res.json()) as Record<string, string>;
      expect(Object.keys(info)).toHaveLength(13);
      expect(info).toMatchObject({ major: "1", minor: "35" });
      expect(info.gitVersion).toMatch(/^v1\.35\.0/);
    }
  });
});
