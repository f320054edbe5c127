import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";

const applyType = { "Content-Type": "application/apply-patch+yaml" };
const deployment = (replicas: number, image = "nginx:1.27") => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports: [{containerPort: 80}]
`;

const path = (ns: string, query: string) => `/apis/apps/v1/namespaces/${ns}/deployments/web?${query}`;

describe("server-side apply", () => {
  it("creates the object, recording the applier's fields in kube's FieldsV1", async () => {
    const ns = await freshNamespace("ssa");
    const res = await api("PATCH", path(ns, "fieldManager=kubectl"), deployment(2), applyType);
    expect(res.status).toBe(201);
    expect(res.body.spec.replicas).toBe(2);
    expect(res.body.spec.strategy.type).toBe("RollingUpdate");
    expect(res.body.metadata.managedFields).toEqual([
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: expect.stringMatching(/Z$/),
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": {
                "f:containers": {
                  'k:{"name":"nginx"}': {
                    ".": {},
                    "f:image": {},
                    "f:name": {},
                    "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
    const again = await api("PATCH", path(ns, "fieldManager=kubectl"), deployment(2), applyType);
    expect(again.status).toBe(200);
    expect(again.body.metadata.resourceVersion).toBe(res.body.metadata.resourceVersion);
  });

  it("answers a conflict with another manager's field with kube's 409, and force takes the field", async () => {
    const ns = await freshNamespace("ssa");
    await api("PATCH", path(ns, "fieldManager=kubectl"), deployment(2), applyType);
    const refused = await api("PATCH", path(ns, "fieldManager=other"), deployment(5), applyType);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas',
      reason: "Conflict",
      details: { causes: [{ reason: "FieldManagerConflict", message: 'conflict with "kubectl"', field: ".spec.replicas" }] },
      code: 409,
    });
    const forced = await api("PATCH", path(ns, "fieldManager=other&force=true"), deployment(5), applyType);
    expect(forced.status).toBe(200);
    expect(forced.body.spec.replicas).toBe(5);
    const owners = Object.fromEntries(forced.body.metadata.managedFields.map((e: any) => [e.manager, e.fieldsV1]));
    expect(owners.kubectl["f:spec"]["f:replicas"]).toBeUndefined();
    expect(owners.other["f:spec"]["f:replicas"]).toEqual({});
  });

  it("conflicts with an Update manager by name and version, and removes a field its applier dropped", async () => {
    const ns = await freshNamespace("ssa");
    const cm = (data: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":${data}}`;
    const cmPath = `/api/v1/namespaces/${ns}/configmaps/c`;
    const created = await api("POST", `/api/v1/namespaces/${ns}/configmaps?fieldManager=kubectl-create`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } });
    expect(created.body.metadata.managedFields).toEqual([
      { manager: "kubectl-create", operation: "Update", apiVersion: "v1", time: expect.any(String), fieldsType: "FieldsV1", fieldsV1: { "f:data": { ".": {}, "f:a": {} } } },
    ]);
    const refused = await api("PATCH", `${cmPath}?fieldManager=mine`, cm('{"a":"2"}'), applyType);
    expect(refused.body.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.a');
    const applied = await api("PATCH", `${cmPath}?fieldManager=mine`, cm('{"b":"1","c":"1"}'), applyType);
    expect(applied.body.data).toEqual({ a: "1", b: "1", c: "1" });
    const dropped = await api("PATCH", `${cmPath}?fieldManager=mine`, cm('{"b":"1"}'), applyType);
    expect(dropped.body.data).toEqual({ a: "1", b: "1" });
    const edited = await api("PUT", `${cmPath}?fieldManager=kubectl-edit`, { ...dropped.body, data: { a: "1", b: "2" } });
    const owners = edited.body.metadata.managedFields.map((e: any) => [e.manager, e.operation, e.fieldsV1]);
    expect(owners).toEqual([
      ["mine", "Apply", {}],
      ["kubectl-create", "Update", { "f:data": { ".": {}, "f:a": {} } }],
      ["kubectl-edit", "Update", { "f:data": { "f:b": {} } }],
    ].filter(([, , f]) => Object.keys(f as object).length));
  });

  it("records Update entries for merge patches and status writes, with the User-Agent as the default manager", async () => {
    const ns = await freshNamespace("ssa");
    await api("PATCH", path(ns, "fieldManager=kubectl"), deployment(1), applyType);
    const patched = await api("PATCH", path(ns, ""), { spec: { paused: true } }, { "Content-Type": "application/merge-patch+json", "User-Agent": "kubectl/v1.35.0 (linux/amd64)" });
    expect(patched.status).toBe(200);
    const status = await api("PUT", `/apis/apps/v1/namespaces/${ns}/deployments/web/status?fieldManager=ctrl`, { ...patched.body, status: { replicas: 1 } });
    expect(status.status).toBe(200);
    // Apply entries first; Update entries by time, then manager.
    const entries = status.body.metadata.managedFields.map((e: any) => [e.manager, e.operation, e.subresource ?? "", e.fieldsV1]);
    expect(entries[0]).toEqual(["kubectl", "Apply", "", expect.any(Object)]);
    expect(entries.slice(1)).toHaveLength(2);
    expect(entries.slice(1)).toEqual(
      expect.arrayContaining([
        ["kubectl", "Update", "", { "f:spec": { "f:paused": {} } }],
        ["ctrl", "Update", "status", { "f:status": { "f:replicas": {} } }],
      ]),
    );
  });

  it("refuses bad applies with kube's Status, storing nothing", async () => {
    const ns = await freshNamespace("ssa");
    const noManager = await api("PATCH", path(ns, ""), deployment(1), applyType);
    expect(noManager.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      reason: "Invalid",
      details: { group: "meta.k8s.io", kind: "PatchOptions", causes: [{ reason: "FieldValueRequired", message: "Required value: is required for apply patch", field: "fieldManager" }] },
      code: 422,
    });
    const noType = await api("PATCH", path(ns, "fieldManager=m"), "metadata:\n  name: web\n", applyType);
    expect(noType.status).toBe(400);
    expect(noType.body).toMatchObject({ reason: "BadRequest", message: "invalid object type: /, Kind=" });
    const malformed = await api("PATCH", path(ns, "fieldManager=m"), "apiVersion: apps/v1\nkind: [\n", applyType);
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/^error decoding YAML: /);
    const unknown = await api("PATCH", path(ns, "fieldManager=m"), `${deployment(1)}  replica: 3\n`, applyType);
    expect(unknown.status).toBe(500);
    expect(unknown.body.message).toBe("failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.replica: field not declared in schema");
    const dry = await api("PATCH", path(ns, "fieldManager=m&dryRun=All"), deployment(1), applyType);
    expect(dry.status).toBe(201);
    expect((await api("GET", `/apis/apps/v1/namespaces/${ns}/deployments/web`)).status).toBe(404);
  });
});
