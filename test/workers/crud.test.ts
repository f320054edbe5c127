import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";

const cm = (name: string, data: Record<string, string> = { a: "1" }) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data });

describe("create, get, update, delete", () => {
  it("creates an object with kube's system fields and reads it back", async () => {
    const ns = await freshNamespace();
    const created = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("one"));
    expect(created.status).toBe(201);
    const meta = created.body.metadata;
    expect(meta.namespace).toBe(ns);
    expect(meta.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.resourceVersion).toMatch(/^[1-9][0-9]*$/);
    expect(meta.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const got = await api("GET", `/api/v1/namespaces/${ns}/configmaps/one`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
  });

  it("refuses a duplicate with AlreadyExists", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("dup"));
    const again = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("dup"));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'configmaps "dup" already exists',
      reason: "AlreadyExists",
      details: { name: "dup", kind: "configmaps" },
      code: 409,
    });
  });

  it("gives every write a larger resourceVersion, across namespaces", async () => {
    const a = await freshNamespace();
    const b = await freshNamespace();
    const rvs: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await api("POST", `/api/v1/namespaces/${i % 2 ? a : b}/configmaps`, cm(`c${i}`));
      rvs.push(Number(res.body.metadata.resourceVersion));
    }
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
    expect(new Set(rvs).size).toBe(4);
  });

  it("updates with optimistic concurrency and refuses a stale resourceVersion", async () => {
    const ns = await freshNamespace();
    const created = (await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("cc"))).body;
    const updated = await api("PUT", `/api/v1/namespaces/${ns}/configmaps/cc`, { ...created, data: { a: "2" } });
    expect(updated.status).toBe(200);
    expect(Number(updated.body.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
    expect(updated.body.metadata.uid).toBe(created.metadata.uid);
    const stale = await api("PUT", `/api/v1/namespaces/${ns}/configmaps/cc`, { ...created, data: { a: "3" } });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe("Conflict");
    expect(stale.body.message).toBe(
      'Operation cannot be fulfilled on configmaps "cc": the object has been modified; please apply your changes to the latest version and try again',
    );
    const unconditional = await api("PUT", `/api/v1/namespaces/${ns}/configmaps/cc`, cm("cc", { a: "4" }));
    expect(unconditional.status).toBe(200);
    expect(unconditional.body.data).toEqual({ a: "4" });
    expect(unconditional.body.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
  });

  it("keeps the resourceVersion when an update changes nothing", async () => {
    const ns = await freshNamespace();
    const created = (await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("same"))).body;
    const again = await api("PUT", `/api/v1/namespaces/${ns}/configmaps/same`, created);
    expect(again.body.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it("deletes, answering a Success Status, and then 404", async () => {
    const ns = await freshNamespace();
    const created = (await api("POST", `/api/v1/namespaces/${ns}/configmaps`, cm("gone"))).body;
    const del = await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/gone`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ kind: "Status", status: "Success", details: { name: "gone", kind: "configmaps", uid: created.metadata.uid } });
    const after = await api("GET", `/api/v1/namespaces/${ns}/configmaps/gone`);
    expect(after.status).toBe(404);
    expect(after.body.message).toBe('configmaps "gone" not found');
  });

  it("refuses to create in a namespace that does not exist", async () => {
    const res = await api("POST", `/api/v1/namespaces/nowhere-${Date.now()}/configmaps`, cm("x"));
    expect(res.status).toBe(404);
    expect(res.body.reason).toBe("NotFound");
    expect(res.body.message).toMatch(/^namespaces "nowhere-\d+" not found$/);
  });

  it("stores nothing on dryRun=All", async () => {
    const ns = await freshNamespace();
    const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps?dryRun=All`, cm("dry"));
    expect(res.status).toBe(201);
    expect(res.body.metadata.name).toBe("dry");
    expect((await api("GET", `/api/v1/namespaces/${ns}/configmaps/dry`)).status).toBe(404);
  });

  it("refuses requests without a valid token", async () => {
    const res = await api("GET", "/api/v1/namespaces", undefined, { Authorization: "Bearer wrong" });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
  });
});
