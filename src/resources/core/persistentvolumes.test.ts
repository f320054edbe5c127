import { describe, expect, it } from "vitest";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { errorLines, parsedAs } from "./kind-objects.test-support.ts";
import { persistentVolumes as pvs } from "./persistentvolumes.ts";

const now = new Date("2025-03-01T12:00:00Z");
const later = new Date("2025-03-01T12:05:00Z");
const ctx = (at: Date) => ({ now: at, user: { name: "admin", groups: [] } });

const nodeAffinity = {
  required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-1"] }] }] },
};

const manifest = {
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: { name: "pv-local", labels: { type: "local" } },
  spec: {
    capacity: { storage: "50Gi" },
    accessModes: ["ReadWriteOnce"],
    storageClassName: "local-storage",
    local: { path: "/mnt/disks/ssd1" },
    nodeAffinity,
    mountOptions: ["noatime"],
    claimRef: { namespace: "shop", name: "data" },
  },
};

const parse = (body: unknown) => parsedAs(pvs, body);

function created(body: unknown = manifest): KubeObject {
  const obj = parse(body);
  pvs.applyDefaults(obj);
  pvs.prepareForCreate(obj, ctx(now));
  return obj;
}

/** spec with these sources instead of the manifest's local one. */
const withSource = (source: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const { local: _, ...rest } = manifest.spec;
  return created({ ...manifest, spec: { ...rest, ...source, ...extra } });
};
const show = errorLines;
const spec = (obj: KubeObject) => obj.spec as Record<string, any>;

