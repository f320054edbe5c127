import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("namespaces", () => {
  it("has the initial namespaces", async () => {
    const list = await api("GET", "/api/v1/namespaces");
    const names = list.body.items.map((n: any) => n.metadata.name);
    expect(names).toEqual(expect.arrayContaining(["default", "kube-system", "kube-public", "kube-node-lease"]));
    const ns = list.body.items.find((n: any) => n.metadata.name === "default");
    expect(ns.status.phase).toBe("Active");
    expect(ns.spec.finalizers).toEqual(["kubernetes"]);
  });

  it("refuses to delete default", async () => {
    const res = await api("DELETE", "/api/v1/namespaces/default");
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ reason: "Forbidden", message: 'namespaces "default" is forbidden: this namespace may not be deleted' });
  });

  it("goes Terminating, removes its content, then itself", async () => {
    const ns = await freshNamespace();
    for (const name of ["a", "b", "c"]) {
      const res = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name }, data: { k: name } });
      expect(res.status).toBe(201);
    }
    const del = await api("DELETE", `/api/v1/namespaces/${ns}`);
    expect(del.status).toBe(200);
    expect(del.body.kind).toBe("Namespace");
    expect(del.body.status.phase).toBe("Terminating");
    expect(del.body.metadata.deletionTimestamp).toBeTruthy();
    const gone = await eventually(() => api("GET", `/api/v1/namespaces/${ns}`), (r) => r.status === 404);
    expect(gone.status).toBe(404);
    const left = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    expect(left.body.items).toEqual([]);
  });

  it("refuses new content while Terminating and waits for finalizers", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "held", finalizers: ["example.com/hold"] } });
    await api("DELETE", `/api/v1/namespaces/${ns}`);
    const create = await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "late" } });
    expect(create.status).toBe(403);
    expect(create.body.message).toBe(`configmaps "late" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
    const held = await eventually(() => api("GET", `/api/v1/namespaces/${ns}/configmaps/held`), (r) => !!r.body.metadata?.deletionTimestamp);
    expect(held.body.metadata.deletionTimestamp).toBeTruthy();
    expect((await api("GET", `/api/v1/namespaces/${ns}`)).status).toBe(200);
    const release = await api("PATCH", `/api/v1/namespaces/${ns}/configmaps/held`, { metadata: { finalizers: null } }, { "Content-Type": "application/merge-patch+json" });
    expect(release.status).toBe(200);
    expect((await api("GET", `/api/v1/namespaces/${ns}/configmaps/held`)).status).toBe(404);
  });
});

describe("finalizers", () => {
  it("marks an object with finalizers and removes it when the last one goes", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "f", finalizers: ["example.com/a"] } });
    const del = await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/f`);
    expect(del.status).toBe(200);
    expect(del.body.metadata.deletionTimestamp).toBeTruthy();
    const add = await api("PATCH", `/api/v1/namespaces/${ns}/configmaps/f`, { metadata: { finalizers: ["example.com/a", "example.com/b"] } }, { "Content-Type": "application/merge-patch+json" });
    expect(add.status).toBe(422);
    expect(add.body.details.causes[0].field).toBe("metadata.finalizers");
    const rm = await api("PATCH", `/api/v1/namespaces/${ns}/configmaps/f`, [{ op: "remove", path: "/metadata/finalizers" }], { "Content-Type": "application/json-patch+json" });
    expect(rm.status).toBe(200);
    expect((await api("GET", `/api/v1/namespaces/${ns}/configmaps/f`)).status).toBe(404);
  });

  it("checks delete preconditions", async () => {
    const ns = await freshNamespace();
    const obj = (await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: "p" } })).body;
    const wrong = await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/p`, { preconditions: { uid: "nope" } });
    expect(wrong.status).toBe(409);
    expect(wrong.body.message).toBe(`Operation cannot be fulfilled on configmaps "p": Precondition failed: UID in precondition: nope, UID in object meta: ${obj.metadata.uid}`);
    const right = await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/p`, { preconditions: { uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion } });
    expect(right.status).toBe(200);
  });
});
