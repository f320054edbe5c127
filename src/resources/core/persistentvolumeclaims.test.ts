import { describe, expect, it } from "vitest";
import type { FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { errorLines, parsedAs } from "./kind-objects.test-support.ts";
import { persistentVolumeClaims as pvcs } from "./persistentvolumeclaims.ts";

const now = new Date("2025-03-01T12:00:00Z");

const manifest = {
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name: "data", namespace: "shop", labels: { app: "db" } },
  spec: {
    accessModes: ["ReadWriteOnce"],
    resources: { requests: { storage: "10Gi" }, limits: { storage: "20Gi" } },
    storageClassName: "fast",
    selector: { matchLabels: { tier: "ssd" } },
  },
};

const parse = (body: unknown) => parsedAs(pvcs, body);

/** As the create flow leaves it: defaulted and prepared. */
function created(body: unknown = manifest): KubeObject {
  const obj = parse(body);
  pvcs.applyDefaults(obj);
  pvcs.prepareForCreate(obj);
  return obj;
}

const withSpec = (spec: Record<string, unknown>) => created({ ...manifest, spec: { ...manifest.spec, ...spec } });
const show = errorLines;
const spec = (obj: KubeObject) => obj.spec as Record<string, any>;

function updated(old: KubeObject, change: (next: Record<string, any>) => void): FieldError[] {
  const next = cloneJson(old) as Record<string, any>;
  change(next);
  pvcs.applyDefaults(next as KubeObject);
  return pvcs.validateUpdate(next as KubeObject, old);
}