describe("persistentvolumes", () => {
  it("has kube's names and is cluster-scoped", () => {
    expect([pvs.plural, pvs.singular, pvs.shortNames, pvs.namespaced]).toEqual(["persistentvolumes", "persistentvolume", ["pv"], false]);
  });

  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
  });

  it("defaults Retain and Filesystem, and starts Pending with the time of the phase", () => {
    const obj = created({ ...manifest, status: { phase: "Bound" } });
    expect(spec(obj).persistentVolumeReclaimPolicy).toBe("Retain");
    expect(spec(obj).volumeMode).toBe("Filesystem");
    expect(obj.status).toEqual({ phase: "Pending", lastPhaseTransitionTime: "2025-03-01T12:00:00Z" });
    expect(pvs.validate(obj)).toEqual([]);
    const rbd = withSource({ rbd: { monitors: ["10.0.0.1:6789"], image: "disk" } });
    expect(spec(rbd).rbd).toEqual({ monitors: ["10.0.0.1:6789"], image: "disk", pool: "rbd", user: "admin", keyring: "/etc/ceph/keyring" });
    expect(spec(withSource({ hostPath: { path: "/data" } })).hostPath).toEqual({ path: "/data", type: "" });
  });

  it("time-stamps a change of phase through /status", () => {
    const old = created();
    const next = cloneJson(old);
    next.status = { phase: "Available" };
    pvs.prepareForUpdate(next, old, ctx(later));
    expect(next.status).toEqual({ phase: "Available", lastPhaseTransitionTime: "2025-03-01T12:05:00Z" });
    const same = cloneJson(old);
    same.status = { phase: "Pending", reason: "Waiting" };
    pvs.prepareForUpdate(same, old, ctx(later));
    expect(same.status).toEqual({ phase: "Pending", reason: "Waiting", lastPhaseTransitionTime: "2025-03-01T12:00:00Z" });
  });

  it("needs a size, access modes and exactly one source", () => {
    const { local: _l, nodeAffinity: _n, capacity: _c, accessModes: _a, ...bare } = manifest.spec;
    expect(show(pvs.validate(created({ ...manifest, spec: bare })))).toEqual([
      "FieldValueRequired spec.accessModes",
      "FieldValueRequired spec.capacity",
      'FieldValueNotSupported spec.capacity: supported values: "storage"',
      "FieldValueRequired spec: must specify a volume type",
    ]);
    expect(show(pvs.validate(withSource({ hostPath: { path: "/a" }, nfs: { server: "nfs", path: "/b" } })))).toEqual([
      "FieldValueForbidden spec.nfs: may not specify more than 1 volume type",
    ]);
    expect(show(pvs.validate(withSource({ csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-1" } }, { capacity: { storage: "0", cpu: "1" } })))).toEqual([
      'FieldValueNotSupported spec.capacity: supported values: "storage"',
      "FieldValueInvalid spec.capacity[storage]: must be greater than zero",
    ]);
  });

  it("checks each common source as kube does", () => {
    expect(show(pvs.validate(withSource({ local: { path: "/mnt/../etc" } }, { nodeAffinity: undefined })))).toEqual([
      "FieldValueInvalid spec.local.path: must not contain '..'",
      "FieldValueRequired spec.nodeAffinity: Local volume requires node affinity",
    ]);
    expect(show(pvs.validate(withSource({ nfs: { path: "exports" } })))).toEqual([
      "FieldValueRequired spec.nfs.server",
      "FieldValueInvalid spec.nfs.path: must be an absolute path",
    ]);
    expect(show(pvs.validate(withSource({ hostPath: { path: "/", type: "Folder" } }, { persistentVolumeReclaimPolicy: "Recycle" })))).toEqual([
      'FieldValueNotSupported spec.hostPath.type: supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      "FieldValueForbidden spec.persistentVolumeReclaimPolicy: may not be 'recycle' for a hostPath mount of '/'",
    ]);
    expect(show(pvs.validate(withSource({ csi: { driver: "csi.example.com", nodePublishSecretRef: { name: "creds" } } })))).toEqual([
      "FieldValueRequired spec.csi.volumeHandle",
      "FieldValueRequired spec.csi.nodePublishSecretRef.namespace",
    ]);
    expect(show(pvs.validate(withSource({ gcePersistentDisk: {} })))).toEqual(["FieldValueRequired spec.persistentDisk.pdName"]);
    expect(show(pvs.validate(withSource({ nfs: { server: "nfs", path: "/x" } }, { persistentVolumeReclaimPolicy: "Keep", volumeMode: "Raw" })))).toEqual([
      'FieldValueNotSupported spec.persistentVolumeReclaimPolicy: supported values: "Delete", "Recycle", "Retain"',
      'FieldValueNotSupported spec.volumeMode: supported values: "Block", "Filesystem"',
    ]);
    expect(show(pvs.validate(withSource({ nfs: { server: "nfs", path: "/x" } }, { volumeAttributesClassName: "gold" })))).toEqual([
      "FieldValueRequired spec.csi: has to be specified when using volumeAttributesClassName",
    ]);
  });

  it("checks the shape of node affinity", () => {
    const bad = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "Near", values: ["a"] }, { key: "rack", operator: "In" }] }] } };
    expect(show(pvs.validate(created({ ...manifest, spec: { ...manifest.spec, nodeAffinity: bad } })))).toEqual([
      "FieldValueInvalid spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].operator: not a valid selector operator",
      "FieldValueRequired spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[1].values: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
    expect(show(pvs.validate(created({ ...manifest, spec: { ...manifest.spec, nodeAffinity: {} } })))).toEqual([
      "FieldValueRequired spec.nodeAffinity.required: must specify required node constraints",
    ]);
  });

  it("keeps the source, volumeMode and node affinity once made; the rest may change", () => {
    const old = created();
    const change = (edit: (n: Record<string, any>) => void) => {
      const next = cloneJson(old) as Record<string, any>;
      edit(next);
      return show(pvs.validateUpdate(next as KubeObject, old));
    };
    expect(change((n) => ((n.spec.capacity.storage = "100Gi"), (n.spec.persistentVolumeReclaimPolicy = "Delete"), delete n.spec.claimRef))).toEqual([]);
    expect(change((n) => (n.spec.local.path = "/mnt/other"))[0]).toMatch(/^FieldValueForbidden spec.persistentvolumesource: spec.persistentvolumesource is immutable after creation\n/);
    expect(change((n) => (n.spec.volumeMode = "Block"))).toEqual(["FieldValueInvalid volumeMode: field is immutable"]);
    expect(change((n) => (n.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values = ["node-2"]))).toEqual([
      "FieldValueInvalid nodeAffinity: field is immutable",
    ]);
    const csi = withSource({ csi: { driver: "csi.example.com", volumeHandle: "v" } });
    const expanded = cloneJson(csi);
    spec(expanded).csi.controllerExpandSecretRef = { name: "s", namespace: "kube-system" };
    expect(pvs.validateUpdate(expanded, csi)).toEqual([]);
  });

  it("prints kube's columns", () => {
    const obj = created();
    obj.metadata.creationTimestamp = "2025-03-01T11:00:00Z";
    expect(pvs.table.columns.map((c) => `${c.name}${c.priority ? "*" : ""}`)).toEqual([
      "Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age", "VolumeMode*",
    ]);
    expect(pvs.table.cells(obj, { now })).toEqual(["pv-local", "50Gi", "RWO", "Retain", "Pending", "shop/data", "local-storage", "<unset>", "", "60m", "Filesystem"]);
  });
});
