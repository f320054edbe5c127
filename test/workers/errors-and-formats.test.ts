import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminToken, api, freshNamespace } from "./support/api.ts";

const status = (code: number, reason: string) => ({ kind: "Status", apiVersion: "v1", status: "Failure", code, reason });

describe("errors are Status objects with kube's code and reason", () => {
  it("404 for unknown resources and paths", async () => {
    expect((await api("GET", "/api/v1/widgets")).body).toMatchObject({ ...status(404, "NotFound"), message: "the server could not find the requested resource" });
    expect((await api("GET", "/apis/nope.example.com/v1/things")).status).toBe(404);
    expect((await api("GET", "/api/v1/namespaces/default/configmaps/a/b/c")).status).toBe(404);
    expect((await api("GET", "/api/v1/namespaces/default/nodes")).status).toBe(404);
  });

  it("405 for a verb a path does not serve", async () => {
    const ns = await freshNamespace();
    expect((await api("POST", `/api/v1/namespaces/${ns}/configmaps/named`, { metadata: { name: "named" } })).body).toMatchObject(status(405, "MethodNotAllowed"));
    expect((await api("PUT", `/api/v1/namespaces/${ns}/configmaps`, {})).status).toBe(405);
    expect((await api("DELETE", "/api/v1/namespaces")).status).toBe(405);
  });

  it("400 for malformed bodies, 413 for huge ones, 415 for unknown content types", async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    expect((await api("POST", path, "{not json")).body).toMatchObject(status(400, "BadRequest"));
    expect((await api("POST", path, "[1,2]")).body).toMatchObject(status(400, "BadRequest"));
    expect((await api("POST", path, { metadata: "x" })).body).toMatchObject(status(400, "BadRequest"));
    expect((await api("POST", path, { metadata: { name: "t" }, data: { a: 1 } })).body).toMatchObject(status(400, "BadRequest"));
    expect((await api("POST", path, "metadata: [unclosed", { "Content-Type": "application/yaml" })).body).toMatchObject(status(400, "BadRequest"));
    const huge = JSON.stringify({ metadata: { name: "big" }, data: { a: "x".repeat(3 * 1024 * 1024 + 10) } });
    expect((await api("POST", path, huge)).body).toMatchObject(status(413, "RequestEntityTooLarge"));
    expect((await api("POST", path, "x", { "Content-Type": "text/plain" })).body).toMatchObject(status(415, "UnsupportedMediaType"));
    expect((await api("GET", `${path}`)).body.items).toEqual([]);
  });

  it("400 for a namespace in the body that differs from the URL, and for path tricks", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "x", namespace: "default" } });
    expect(res.body).toMatchObject({ ...status(400, "BadRequest"), message: "the namespace of the provided object does not match the namespace sent on the request" });
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "real" } });
    // Encoded slashes and double-encoded dots are names, and invalid ones.
    for (const name of ["a%2Fb", "%252e%252e", "%25"]) {
      const got = await api("GET", `/api/v1/namespaces/${ns}/configmaps/${name}`);
      expect(got.body).toMatchObject(status(400, "BadRequest"));
    }
    // Dot segments (also percent-encoded ones) are resolved by the URL parser before the Worker sees the
    // request (WHATWG URL rules, as at Cloudflare's edge): the request is exactly the one for the parent path,
    // answered (and authorized) as that path, never as an object of the kind named before the dots.
    const parent = await api("GET", `/api/v1/namespaces/${ns}`);
    for (const name of ["%2e%2e", "..", "%2E%2e"]) {
      const got = await api("GET", `/api/v1/namespaces/${ns}/configmaps/${name}`);
      expect(got.body).toEqual(parent.body);
    }
  });

  it("422 with field causes for invalid objects", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "Bad_Name", labels: { "bad key!": "v" } } });
    expect(res.body).toMatchObject(status(422, "Invalid"));
    expect(res.body.details.kind).toBe("ConfigMap");
    expect(res.body.details.causes.map((c: any) => c.field)).toEqual(expect.arrayContaining(["metadata.name", "metadata.labels"]));
    const pod = await api("POST", `/api/v1/namespaces/${ns}/pods`, { metadata: { name: "p" }, spec: { containers: [{ name: "c" }] } });
    expect(pod.body.details.causes).toContainEqual({ reason: "FieldValueRequired", message: "Required value", field: "spec.containers[0].image" });
  });
});

describe("formats", () => {
  it("reads YAML and answers YAML when asked", async () => {
    const ns = await freshNamespace();
    const res = await exports.default.fetch(
      new Request(`https://kube.test/api/v1/namespaces/${ns}/configmaps`, {
        method: "POST",
        headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/yaml", Accept: "application/yaml" },
        body: "metadata:\n  name: y\ndata:\n  key: value\n",
      }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/yaml");
    const text = await res.text();
    expect(text).toMatch(/^apiVersion: v1$/m);
    expect(text).toMatch(/^ {2}key: value$/m);
  });

  it("pretty-prints with ?pretty=true and answers 406 for what it cannot produce", async () => {
    const pretty = await api("GET", "/api/v1/namespaces/default?pretty=true");
    expect(pretty.text).toContain('\n  "kind": "Namespace"');
    const refused = await api("GET", "/api/v1/namespaces/default", undefined, { Accept: "text/html" });
    expect(refused.body).toMatchObject(status(406, "NotAcceptable"));
  });

  it("generates names from generateName", async () => {
    const ns = await freshNamespace();
    const names = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { generateName: "gen-" } });
      expect(res.status).toBe(201);
      expect(res.body.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      names.add(res.body.metadata.name);
    }
    expect(names.size).toBe(5);
  });
});
