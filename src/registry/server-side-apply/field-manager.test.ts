import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { deployments } from "../../resources/apps/deployments.ts";
import { configMaps } from "../../resources/core/configmaps.ts";
import { applyConfiguration, recordUpdate, type ManagerContext } from "./field-manager.ts";

const now = new Date("2026-01-02T03:04:05.678Z");
const ctx = (manager: string, extra: Partial<ManagerContext> = {}): ManagerContext => ({ manager, apiVersion: "v1", now, ...extra });
const apply = (live: KubeObject | undefined, config: KubeObject, manager: string, force = false) =>
  applyConfiguration(configMaps, live, config, { ...ctx(manager), force, describe: "ns/cm; /v1, Kind=ConfigMap" });
const cm = (data: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", ...extra }, data });

function ok(result: ReturnType<typeof apply>): KubeObject {
  if (!result.ok) throw new Error(JSON.stringify(result.status));
  return result.object;
}

describe("recordUpdate", () => {
  it("gives a created object's fields to its manager", () => {
    const obj = cm({ a: "1" }, { labels: { app: "x" }, uid: "u", creationTimestamp: "t" });
    expect(recordUpdate(configMaps, undefined, obj, ctx("kubectl-create"))).toEqual([
      {
        manager: "kubectl-create",
        operation: "Update",
        apiVersion: "v1",
        time: "2026-01-02T03:04:05Z",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:data": { ".": {}, "f:a": {} }, "f:metadata": { "f:labels": { ".": {}, "f:app": {} } } },
      },
    ]);
  });

  it("moves changed fields to the updater and keeps the stored entries when nothing changed", () => {
    const first = cm({ a: "1", b: "2" });
    first.metadata.managedFields = recordUpdate(configMaps, undefined, first, ctx("one"));
    const second = cm({ a: "9", b: "2" });
    const fields = recordUpdate(configMaps, first, second, ctx("two", { now: new Date("2026-01-02T04:00:00Z") }));
    expect(fields?.map((e: any) => [e.manager, e.fieldsV1])).toEqual([
      ["one", { "f:data": { ".": {}, "f:b": {} } }],
      ["two", { "f:data": { "f:a": {} } }],
    ]);
    const unchanged = cm({ a: "1", b: "2" });
    expect(recordUpdate(configMaps, first, unchanged, ctx("three"))).toBe(first.metadata.managedFields);
  });

  it("records a status write under the status subresource, and never status on the main resource", () => {
    const old = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { replicas: 1 } } as KubeObject;
    const next = { ...old, status: { replicas: 1 } } as KubeObject;
    const entries = recordUpdate(deployments, old, next, { manager: "ctrl", apiVersion: "apps/v1", now, subresource: "status" });
    expect(entries).toMatchObject([{ manager: "ctrl", subresource: "status", fieldsV1: { "f:status": { "f:replicas": {} } } }]);
    expect(recordUpdate(deployments, old, next, { manager: "ctrl", apiVersion: "apps/v1", now })).toBeUndefined();
  });
});

