import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { configMaps } from "../../resources/core/configmaps.ts";
import { capUpdateManagers } from "./cap-update-managers.ts";
import { applyConfiguration, recordUpdate } from "./field-manager.ts";
import { FieldSet } from "./field-set.ts";
import type { ManagerEntry } from "./managed-fields.ts";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const cm = (data: Record<string, string>, managedFields?: unknown): KubeObject =>
  ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", managedFields }, data }) as KubeObject;

describe("at most 10 Update managers", () => {
  it("merges the oldest updaters into ancient-changes, with the newest merged time, when an 11th writes", () => {
    let obj: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" } };
    for (let i = 0; i < 11; i++) {
      const next = cm({ ...(obj.data as Record<string, string> | undefined), [`k${i}`]: "v" });
      next.metadata.managedFields = recordUpdate(configMaps, obj, next, { manager: `m${String(i).padStart(2, "0")}`, apiVersion: "v1", now: at(i) });
      obj = next;
    }
    const entries = obj.metadata.managedFields as any[];
    expect(entries.map((e) => [e.manager, e.time])).toEqual([
      ["ancient-changes", "2026-01-01T00:00:01Z"],
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => [`m${String(i).padStart(2, "0")}`, `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`]),
    ]);
    expect(entries[0]).toEqual({
      manager: "ancient-changes",
      operation: "Update",
      apiVersion: "v1",
      time: "2026-01-01T00:00:01Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:data": { ".": {}, "f:k0": {}, "f:k1": {} } },
    });
  });

  it("never counts appliers, and keeps versions apart (a version with one old entry is left)", () => {
    const entry = (manager: string, apiVersion: string, s: number, operation: "Update" | "Apply" = "Update"): ManagerEntry => ({
      manager,
      operation,
      apiVersion,
      time: at(s).toISOString(),
      set: FieldSet.fromPaths([["f:data", `f:${manager}`]]),
    });
    const entries = [entry("old-v1beta1", "v1beta1", 0), entry("a", "v1", 1), entry("b", "v1", 2), ...Array.from({ length: 9 }, (_, i) => entry(`n${i}`, "v1", 10 + i))];
    entries.push(entry("applier", "v1", 0, "Apply"));
    capUpdateManagers(entries);
    const names = entries.map((e) => e.manager).sort();
    // 12 updaters: old-v1beta1 is alone in its version; a and b merge, then a third is needed: n0 joins.
    expect(names).toEqual(["ancient-changes", "applier", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "old-v1beta1"]);
    const bucket = entries.find((e) => e.manager === "ancient-changes")!;
    expect(bucket.set.paths().map((p) => p.join("."))).toEqual(["f:data.f:a", "f:data.f:b", "f:data.f:n0"]);
    expect(bucket.time).toBe(at(10).toISOString());
  });

  it("leaves ten alone and does not cap on apply", () => {
    const entries = Array.from({ length: 10 }, (_, i): ManagerEntry => ({ manager: `m${i}`, operation: "Update", apiVersion: "v1", time: at(i).toISOString(), set: FieldSet.fromPaths([["f:data", `f:${i}`]]) }));
    expect(capUpdateManagers([...entries])).toHaveLength(10);
    const many = cm({ a: "1" }, [
      ...Array.from({ length: 11 }, (_, i) => ({ manager: `m${i}`, operation: "Update", apiVersion: "v1", time: at(i).toISOString(), fieldsType: "FieldsV1", fieldsV1: { "f:data": { [`f:x${i}`]: {} } } })),
    ]);
    const result = applyConfiguration(configMaps, many, cm({ a: "1" }), { manager: "kubectl", apiVersion: "v1", now: at(30), force: false, describe: "ns/cm" });
    expect(result.ok && (result.object.metadata.managedFields as any[]).filter((e) => e.operation === "Update")).toHaveLength(11);
  });
});
