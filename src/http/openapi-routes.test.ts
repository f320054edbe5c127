import { describe, expect, it } from "vitest";
import { testKind } from "./discovery/test-kinds.ts";
import { openAPIRoutesFor } from "./openapi-routes.ts";

const routes = openAPIRoutesFor([testKind({ group: "", version: "v1", kind: "ConfigMap", plural: "configmaps" }), testKind({ group: "apps", version: "v1", kind: "Deployment", plural: "deployments" })]);
const get = (path: string, headers: Record<string, string> = {}) => routes.request(path, { headers });
const protobuf = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

describe("/openapi/v2", () => {
  it("serves JSON by default and protobuf to client-go, with one ETag and Vary: Accept", async () => {
    const json = await get("/openapi/v2");
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(json.headers.get("vary")).toBe("Accept");
    expect(json.headers.get("cache-control")).toBe("no-cache, private");
    expect(json.headers.get("etag")).toMatch(/^"[0-9A-F]{128}"$/);
    expect(((await json.json()) as { swagger: string }).swagger).toBe("2.0");

    const pb = await get("/openapi/v2", { accept: protobuf });
    expect(pb.status).toBe(200);
    expect(pb.headers.get("content-type")).toBe("application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
    expect(pb.headers.get("etag")).toBe(json.headers.get("etag"));
    const bytes = new Uint8Array(await pb.arrayBuffer());
    expect([...bytes.subarray(0, 5)]).toEqual([0x0a, 3, ...new TextEncoder().encode("2.0")]); // field 1 (swagger) = "2.0"
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const etag = (await get("/openapi/v2", { accept: protobuf })).headers.get("etag")!;
    const again = await get("/openapi/v2", { accept: protobuf, "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
  });

  it("answers 406 with a Status for an Accept it cannot meet", async () => {
    const res = await get("/openapi/v2", { accept: "text/html" });
    expect(res.status).toBe(406);
    expect(await res.json()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "only the following media types are accepted: application/json, application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
      reason: "NotAcceptable",
      code: 406,
    });
  });
});

describe("/openapi/v3", () => {
  it("indexes each group version by a URL naming its hash, and serves it there for a year", async () => {
    const index = await get("/openapi/v3");
    expect(index.status).toBe(200);
    const { paths } = (await index.json()) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(paths)).toEqual(["api/v1", "apis/apps/v1"]);
    const url = paths["apis/apps/v1"].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);

    const doc = await get(url, { accept: "application/json" });
    expect(doc.status).toBe(200);
    expect(doc.headers.get("cache-control")).toBe("public, immutable");
    expect(doc.headers.get("expires")).toBeTruthy();
    expect(doc.headers.get("etag")).toBe(`"${url.split("hash=")[1]}"`);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.0.0");

    const unhashed = await get("/openapi/v3/apis/apps/v1/");
    expect(unhashed.status).toBe(200);
    expect(unhashed.headers.get("cache-control")).toBe("no-cache, private");
    const cached = await get("/openapi/v3/apis/apps/v1", { "if-none-match": doc.headers.get("etag")! });
    expect(cached.status).toBe(304);
  });

  it("redirects a stale hash to the current one, and answers 404 for an unknown group version", async () => {
    const stale = await get("/openapi/v3/api/v1?hash=0123");
    expect(stale.status).toBe(301);
    expect(stale.headers.get("location")).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    const missing = await get("/openapi/v3/apis/nope/v1");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { reason: string }).reason).toBe("NotFound");
  });

  it("serves JSON only", async () => {
    const res = await get("/openapi/v3/api/v1", { accept: "application/com.github.proto-openapi.spec.v3@v1.0+protobuf" });
    expect(res.status).toBe(406);
  });
});