describe("applyConfiguration", () => {
  it("creates, then shares fields applied with equal values, and conflicts on a change", () => {
    const created = ok(apply(undefined, cm({ a: "1" }), "alice"));
    expect(created.data).toEqual({ a: "1" });
    expect(created.metadata.managedFields).toEqual([
      { manager: "alice", operation: "Apply", apiVersion: "v1", time: "2026-01-02T03:04:05Z", fieldsType: "FieldsV1", fieldsV1: { "f:data": { "f:a": {} } } },
    ]);
    const shared = ok(apply(created, cm({ a: "1" }), "bob"));
    expect(shared.metadata.managedFields?.map((e: any) => e.manager)).toEqual(["alice", "bob"]);
    const refused = apply(shared, cm({ a: "2" }), "bob");
    expect(refused).toEqual({
      ok: false,
      status: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: 'Apply failed with 1 conflict: conflict with "alice": .data.a',
        reason: "Conflict",
        details: { causes: [{ reason: "FieldManagerConflict", message: 'conflict with "alice"', field: ".data.a" }] },
        code: 409,
      },
    });
  });

  it("takes ownership with force, and removes a field its applier dropped when no one else owns it", () => {
    const created = ok(apply(undefined, cm({ a: "1", b: "2" }), "alice"));
    const forced = ok(apply(created, cm({ a: "3" }), "bob", true));
    expect(forced.data).toEqual({ a: "3", b: "2" });
    expect(forced.metadata.managedFields?.map((e: any) => [e.manager, e.fieldsV1])).toEqual([
      ["alice", { "f:data": { "f:b": {} } }],
      ["bob", { "f:data": { "f:a": {} } }],
    ]);
    // An empty map applied is itself owned (kube's ToFieldSet makes `data: {}` a member).
    const emptied = ok(apply(forced, cm({}), "alice"));
    expect(emptied.data).toEqual({ a: "3" });
    expect(emptied.metadata.managedFields?.map((e: any) => [e.manager, e.fieldsV1])).toEqual([
      ["alice", { "f:data": {} }],
      ["bob", { "f:data": { "f:a": {} } }],
    ]);
    const dropped = ok(apply(forced, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" } }, "alice"));
    expect(dropped.data).toEqual({ a: "3" });
    expect(dropped.metadata.managedFields?.map((e: any) => e.manager)).toEqual(["bob"]);
  });

  it("lists several conflicts by manager", () => {
    let obj = ok(apply(undefined, cm({ a: "1" }), "alice"));
    obj = { ...obj, metadata: { ...obj.metadata, managedFields: [...obj.metadata.managedFields!, ...recordUpdate(configMaps, obj, { ...obj, data: { a: "1", b: "1" } }, ctx("kubectl-edit"))!.slice(1)] } };
    obj.data = { a: "1", b: "1" };
    const refused = apply(obj, cm({ a: "2", b: "2" }), "carol");
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.status.message).toBe('Apply failed with 2 conflicts: conflicts with "alice":\n- .data.a\nconflicts with "kubectl-edit" using v1:\n- .data.b');
  });

  it("merges list items by key, keeping items others added, and defaults key fields", () => {
    const base = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { template: { spec: { containers: [{ name: "a", image: "a:1", ports: [{ containerPort: 80 }] }] } } },
    } as KubeObject;
    const dctx = { manager: "kubectl", apiVersion: "apps/v1", now, force: false, describe: "ns/d; apps/v1, Kind=Deployment" };
    const created = applyConfiguration(deployments, undefined, base, dctx);
    if (!created.ok) throw new Error(JSON.stringify(created.status));
    const fields = created.object.metadata.managedFields![0] as any;
    expect(fields.fieldsV1["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"a"}']["f:ports"]).toEqual({
      'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} },
    });
    const live = structuredClone(created.object) as any;
    live.spec.template.spec.containers[0].ports[0].protocol = "TCP";
    live.spec.template.spec.containers.push({ name: "injected", image: "x" });
    const again = structuredClone(base) as any;
    again.spec.template.spec.containers.unshift({ name: "b", image: "b:1" });
    const merged = applyConfiguration(deployments, live, again, dctx);
    if (!merged.ok) throw new Error(JSON.stringify(merged.status));
    expect((merged.object as any).spec.template.spec.containers.map((c: any) => c.name)).toEqual(["b", "a", "injected"]);
    expect((merged.object as any).spec.template.spec.containers[1].ports).toEqual([{ containerPort: 80, protocol: "TCP" }]);
  });

  it("refuses fields the schema does not declare as kube's typed conversion does", () => {
    const result = apply(undefined, { ...cm({}), spec: { x: 1 } } as KubeObject, "alice");
    expect(result).toMatchObject({ ok: false, status: { code: 500, message: "failed to create typed patch object (ns/cm; /v1, Kind=ConfigMap): .spec: field not declared in schema" } });
  });
});
