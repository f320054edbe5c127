import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";

const deployment = (name: string, replicas = 2) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } },
  },
});
const merge = { "Content-Type": "application/merge-patch+json" };

describe("status, scale and generation", () => {
  it("bumps generation on spec changes only, through PUT and merge patch", async () => {
    const ns = await freshNamespace();
    const base = `/apis/apps/v1/namespaces/${ns}/deployments`;
    const created = (await api("POST", base, deployment("web"))).body;
    expect(created.metadata.generation).toBe(1);
    const labelled = await api("PATCH", `${base}/web`, { metadata: { labels: { tier: "x" } } }, merge);
    expect(labelled.body.metadata.generation).toBe(1);
    const scaled = await api("PATCH", `${base}/web`, { spec: { replicas: 4 } }, merge);
    expect(scaled.body.spec.replicas).toBe(4);
    expect(scaled.body.metadata.generation).toBe(2);
    const image = await api("PATCH", `${base}/web`, { spec: { template: { spec: { containers: [{ name: "c", image: "nginx:1.28" }] } } } }, merge);
    expect(image.body.metadata.generation).toBe(3);
  });

  it("refuses a merge patch of an immutable field", async () => {
    const ns = await freshNamespace();
    const base = `/apis/apps/v1/namespaces/${ns}/deployments`;
    await api("POST", base, deployment("web"));
    const res = await api("PATCH", `${base}/web`, { spec: { selector: { matchLabels: { app: "other" } }, template: { metadata: { labels: { app: "other" } } } } }, merge);
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe("Invalid");
    expect(res.body.details.causes.map((c: any) => c.field)).toContain("spec.selector");
  });

  it("keeps status on a main update and spec on a status update", async () => {
    const ns = await freshNamespace();
    const base = `/apis/apps/v1/namespaces/${ns}/deployments`;
    await api("POST", base, deployment("web"));
    const status = await api("PATCH", `${base}/web/status`, { status: { replicas: 2, readyReplicas: 1 }, spec: { replicas: 9 } }, merge);
    expect(status.status).toBe(200);
    expect(status.body.status).toMatchObject({ replicas: 2, readyReplicas: 1 });
    expect(status.body.spec.replicas).toBe(2);
    expect(status.body.metadata.generation).toBe(1);
    const current = (await api("GET", `${base}/web`)).body;
    const main = await api("PUT", `${base}/web`, { ...current, status: { replicas: 0 }, spec: { ...current.spec, replicas: 3 } });
    expect(main.body.status).toMatchObject({ replicas: 2, readyReplicas: 1 });
    expect(main.body.spec.replicas).toBe(3);
  });

  it("reads and writes /scale as an autoscaling/v1 Scale", async () => {
    const ns = await freshNamespace();
    const base = `/apis/apps/v1/namespaces/${ns}/deployments`;
    await api("POST", base, deployment("web", 2));
    const scale = await api("GET", `${base}/web/scale`);
    expect(scale.body).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 2 }, status: { replicas: 0, selector: "app=web" } });
    const put = await api("PUT", `${base}/web/scale`, { ...scale.body, spec: { replicas: 5 } });
    expect(put.body.spec.replicas).toBe(5);
    expect((await api("GET", `${base}/web`)).body.spec.replicas).toBe(5);
    const stale = await api("PUT", `${base}/web/scale`, { ...scale.body, spec: { replicas: 6 } });
    expect(stale.status).toBe(409);
    const negative = await api("PATCH", `${base}/web/scale`, { spec: { replicas: -1 } }, merge);
    expect(negative.status).toBe(422);
    const noScale = await api("GET", `/api/v1/namespaces/${ns}/configmaps/x/scale`);
    expect(noScale.status).toBe(404);
  });
});
