import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";
import { createEstablished, cronTabCRD, freshGroup, waitServed } from "./support/crds.ts";
import { watch } from "./support/watch.ts";

describe("custom resources: watch, selectors and CRD refusals", () => {
  it("watches custom resources in a namespace and across namespaces, with label selectors", async () => {
    const group = freshGroup("watch");
    await createEstablished(cronTabCRD(group));
    const ns = await freshNamespace();
    const base = `/apis/${group}/v1/namespaces/${ns}/crontabs`;
    await waitServed(base);
    const one = await watch(`${base}?watch=true&labelSelector=tier%3Dweb`);
    const all = await watch(`/apis/${group}/v1/crontabs?watch=true`);
    expect(one.status).toBe(200);
    const body = (name: string, tier: string) => ({ apiVersion: `${group}/v1`, kind: "CronTab", metadata: { name, labels: { tier } }, spec: { cronSpec: "* * * * *" } });
    await api("POST", base, body("a", "web"));
    await api("POST", base, body("b", "db"));
    await api("PATCH", `${base}/b`, { metadata: { labels: { tier: "web" } } }, { "Content-Type": "application/merge-patch+json" });
    await api("DELETE", `${base}/a`);
    const seen = await one.next(3);
    expect(seen.map((e) => [e.type, e.object.metadata.name])).toEqual([["ADDED", "a"], ["ADDED", "b"], ["DELETED", "a"]]);
    expect(seen[0].object).toMatchObject({ apiVersion: `${group}/v1`, kind: "CronTab", spec: { image: "busybox" } });
    const everything = await all.next(4);
    expect(everything.map((e) => e.type)).toEqual(["ADDED", "ADDED", "MODIFIED", "DELETED"]);
    await one.close();
    await all.close();
  });

  it("selects by selectableFields and refuses other field selectors", async () => {
    const group = freshGroup("fields");
    const crd = cronTabCRD(group) as any;
    crd.spec.versions[0].selectableFields = [{ jsonPath: ".spec.image" }];
    await createEstablished(crd);
    const ns = await freshNamespace();
    const base = `/apis/${group}/v1/namespaces/${ns}/crontabs`;
    await waitServed(base);
    for (const [name, image] of [["a", "alpine"], ["b", "busybox"]]) {
      await api("POST", base, { apiVersion: `${group}/v1`, kind: "CronTab", metadata: { name }, spec: { cronSpec: "* * * * *", image } });
    }
    const picked = await api("GET", `${base}?fieldSelector=spec.image%3Dalpine`);
    expect(picked.body.items.map((o: any) => o.metadata.name)).toEqual(["a"]);
    const refused = await api("GET", `${base}?fieldSelector=spec.cronSpec%3Dx`);
    expect(refused.status).toBe(400);
    expect(refused.body.reason).toBe("BadRequest");
  });

  it("refuses a CRD whose CEL rule does not compile, or whose schema is not structural, and stores nothing", async () => {
    const group = freshGroup("bad");
    const crd = cronTabCRD(group) as any;
    crd.spec.versions[0].schema.openAPIV3Schema.properties.spec["x-kubernetes-validations"] = [{ rule: "self.nope > 1" }];
    const cel = await api("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
    expect(cel.status).toBe(422);
    const celCause = cel.body.details.causes.find((c: any) => c.field.endsWith("x-kubernetes-validations[0].rule"));
    expect(celCause.field).toBe("spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule");
    expect(celCause.message).toContain("compilation failed");

    const untyped = cronTabCRD(group) as any;
    delete untyped.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.image.type;
    const structural = await api("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", untyped);
    expect(structural.status).toBe(422);
    expect(structural.body.details.causes).toContainEqual(expect.objectContaining({ field: "spec.validation.openAPIV3Schema.properties[spec].properties[image].type", reason: "FieldValueRequired" }));
    expect((await api("GET", `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.${group}`)).status).toBe(404);
  });
});
