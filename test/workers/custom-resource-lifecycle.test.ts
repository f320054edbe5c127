import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";
import { createEstablished, cronTabCRD, freshGroup, waitServed } from "./support/crds.ts";

const crdPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

async function served() {
  const group = freshGroup("life");
  const crd = await createEstablished(cronTabCRD(group));
  const ns = await freshNamespace();
  const base = `/apis/${group}/v1/namespaces/${ns}/crontabs`;
  await waitServed(base);
  const make = (name: string, spec: object = { cronSpec: "* * * * *" }) => api("POST", base, { apiVersion: `${group}/v1`, kind: "CronTab", metadata: { name }, spec });
  return { group, crd, ns, base, make };
}

describe("custom resources over their lifetime", () => {
  it("pages a list with limit and continue", async () => {
    const { base, make } = await served();
    for (const name of ["a", "b", "c", "d", "e"]) expect((await make(name)).status).toBe(201);
    const first = await api("GET", `${base}?limit=2`);
    expect(first.body.items.map((o: any) => o.metadata.name)).toEqual(["a", "b"]);
    expect(first.body.metadata.remainingItemCount).toBe(3);
    const second = await api("GET", `${base}?limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`);
    expect(second.body.items.map((o: any) => o.metadata.name)).toEqual(["c", "d"]);
  });

  it("holds a deleted object while a finalizer remains", async () => {
    const { base, make } = await served();
    await make("held");
    await api("PATCH", `${base}/held`, { metadata: { finalizers: ["example.com/hold"] } }, { "Content-Type": "application/merge-patch+json" });
    const marked = await api("DELETE", `${base}/held`);
    expect(marked.status).toBe(200);
    expect(marked.body.metadata.deletionTimestamp).toBeDefined();
    await api("PATCH", `${base}/held`, { metadata: { finalizers: null } }, { "Content-Type": "application/merge-patch+json" });
    expect((await api("GET", `${base}/held`)).status).toBe(404);
  });

  it("validates with the new schema once the CRD is updated", async () => {
    const { crd, base, make } = await served();
    expect((await make("before", { cronSpec: "* * * * *", replicas: 8, image: "alpine" })).status).toBe(201);
    const next = structuredClone(crd);
    next.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.replicas.maximum = 3;
    const updated = await api("PUT", `${crdPath}/${crd.metadata.name}`, next);
    expect(updated.status).toBe(200);
    expect(updated.body.metadata.generation).toBe(2);
    const deadline = Date.now() + 5000;
    let res = await make("after", { cronSpec: "* * * * *", replicas: 8, image: "alpine" });
    while (res.status === 201 && Date.now() < deadline) {
      await api("DELETE", `${base}/after`);
      await new Promise((r) => setTimeout(r, 100));
      res = await make("after", { cronSpec: "* * * * *", replicas: 8, image: "alpine" });
    }
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toContainEqual({ reason: "FieldValueInvalid", message: "Invalid value: 8: spec.replicas in body should be less than or equal to 3", field: "spec.replicas" });
    // An object stored before the change stays readable; its unchanged invalid value ratchets on update.
    const old = await api("GET", `${base}/before`);
    const relabelled = await api("PUT", `${base}/before`, { ...old.body, metadata: { ...old.body.metadata, labels: { a: "b" } } });
    expect(relabelled.status).toBe(200);
  });

  it("deletes a namespace's custom resources with the namespace", async () => {
    const { ns, base, make } = await served();
    await make("gone");
    expect((await api("DELETE", `/api/v1/namespaces/${ns}`)).status).toBe(200);
    const deadline = Date.now() + 10_000;
    while ((await api("GET", `/api/v1/namespaces/${ns}`)).status !== 404 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await api("GET", `/api/v1/namespaces/${ns}`)).status).toBe(404);
    expect((await api("GET", `${base}/gone`)).status).toBe(404);
  });
});
