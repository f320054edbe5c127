// PATCH with application/strategic-merge-patch+json through the Worker and the namespace's Durable Object:
// merge keys from the schema, directives, /status and /scale, dryRun, optimistic concurrency, no-op patches,
// and bad patches answered with kube's Status while nothing is stored.
import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";
import { deploymentManifest } from "./support/deployment-manifest.ts";

const smp = { "Content-Type": "application/strategic-merge-patch+json" };

type Json = Record<string, any>;

async function createDeployment(ns: string, name = "web"): Promise<Json> {
  const res = await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments`, deploymentManifest(name));
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const path = (ns: string, name = "web", sub = "") => `/apis/apps/v1/namespaces/${ns}/deployments/${name}${sub}`;
const names = (list: Json[]) => list.map((item) => item.name);

describe("strategic merge patch", () => {
  it("merges containers, env and ports by their keys and keeps the rest", async () => {
    const ns = await freshNamespace("smp");
    const before = await createDeployment(ns);
    const res = await api(
      "PATCH",
      path(ns),
      {
        spec: {
          template: {
            spec: {
              "$setElementOrder/containers": [{ name: "web" }, { name: "sidecar" }],
              containers: [{ name: "web", image: "example.com/web:1.5.0", env: [{ name: "MODE", value: "staging" }], ports: [{ containerPort: 9090, name: "prom" }] }],
            },
          },
        },
      },
      smp,
    );
    expect(res.status, res.text).toBe(200);
    const [web, sidecar] = res.body.spec.template.spec.containers;
    expect(names(res.body.spec.template.spec.containers)).toEqual(["web", "sidecar"]);
    expect(web.image).toBe("example.com/web:1.5.0");
    expect(web.env.find((e: Json) => e.name === "MODE").value).toBe("staging");
    expect(web.env).toHaveLength(before.spec.template.spec.containers[0].env.length);
    expect(web.ports).toEqual([
      { name: "http", containerPort: 8080, protocol: "TCP" },
      { name: "prom", containerPort: 9090, protocol: "TCP" },
    ]);
    expect(sidecar).toEqual(before.spec.template.spec.containers[1]);
    expect(res.body.metadata.generation).toBe(2);
    expect(Number(res.body.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    const stored = await api("GET", path(ns));
    expect(stored.body.spec.template.spec.containers[0].image).toBe("example.com/web:1.5.0");
  });

  it("applies $patch: delete, $retainKeys and $deleteFromPrimitiveList", async () => {
    const ns = await freshNamespace("smp");
    await createDeployment(ns);
    const res = await api(
      "PATCH",
      path(ns),
      {
        metadata: { "$deleteFromPrimitiveList/finalizers": ["example.com/cleanup"], finalizers: ["example.com/audit"] },
        spec: {
          strategy: { $retainKeys: ["type"], type: "Recreate" },
          template: {
            spec: {
              containers: [{ name: "sidecar", $patch: "delete" }],
              volumes: [{ name: "cache", $retainKeys: ["name", "emptyDir"], emptyDir: { medium: "" } }, { name: "data", $retainKeys: ["name", "emptyDir"], emptyDir: {} }],
            },
          },
        },
      },
      smp,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.metadata.finalizers).toEqual(["example.com/audit"]);
    expect(res.body.spec.strategy).toEqual({ type: "Recreate" });
    expect(names(res.body.spec.template.spec.containers)).toEqual(["web"]);
    const volumes = res.body.spec.template.spec.volumes;
    expect(volumes.find((v: Json) => v.name === "data")).toEqual({ name: "data", emptyDir: {} });
    // medium "" is kept by the patch, and then left out as Go's JSON leaves out an empty omitempty string.
    expect(volumes.find((v: Json) => v.name === "cache")).toEqual({ name: "cache", emptyDir: { sizeLimit: "64Mi" } });
  });

  it("answers a patch that changes nothing with the object as it is", async () => {
    const ns = await freshNamespace("smp");
    const before = await createDeployment(ns);
    const res = await api("PATCH", path(ns), { spec: { replicas: before.spec.replicas }, metadata: { labels: { "app.kubernetes.io/name": "web" } } }, smp);
    expect(res.status, res.text).toBe(200);
    expect(res.body.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(res.body.metadata.generation).toBe(1);
  });

  it("checks metadata.resourceVersion when the patch carries one", async () => {
    const ns = await freshNamespace("smp");
    const before = await createDeployment(ns);
    const stale = await api("PATCH", path(ns), { metadata: { resourceVersion: "1" }, spec: { replicas: 7 } }, smp);
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
      reason: "Conflict",
      details: { name: "web", group: "apps", kind: "deployments" },
      code: 409,
    });
    const fresh = await api("PATCH", path(ns), { metadata: { resourceVersion: before.metadata.resourceVersion }, spec: { replicas: 7 } }, smp);
    expect(fresh.status, fresh.text).toBe(200);
    expect(fresh.body.spec.replicas).toBe(7);
  });

  it("stores nothing under dryRun", async () => {
    const ns = await freshNamespace("smp");
    const before = await createDeployment(ns);
    const res = await api("PATCH", `${path(ns)}?dryRun=All`, { spec: { replicas: 9 } }, smp);
    expect(res.status, res.text).toBe(200);
    expect(res.body.spec.replicas).toBe(9);
    const stored = await api("GET", path(ns));
    expect(stored.body.spec.replicas).toBe(before.spec.replicas);
    expect(stored.body.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("patches /scale with the Scale schema and /status with only status kept", async () => {
    const ns = await freshNamespace("smp");
    await createDeployment(ns);
    const scaled = await api("PATCH", path(ns, "web", "/scale"), { spec: { replicas: 4 } }, smp);
    expect(scaled.status, scaled.text).toBe(200);
    expect(scaled.body).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 4 } });
    const status = await api("PATCH", path(ns, "web", "/status"), { status: { observedGeneration: 1, conditions: [{ type: "Available", status: "True" }] }, spec: { replicas: 1 } }, smp);
    expect(status.status, status.text).toBe(200);
    expect(status.body.status.conditions).toEqual([{ type: "Available", status: "True" }]);
    expect(status.body.spec.replicas).toBe(4);
  });

  it("patches a ConfigMap's data and a Service's ports by port", async () => {
    const ns = await freshNamespace("smp");
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1", b: "2" } });
    const cm = await api("PATCH", `/api/v1/namespaces/${ns}/configmaps/c`, { data: { a: null, c: "3" } }, smp);
    expect(cm.body.data).toEqual({ b: "2", c: "3" });
    const svc = { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { selector: { app: "x" }, ports: [{ name: "http", port: 80 }] } };
    expect((await api("POST", `/api/v1/namespaces/${ns}/services`, svc)).status).toBe(201);
    const res = await api("PATCH", `/api/v1/namespaces/${ns}/services/s`, { spec: { ports: [{ name: "https", port: 443 }] } }, smp);
    expect(res.status, res.text).toBe(200);
    expect(res.body.spec.ports.map((p: Json) => p.port).sort()).toEqual([443, 80]);
  });
});

describe("bad strategic merge patches", () => {
  async function expectNothingStored(ns: string, before: Json) {
    const stored = await api("GET", path(ns));
    expect(stored.body.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  }

  it("refuses a list item without its merge key (kube's message, no reason)", async () => {
    const ns = await freshNamespace("smp");
    const before = await createDeployment(ns);
    const res = await api("PATCH", path(ns), { spec: { template: { spec: { containers: [{ image: "nginx" }] } } } }, smp);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "map: map[image:nginx] does not contain declared merge key: name",
      code: 400,
    });
    await expectNothingStored(ns, before);
  });

  it("refuses directives with wrong values and malformed directive lists", async () => {
    const ns = await freshNamespace("smp");
    const before = await createDeployment(ns);
    const merge = await api("PATCH", path(ns), { spec: { strategy: { $patch: "merge" } } }, smp);
    expect(merge.status).toBe(400);
    expect(merge.body.message).toBe("unknown patch type: merge in map: map[$patch:merge]");
    const retain = await api("PATCH", path(ns), { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: { maxSurge: 2 } } } }, smp);
    expect(retain.body).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "invalid patch format of retainKeys", reason: "BadRequest", code: 400 });
    const order = await api("PATCH", path(ns), { metadata: { $setElementOrderfinalizers: [] } }, smp);
    expect(order.body).toMatchObject({ code: 400, reason: "BadRequest", message: "invalid patch format of setElementOrder list" });
    await expectNothingStored(ns, before);
  });

  it("refuses a body that is not a JSON object, or not JSON", async () => {
    const ns = await freshNamespace("smp");
    const before = await createDeployment(ns);
    const array = await api("PATCH", path(ns), [{ op: "add" }], smp);
    expect(array.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "json: cannot unmarshal array into Go value of type map[string]interface {}",
      reason: "BadRequest",
      code: 400,
    });
    const broken = await api("PATCH", path(ns), "{ not json", smp);
    expect(broken.status).toBe(400);
    expect(broken.body.reason).toBe("BadRequest");
    await expectNothingStored(ns, before);
  });

  it("refuses unknown fields under fieldValidation=Strict, showing the patch as kube prints it", async () => {
    const ns = await freshNamespace("smp");
    const before = await createDeployment(ns);
    const res = await api("PATCH", `${path(ns)}?fieldValidation=Strict`, '{"spec":{"replicas":2,"replicas":3,"bogus":{"x":1}}}', smp);
    const message = ' "" is invalid: patch: Invalid value: "map[spec:map[bogus:map[x:1] replicas:3]]": strict decoding error: duplicate field "spec.replicas", unknown field "spec.bogus"';
    expect(res.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message,
      reason: "Invalid",
      details: { causes: [{ reason: "FieldValueInvalid", message: message.slice(' "" is invalid: patch: '.length), field: "patch" }] },
      code: 422,
    });
    await expectNothingStored(ns, before);
  });

  it("validates the patched object: an invalid value is 422 and nothing is stored", async () => {
    const ns = await freshNamespace("smp");
    const before = await createDeployment(ns);
    const res = await api("PATCH", path(ns), { spec: { replicas: -1 } }, smp);
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe("Invalid");
    await expectNothingStored(ns, before);
  });
});
