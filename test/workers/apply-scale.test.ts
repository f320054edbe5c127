// Server-side apply through /scale (client-go's ApplyScale): the Scale is applied, and the replicas it owns
// are recorded on the Deployment under subresource "scale", as spec.replicas — kube's own scale test, step by step.

import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";

const applyType = { "Content-Type": "application/apply-patch+yaml" };
const mergeType = { "Content-Type": "application/merge-patch+json" };
const deployment = JSON.stringify({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "test" },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "nginx" } },
    template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:latest" }] } },
  },
});
const scaleBody = (replicas: number) => JSON.stringify({ kind: "Scale", apiVersion: "autoscaling/v1", metadata: { name: "test" }, spec: { replicas } });

async function replicasOwners(base: string): Promise<{ replicas: number; owners: string[]; entries: any[] }> {
  const res = await api("GET", base);
  const entries = res.body.metadata.managedFields as any[];
  const owners = entries.filter((e) => e.fieldsV1["f:spec"]?.["f:replicas"]).map((e) => e.manager);
  return { replicas: res.body.spec.replicas, owners: owners.sort(), entries };
}

describe("apply on /scale", () => {
  it("records the Scale's replicas on the Deployment under subresource scale, with kube's conflicts", async () => {
    const ns = await freshNamespace("apply-scale");
    const base = `/apis/apps/v1/namespaces/${ns}/deployments/test`;
    expect((await api("PATCH", `${base}?fieldManager=apply_test`, deployment, applyType)).status).toBe(201);

    // A merge patch of /scale takes the replicas from the applier.
    expect((await api("PATCH", `${base}/scale?fieldManager=scale_test`, { spec: { replicas: 5 } }, mergeType)).status).toBe(200);
    let state = await replicasOwners(base);
    expect(state.replicas).toBe(5);
    expect(state.owners).toEqual(["scale_test"]);
    expect(state.entries.find((e) => e.manager === "scale_test")).toEqual({
      manager: "scale_test",
      operation: "Update",
      apiVersion: "apps/v1",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:spec": { "f:replicas": {} } },
      subresource: "scale",
    });

    // Applying a Scale with other replicas conflicts with the owner, named as the Scale sees it.
    const refused = await api("PATCH", `${base}/scale?fieldManager=apply_scale`, scaleBody(17), applyType);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'Apply failed with 1 conflict: conflict with "scale_test" with subresource "scale" using autoscaling/v1: .spec.replicas',
      reason: "Conflict",
      details: { causes: [{ reason: "FieldManagerConflict", message: 'conflict with "scale_test" with subresource "scale" using autoscaling/v1', field: ".spec.replicas" }] },
      code: 409,
    });

    // Forced, the applier alone owns them, and the answer is the Scale.
    const forced = await api("PATCH", `${base}/scale?fieldManager=apply_scale&force=true`, scaleBody(17), applyType);
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 17 } });
    state = await replicasOwners(base);
    expect(state.replicas).toBe(17);
    expect(state.owners).toEqual(["apply_scale"]);
    expect(state.entries.find((e) => e.manager === "apply_scale")).toEqual({
      manager: "apply_scale",
      operation: "Apply",
      apiVersion: "apps/v1",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:spec": { "f:replicas": {} } },
      subresource: "scale",
    });
    expect(state.entries.find((e) => e.manager === "apply_test").fieldsV1["f:spec"]["f:replicas"]).toBeUndefined();

    // The same replicas applied by another manager: both own them.
    expect((await api("PATCH", `${base}/scale?fieldManager=co_owning_test`, scaleBody(17), applyType)).status).toBe(200);
    expect((await replicasOwners(base)).owners).toEqual(["apply_scale", "co_owning_test"]);

    // Re-applying the Deployment with its replicas conflicts with the scale appliers; forced, it takes them back.
    const back = await api("PATCH", `${base}?fieldManager=apply_test`, deployment, applyType);
    expect(back.status).toBe(409);
    expect(back.body.details.causes.map((c: any) => c.message).sort()).toEqual(['conflict with "apply_scale" with subresource "scale"', 'conflict with "co_owning_test" with subresource "scale"']);
    expect((await api("PATCH", `${base}?fieldManager=apply_test&force=true`, deployment, applyType)).status).toBe(200);
    state = await replicasOwners(base);
    expect(state).toMatchObject({ replicas: 1, owners: ["apply_test"] });
  });

  it("refuses a body that is not an autoscaling/v1 Scale, and a missing object", async () => {
    const ns = await freshNamespace("apply-scale");
    const base = `/apis/apps/v1/namespaces/${ns}/deployments/test`;
    const missing = await api("PATCH", `${base}/scale?fieldManager=m`, scaleBody(2), applyType);
    expect(missing.status).toBe(404);
    expect((await api("PATCH", `${base}?fieldManager=apply_test`, deployment, applyType)).status).toBe(201);
    const wrong = await api("PATCH", `${base}/scale?fieldManager=m`, deployment, applyType);
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe("invalid object type: apps/v1, Kind=Deployment");
  });
});