describe("persistentvolumeclaims", () => {
  it("has kube's names", () => {
    expect([pvcs.plural, pvcs.singular, pvcs.shortNames, pvcs.namespaced, "categories" in pvcs]).toEqual(["persistentvolumeclaims", "persistentvolumeclaim", ["pvc"], true, false]);
  });

  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
  });

  it("defaults volumeMode to Filesystem and starts Pending, whatever status the body sent", () => {
    const obj = created({ ...manifest, status: { phase: "Bound", capacity: { storage: "10Gi" } } });
    expect(spec(obj).volumeMode).toBe("Filesystem");
    expect(obj.status).toEqual({ phase: "Pending" });
    expect(pvcs.validate(obj)).toEqual([]);
  });

  it("fills dataSourceRef from dataSource and back, as kube normalizes them", () => {
    expect(spec(withSpec({ dataSource: { kind: "PersistentVolumeClaim", name: "src" } })).dataSourceRef).toEqual({ kind: "PersistentVolumeClaim", name: "src" });
    const ref = { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap", namespace: "other" };
    expect(spec(withSpec({ dataSourceRef: ref })).dataSource).toEqual({ apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap" });
    expect(spec(withSpec({ dataSourceRef: ref })).dataSourceRef.namespace).toBeUndefined();
  });

  it("rejects what kube rejects, at kube's paths", () => {
    expect(show(pvcs.validate(created({ ...manifest, spec: {} })))).toEqual([
      "FieldValueRequired spec.accessModes: at least 1 access mode is required",
      "FieldValueRequired spec.resources[storage]",
    ]);
    expect(show(pvcs.validate(withSpec({ accessModes: ["ReadWriteOncePod", "ReadWriteOnce", "WriteSometimes"], volumeMode: "Raw" })))).toEqual([
      'FieldValueNotSupported spec.accessModes: supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      "FieldValueForbidden spec.accessModes: may not use ReadWriteOncePod with other access modes",
      'FieldValueNotSupported spec.volumeMode: supported values: "Block", "Filesystem"',
    ]);
    expect(pvcs.validate(withSpec({ resources: { requests: { storage: "0" } } }))).toEqual([
      { type: "FieldValueInvalid", field: "spec.resources[storage]", value: "0", detail: "must be greater than zero" },
    ]);
    expect(show(pvcs.validate(withSpec({ storageClassName: "Fast_Disks" })))[0]).toMatch(/^FieldValueInvalid spec.storageClassName: a lowercase RFC 1123 subdomain/);
    expect(show(pvcs.validate(withSpec({ dataSource: { kind: "VolumeSnapshot", name: "s" } })))).toEqual([
      "FieldValueInvalid spec.dataSource: must be 'PersistentVolumeClaim' when referencing the default apiGroup",
      "FieldValueInvalid spec.dataSourceRef: must be 'PersistentVolumeClaim' when referencing the default apiGroup",
    ]);
    const mismatched = created({ ...manifest, spec: { ...manifest.spec, dataSource: { kind: "PersistentVolumeClaim", name: "a" } } });
    spec(mismatched).dataSourceRef = { kind: "PersistentVolumeClaim", name: "b" };
    expect(show(pvcs.validate(mismatched))).toEqual(["FieldValueInvalid spec: must match dataSourceRef"]);
  });

  it("keeps the spec immutable except binding once, a bound claim's size and its attributes class", () => {
    const old = created();
    expect(updated(old, (n) => (n.spec.volumeName = "pv-1"))).toEqual([]);
    expect(updated(old, (n) => (n.spec.volumeAttributesClassName = "gold"))).toEqual([]);
    const grown = updated(old, (n) => (n.spec.resources.requests.storage = "20Gi"));
    expect(show(grown)).toHaveLength(1);
    expect(grown[0].detail).toMatch(/^spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/);
    expect(grown[0].detail).toContain('+   resources: {"limits":{"storage":"20Gi"},"requests":{"storage":"20Gi"}},');

    const bound = cloneJson(old);
    spec(bound).volumeName = "pv-1";
    bound.status = { phase: "Bound", capacity: { storage: "10Gi" } };
    expect(updated(bound, (n) => (n.spec.resources.requests.storage = "20Gi"))).toEqual([]);
    expect(updated(bound, (n) => (n.spec.resources.requests.storage = "10240Mi"))).toEqual([]);
    expect(show(updated(bound, (n) => (n.spec.resources.requests.storage = "5Gi")))).toEqual([
      "FieldValueForbidden spec.resources.requests.storage: field can not be less than status.capacity",
    ]);
    expect(show(updated(bound, (n) => (n.spec.volumeName = "pv-2")))).toEqual([expect.stringMatching(/^FieldValueForbidden spec: spec is immutable/)]);
    expect(show(updated(old, (n) => (n.spec.volumeMode = "Block")))).toEqual([
      expect.stringMatching(/^FieldValueForbidden spec: spec is immutable/),
      "FieldValueInvalid volumeMode: field is immutable",
    ]);
    const classed = created({ ...manifest, spec: { ...manifest.spec, volumeAttributesClassName: "gold" } });
    expect(show(updated(classed, (n) => delete n.spec.volumeAttributesClassName))).toEqual([
      "FieldValueForbidden spec.volumeAttributesClassName: update from non-nil value to nil is forbidden",
    ]);
  });

  it("lets a claim without a class get one once", () => {
    const old = created({ ...manifest, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } });
    expect(updated(old, (n) => (n.spec.storageClassName = "standard"))).toEqual([]);
    expect(show(updated(created(), (n) => (n.spec.storageClassName = "slow")))).toEqual([expect.stringMatching(/^FieldValueForbidden spec: /)]);
  });

  it("prints kube's columns: capacity and access modes of the bound volume only", () => {
    const obj = created();
    obj.metadata.creationTimestamp = "2025-03-01T11:58:00Z";
    expect(pvcs.table.columns.map((c) => `${c.name}${c.priority ? "*" : ""}`)).toEqual([
      "Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode*",
    ]);
    expect(pvcs.table.cells(obj, { now })).toEqual(["data", "Pending", "", "", "", "fast", "<unset>", "2m", "Filesystem"]);
    spec(obj).volumeName = "pv-1";
    obj.status = { phase: "Bound", capacity: { storage: "10Gi" }, accessModes: ["ReadWriteMany", "ReadWriteOnce", "ReadOnlyMany"] };
    obj.metadata.annotations = { "volume.beta.kubernetes.io/storage-class": "legacy" };
    expect(pvcs.table.cells(obj, { now }).slice(1, 6)).toEqual(["Bound", "pv-1", "10Gi", "RWO,ROX,RWX", "legacy"]);
    obj.metadata.deletionTimestamp = "2025-03-01T11:59:00Z";
    expect(pvcs.table.cells(obj, { now })[1]).toBe("Terminating");
  });

  it("refuses a resize state kube does not know", () => {
    const obj = created();
    obj.status = { phase: "Bound", allocatedResourceStatuses: { storage: "Resizing" } };
    expect(show(pvcs.validate(obj))).toEqual([
      'FieldValueNotSupported status.allocatedResourceStatus: supported values: "ControllerResizeFailed", "ControllerResizeInProgress", "NodeResizeFailed", "NodeResizeInProgress", "NodeResizePending"',
    ]);
  });
});
