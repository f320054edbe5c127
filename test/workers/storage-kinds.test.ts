// PersistentVolumeClaims, PersistentVolumes and ReplicationControllers through the Worker, against real D1 and
// Durable Objects: discovery as a v1.35 cluster lists them, the create and update rules clients meet, /status,
// /scale, field selectors, and fieldValidation for a volume source the schema does not know.
import { describe, expect, it } from "vitest";
import { decodeKubeObject } from "../../src/api/protobuf/kube-object.ts";
import { findKind } from "../../src/resources/catalog.ts";
import { api, freshNamespace } from "./support/api.ts";
import { call, protobuf } from "./support/protobuf.ts";

const merge = { "Content-Type": "application/merge-patch+json" };
const aggregated = { Accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" };

const claim = (name: string) => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
});

const volume = (name: string, source: Record<string, unknown> = { nfs: { server: "nfs.example.com", path: "/exports" } }) => ({
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: { name },
  spec: { capacity: { storage: "5Gi" }, accessModes: ["ReadWriteMany"], ...source },
});

const controller = (name: string) => ({
  apiVersion: "v1",
  kind: "ReplicationController",
  metadata: { name },
  spec: { replicas: 2, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } } },
});

let volumes = 0;
const volumeName = () => `pv-${Date.now().toString(36)}-${(volumes++).toString(36)}`;

describe("discovery", () => {
  it("lists the three kinds as a v1.35 cluster does", async () => {
    const res = await api("GET", "/api", undefined, aggregated);
    const resources = res.body.items[0].versions[0].resources as Record<string, any>[];
    const entry = (name: string) => resources.find((r) => r.resource === name);
    const verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    const status = { subresource: "status", responseKind: { group: "", version: "", kind: expect.any(String) }, verbs: ["get", "patch", "update"] };
    expect(entry("persistentvolumeclaims")).toMatchObject({ scope: "Namespaced", singularResource: "persistentvolumeclaim", shortNames: ["pvc"], verbs, subresources: [status] });
    expect(entry("persistentvolumeclaims")!.categories).toBeUndefined();
    expect(entry("persistentvolumes")).toMatchObject({ scope: "Cluster", singularResource: "persistentvolume", shortNames: ["pv"], verbs, subresources: [status] });
    const rc = entry("replicationcontrollers")!;
    expect(rc).toMatchObject({ scope: "Namespaced", singularResource: "replicationcontroller", shortNames: ["rc"], categories: ["all"], verbs });
    expect(rc.subresources).toContainEqual({ subresource: "scale", responseKind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: ["get", "patch", "update"] });
  });
});

describe("persistentvolumeclaims", () => {
  it("starts Pending, binds once, and grows only once bound", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/persistentvolumeclaims`;
    const created = await api("POST", base, claim("data"));
    expect(created.status).toBe(201);
    expect(created.body.spec.volumeMode).toBe("Filesystem");
    expect(created.body.status).toEqual({ phase: "Pending" });
    expect(created.body.metadata.generation).toBeUndefined();

    const grow = await api("PATCH", `${base}/data`, { spec: { resources: { requests: { storage: "2Gi" } } } }, merge);
    expect(grow.status).toBe(422);
    expect(grow.body).toMatchObject({ kind: "Status", status: "Failure", reason: "Invalid", code: 422, details: { name: "data", kind: "PersistentVolumeClaim" } });
    expect(grow.body.details.causes).toEqual([{ reason: "FieldValueForbidden", field: "spec", message: expect.stringMatching(/^Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/) }]);

    expect((await api("PATCH", `${base}/data`, { spec: { volumeName: "pv-1" } }, merge)).status).toBe(200);
    const bound = await api("PATCH", `${base}/data/status`, { status: { phase: "Bound", capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] } }, merge);
    expect(bound.body.status).toEqual({ phase: "Bound", capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] });
    const grown = await api("PATCH", `${base}/data`, { spec: { resources: { requests: { storage: "2Gi" } } } }, merge);
    expect(grown.status).toBe(200);
    expect(grown.body.spec.resources.requests.storage).toBe("2Gi");
    expect(grown.body.status.phase).toBe("Bound");
    const table = await api("GET", `${base}/data`, undefined, { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" });
    expect(table.body.rows[0].cells.slice(0, 7)).toEqual(["data", "Bound", "pv-1", "1Gi", "RWO", "", "<unset>"]);
  });

  it("answers in protobuf when the client prefers it, equal to the JSON answer", async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/persistentvolumeclaims/data`;
    await api("POST", `/api/v1/namespaces/${ns}/persistentvolumeclaims`, claim("data"));
    const res = await call("GET", path);
    expect(res.contentType).toBe(protobuf);
    expect(decodeKubeObject(res.bytes, findKind("", "v1", "persistentvolumeclaims")!)).toEqual({ ok: true, object: (await api("GET", path)).body });
  });
});

