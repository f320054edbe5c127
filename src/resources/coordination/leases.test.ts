import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { leases } from "./leases.ts";

const now = new Date("2025-03-01T12:00:00Z");

function parse(body: unknown): KubeObject {
  const result = leases.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

const manifest = {
  apiVersion: "coordination.k8s.io/v1",
  kind: "Lease",
  metadata: { name: "kube-scheduler", namespace: "kube-system" },
  spec: {
    holderIdentity: "node-1_1b7c5f0e",
    leaseDurationSeconds: 15,
    acquireTime: "2025-03-01T11:00:00.000000Z",
    renewTime: "2025-03-01T11:59:58.123456Z",
    leaseTransitions: 3,
    strategy: "OldestEmulationVersion",
    preferredHolder: "node-2",
  },
};

const errorsOf = (spec: Record<string, unknown>) => leases.validate(parse({ ...manifest, spec }));

describe("leases", () => {
  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
    expect(leases.validate(parse(manifest))).toEqual([]);
  });

  it("always has a spec", () => {
    const obj = parse({ ...manifest, spec: undefined });
    leases.applyDefaults(obj);
    expect(obj.spec).toEqual({});
  });

  it("rejects what kube rejects, at kube's paths", () => {
    expect(errorsOf({ leaseDurationSeconds: 0 })).toEqual([
      { type: "FieldValueInvalid", field: "spec.leaseDurationSeconds", value: 0, detail: "must be greater than 0" },
    ]);
    expect(errorsOf({ leaseTransitions: -1 })).toEqual([
      { type: "FieldValueInvalid", field: "spec.leaseTransitions", value: -1, detail: "must be greater than or equal to 0" },
    ]);
    expect(errorsOf({ strategy: "Newest" })).toEqual([
      { type: "FieldValueNotSupported", field: "spec.strategy.strategy", value: "Newest", detail: 'supported values: "OldestEmulationVersion"' },
    ]);
    expect(errorsOf({ strategy: "example.com/mine" })).toEqual([]);
    expect(errorsOf({ strategy: "a/b/c" }).map((e) => e.field)).toEqual(["spec.strategy.strategy"]);
    expect(errorsOf({ preferredHolder: "node-2" })).toEqual([
      { type: "FieldValueForbidden", field: "spec.preferredHolder", detail: "may only be specified if `strategy` is defined" },
    ]);
    expect(leases.schema.safeParse({ ...manifest, spec: { leaseDurationSeconds: 1.5 } }).success).toBe(false);
  });

  it("prints NAME HOLDER AGE", () => {
    const obj = parse(manifest);
    obj.metadata.creationTimestamp = "2025-03-01T11:58:00Z";
    expect(leases.table.columns.map((c) => c.name)).toEqual(["Name", "Holder", "Age"]);
    expect(leases.table.cells(obj, { now })).toEqual(["kube-scheduler", "node-1_1b7c5f0e", "2m"]);
    expect(leases.table.cells(parse({ ...manifest, spec: {} }), { now })[1]).toBe("");
  });
});
