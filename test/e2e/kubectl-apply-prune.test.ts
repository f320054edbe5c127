// kubectl apply --prune with its default flags (no --prune-allowlist) against the server started as a user
// does: kubectl maps every kind of its default prune list (PersistentVolumeClaim, PersistentVolume and
// ReplicationController among them) before it prunes, so all of them must be served. Then the new kinds as
// kubectl shows, scales, explains them, and a namespace's deletion taking its claims and controllers along.
import { mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
let dir: string;
beforeAll(async () => {
  [server, dir] = await Promise.all([startServer(), mkdtemp(join(tmpdir(), "prune-manifests-"))]);
});
afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ok = (...args: string[]) => server.kubectlOk(args);
const lines = (out: string) => out.trim().split("\n");

const manifests: Record<string, string> = {
  "a-configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels: {app: x}\ndata: {mode: production}\n",
  "b-configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  labels: {app: x}\ndata: {a: '1'}\n",
  "c-claim.yaml": `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  labels: {app: x}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  storageClassName: standard
`,
  "d-controller.yaml": `apiVersion: v1
kind: ReplicationController
metadata:
  name: web
  labels: {app: x}
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: x, role: web}
    spec:
      containers:
      - {name: web, image: "nginx:1.27"}
`,
  "e-volume.yaml": `apiVersion: v1
kind: PersistentVolume
metadata:
  name: prune-pv
  labels: {app: x}
spec:
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOnce, ReadOnlyMany]
  storageClassName: standard
  nfs: {server: nfs.example.com, path: /exports/data}
`,
};

describe("kubectl apply --prune with default flags", () => {
  it("creates everything, then prunes what left the directory", async () => {
    await ok("create", "namespace", "prune");
    for (const [name, text] of Object.entries(manifests)) await writeFile(join(dir, name), text);
    const first = await ok("apply", "--prune", "-l", "app=x", "-n", "prune", "-f", dir);
    expect(lines(first).sort()).toEqual([
      "configmap/extra created",
      "configmap/settings created",
      "persistentvolume/prune-pv created",
      "persistentvolumeclaim/data created",
      "replicationcontroller/web created",
    ]);

    await unlink(join(dir, "b-configmap.yaml"));
    await unlink(join(dir, "e-volume.yaml"));
    const second = await ok("apply", "--prune", "-l", "app=x", "-n", "prune", "-f", dir);
    expect(lines(second).sort()).toEqual([
      "configmap/extra pruned",
      "configmap/settings unchanged",
      "persistentvolume/prune-pv pruned",
      "persistentvolumeclaim/data unchanged",
      "replicationcontroller/web unchanged",
    ]);
    const left = await server.kubectl(["get", "configmap", "extra", "-n", "prune"]);
    expect(left.stderr).toContain('configmaps "extra" not found');
  });

  it("shows claims, volumes and controllers with kube's columns", async () => {
    await writeFile(join(dir, "e-volume.yaml"), manifests["e-volume.yaml"]);
    await ok("apply", "-f", join(dir, "e-volume.yaml"));
    const out = await ok("get", "pvc,pv,rc", "-n", "prune", "-o", "wide");
    expect(out).toMatch(/^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE\s+VOLUMEMODE$/m);
    expect(out).toMatch(/^persistentvolumeclaim\/data\s+Pending\s+standard\s+<unset>\s+\S+\s+Filesystem$/m);
    expect(out).toMatch(/^NAME\s+CAPACITY\s+ACCESS MODES\s+RECLAIM POLICY\s+STATUS\s+CLAIM\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+REASON\s+AGE\s+VOLUMEMODE$/m);
    expect(out).toMatch(/^persistentvolume\/prune-pv\s+5Gi\s+RWO,ROX\s+Retain\s+Pending\s+standard\s+<unset>\s+\S+\s+Filesystem$/m);
    expect(out).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/m);
    expect(out).toMatch(/^replicationcontroller\/web\s+2\s+0\s+0\s+\S+\s+web\s+nginx:1\.27\s+app=x,role=web$/m);
    expect(await ok("get", "all", "-n", "prune")).toMatch(/^replicationcontroller\/web\s+2\s+0\s+0\s+\S+$/m);
  });

  it("scales a replication controller", async () => {
    expect(await ok("scale", "rc", "web", "-n", "prune", "--replicas=5")).toBe("replicationcontroller/web scaled\n");
    const rc = JSON.parse(await ok("get", "rc", "web", "-n", "prune", "-o", "json"));
    expect([rc.spec.replicas, rc.metadata.generation, rc.spec.selector]).toEqual([5, 2, { app: "x", role: "web" }]);
  });

  it("explains a claim's spec", async () => {
    const out = await ok("explain", "pvc.spec");
    expect(out).toMatch(/^KIND:\s+PersistentVolumeClaim\nVERSION:\s+v1\n/);
    expect(out).toMatch(/^FIELD: spec <PersistentVolumeClaimSpec>$/m);
    expect(out).toMatch(/^ {2}accessModes\t<\[\]string>$/m);
    expect(out).toMatch(/^ {2}dataSourceRef\t<TypedObjectReference>$/m);
    expect(await ok("explain", "pv.spec.csi.volumeHandle")).toMatch(/volumeHandle\s+<string>/);
  });

  it("refuses an invalid claim with kube's message", async () => {
    const res = await server.kubectl(["create", "-n", "prune", "-f", "-"], {
      input: "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: bad}\nspec: {resources: {requests: {storage: 1Gi}}}\n",
    });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('PersistentVolumeClaim "bad" is invalid: spec.accessModes: Required value: at least 1 access mode is required');
  });

  it("removes a namespace's claims and controllers with it", async () => {
    await ok("delete", "namespace", "prune");
    const left = await ok("get", "pvc,rc", "-A", "-o", "name");
    expect(left).toBe("");
  });
});