describe("persistentvolumes", () => {
  it("defaults Retain and starts Pending with the time of its phase; status time-stamps a new phase", async () => {
    const name = volumeName();
    const created = await api("POST", "/api/v1/persistentvolumes", volume(name));
    expect(created.status).toBe(201);
    expect(created.body.metadata.namespace).toBeUndefined();
    expect(created.body.spec).toMatchObject({ persistentVolumeReclaimPolicy: "Retain", volumeMode: "Filesystem" });
    expect(created.body.status).toEqual({ phase: "Pending", lastPhaseTransitionTime: expect.stringMatching(/Z$/) });
    const available = await api("PATCH", `/api/v1/persistentvolumes/${name}/status`, { status: { phase: "Available" } }, merge);
    expect(available.body.status.phase).toBe("Available");
    expect(available.body.status.lastPhaseTransitionTime).toEqual(expect.stringMatching(/Z$/));
    const moved = await api("PATCH", `/api/v1/persistentvolumes/${name}`, { spec: { nfs: { path: "/elsewhere" } } }, merge);
    expect(moved.status).toBe(422);
    expect(moved.body.details.causes[0]).toMatchObject({ reason: "FieldValueForbidden", field: "spec.persistentvolumesource" });
  });

  it("refuses a source it does not know under Strict, and drops it with a warning under Warn", async () => {
    const strict = await api("POST", "/api/v1/persistentvolumes?fieldValidation=Strict", volume(volumeName(), { nfs: { server: "n", path: "/x" }, cephfsv2: { pool: "a" } }));
    expect(strict.status).toBe(400);
    expect(strict.body).toMatchObject({ reason: "BadRequest", message: expect.stringContaining('strict decoding error: unknown field "spec.cephfsv2"') });
    const warned = await api("POST", "/api/v1/persistentvolumes?fieldValidation=Warn", volume(volumeName(), { nfs: { server: "n", path: "/x" }, cephfsv2: { pool: "a" } }));
    expect(warned.status).toBe(201);
    expect(warned.headers.get("warning")).toBe('299 - "unknown field \\"spec.cephfsv2\\""');
    expect(warned.body.spec.cephfsv2).toBeUndefined();
    const only = await api("POST", "/api/v1/persistentvolumes", volume(volumeName(), { cephfsv2: { pool: "a" } }));
    expect(only.status).toBe(422);
    expect(only.body.details.causes).toContainEqual({ reason: "FieldValueRequired", field: "spec", message: "Required value: must specify a volume type" });
  });

  it("supports no field selector beyond metadata", async () => {
    const res = await api("GET", "/api/v1/persistentvolumes?fieldSelector=name%3Dx");
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("field label not supported: name");
  });
});

describe("replicationcontrollers", () => {
  it("defaults its selector, scales through autoscaling/v1, and filters by status.replicas", async () => {
    const ns = await freshNamespace();
    const base = `/api/v1/namespaces/${ns}/replicationcontrollers`;
    const created = await api("POST", base, controller("web"));
    expect(created.status).toBe(201);
    expect(created.body.spec.selector).toEqual({ app: "web" });
    expect(created.body.metadata).toMatchObject({ labels: { app: "web" }, generation: 1 });
    expect(created.body.status).toEqual({ replicas: 0 });

    const scale = await api("GET", `${base}/web/scale`);
    expect(scale.body).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 2 }, status: { replicas: 0, selector: "app=web" } });
    const scaled = await api("PATCH", `${base}/web/scale`, { spec: { replicas: 4 } }, merge);
    expect(scaled.body.spec.replicas).toBe(4);
    const after = (await api("GET", `${base}/web`)).body;
    expect([after.spec.replicas, after.metadata.generation]).toEqual([4, 2]);

    await api("PATCH", `${base}/web/status`, { status: { replicas: 4, readyReplicas: 4, observedGeneration: 2 } }, merge);
    expect((await api("GET", `${base}?fieldSelector=status.replicas%3D4`)).body.items.map((i: any) => i.metadata.name)).toEqual(["web"]);
    expect((await api("GET", `${base}?fieldSelector=status.replicas%3D0`)).body.items).toEqual([]);

    const moved = await api("PATCH", `${base}/web`, { spec: { selector: { app: "web", v: "2" }, template: { metadata: { labels: { app: "web", v: "2" } } } } }, merge);
    expect(moved.status).toBe(200);
    expect(moved.body.metadata.generation).toBe(3);
  });
});

describe("the default roles", () => {
  it("let edit write claims and controllers and scale them, but not volumes, as kube's do", async () => {
    const ns = await freshNamespace();
    const binding = {
      metadata: { name: "dev-edit" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [{ kind: "User", name: "dev", apiGroup: "rbac.authorization.k8s.io" }],
    };
    expect((await api("POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, binding)).status).toBe(201);
    const dev = { "Impersonate-User": "dev" };
    expect((await api("POST", `/api/v1/namespaces/${ns}/persistentvolumeclaims`, claim("data"), dev)).status).toBe(201);
    expect((await api("GET", `/api/v1/namespaces/${ns}/persistentvolumeclaims/data/status`, undefined, dev)).status).toBe(200);
    expect((await api("POST", `/api/v1/namespaces/${ns}/replicationcontrollers`, controller("web"), dev)).status).toBe(201);
    expect((await api("PATCH", `/api/v1/namespaces/${ns}/replicationcontrollers/web/scale`, { spec: { replicas: 1 } }, { ...merge, ...dev })).status).toBe(200);
    const pv = await api("POST", "/api/v1/persistentvolumes", volume(volumeName()), dev);
    expect(pv.status).toBe(403);
    expect(pv.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'persistentvolumes is forbidden: User "dev" cannot create resource "persistentvolumes" in API group "" at the cluster scope',
      reason: "Forbidden",
      details: { kind: "persistentvolumes" },
      code: 403,
    });
  });
});
