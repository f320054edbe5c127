import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";
import { createEstablished, cronTabCRD, freshGroup, waitServed } from "./support/crds.ts";
import { watch } from "./support/watch.ts";

/** The CronTab CRD served at v1beta1 (deprecated) and v1 (stored). */
function twoVersions(group: string) {
  const crd = cronTabCRD(group) as any;
  const v1 = crd.spec.versions[0];
  crd.spec.versions = [{ ...structuredClone(v1), name: "v1beta1", storage: false, deprecated: true }, v1];
  return crd;
}

describe("custom resources at several versions (conversion None)", () => {
  it("serves every object through every served version, stored at the storage version", async () => {
    const group = freshGroup("versions");
    const crd = await createEstablished(twoVersions(group));
    expect(crd.status.storedVersions).toEqual(["v1"]);
    const ns = await freshNamespace();
    const beta = `/apis/${group}/v1beta1/namespaces/${ns}/crontabs`;
    const stable = `/apis/${group}/v1/namespaces/${ns}/crontabs`;
    await waitServed(stable);
    const events = await watch(`${stable}?watch=true`);

    const created = await api("POST", beta, { apiVersion: `${group}/v1beta1`, kind: "CronTab", metadata: { name: "old" }, spec: { cronSpec: "* * * * *" } });
    expect(created.status).toBe(201);
    expect(created.body.apiVersion).toBe(`${group}/v1beta1`);
    expect(created.headers.get("warning")).toBe(`299 - "${group}/v1beta1 CronTab is deprecated; use ${group}/v1 CronTab"`);
    expect((await api("GET", `${stable}/old`)).body.apiVersion).toBe(`${group}/v1`);
    expect((await api("GET", `${beta}/old`)).body.apiVersion).toBe(`${group}/v1beta1`);
    expect((await api("GET", beta)).body.items.map((o: any) => o.apiVersion)).toEqual([`${group}/v1beta1`]);
    const [added] = await events.next(1);
    expect(added.object.apiVersion).toBe(`${group}/v1`);

    // Writing the same content through the other version changes nothing: no new resourceVersion, no generation.
    const same = await api("PUT", `${stable}/old`, { ...created.body, apiVersion: `${group}/v1` });
    expect(same.status).toBe(200);
    expect(same.body.metadata.resourceVersion).toBe(created.body.metadata.resourceVersion);
    expect(same.body.metadata.generation).toBe(1);
    expect(same.headers.get("warning")).toBeNull();

    const mismatch = await api("POST", stable, { apiVersion: `${group}/v1beta1`, kind: "CronTab", metadata: { name: "x" }, spec: { cronSpec: "* * * * *" } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toBe(`the API version in the data (${group}/v1beta1) does not match the expected API version (${group}/v1)`);
    await events.close();
  });

  it("serves a CRD with Webhook conversion at its storage version only (conversion webhooks are not called)", async () => {
    const group = freshGroup("webhook");
    const crd = twoVersions(group);
    crd.spec.conversion = { strategy: "Webhook", webhook: { conversionReviewVersions: ["v1"], clientConfig: { url: "https://convert.example.com/crontabs" } } };
    await createEstablished(crd);
    const ns = await freshNamespace();
    await waitServed(`/apis/${group}/v1/namespaces/${ns}/crontabs`);
    expect((await api("GET", `/apis/${group}/v1beta1/namespaces/${ns}/crontabs`)).status).toBe(404);
  });
});
