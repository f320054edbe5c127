import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { priorityClasses } from "./priorityclasses.ts";

const now = new Date("2025-03-01T12:00:00Z");
const parse = (body: unknown) => priorityClasses.schema.parse(body) as KubeObject;

const manifest = {
  apiVersion: "scheduling.k8s.io/v1",
  kind: "PriorityClass",
  metadata: { name: "high-priority" },
  value: 1000000,
  globalDefault: false,
  description: "For latency-sensitive services.",
  preemptionPolicy: "Never",
};

describe("priorityclasses", () => {
  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
    expect(priorityClasses.validate(parse(manifest))).toEqual([]);
  });

  it("defaults preemptionPolicy and value", () => {
    const obj = parse({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "x" } });
    priorityClasses.applyDefaults(obj);
    expect(obj).toMatchObject({ value: 0, preemptionPolicy: "PreemptLowerPriority" });
  });

  it("rejects what kube rejects, at kube's paths", () => {
    const errorsOf = (patch: object) => priorityClasses.validate(parse({ ...manifest, ...patch }));
    expect(errorsOf({ value: 1000000001 })).toEqual([
      { type: "FieldValueForbidden", field: "value", detail: "maximum allowed value of a user defined priority is 1000000000" },
    ]);
    expect(errorsOf({ preemptionPolicy: "Sometimes" })).toEqual([
      { type: "FieldValueNotSupported", field: "preemptionPolicy", value: "Sometimes", detail: 'supported values: "Never", "PreemptLowerPriority"' },
    ]);
    expect(errorsOf({ metadata: { name: "system-mine" } }).map((e) => [e.type, e.field])).toEqual([["FieldValueForbidden", "metadata.name"]]);
    expect(errorsOf({ metadata: { name: "system-node-critical" }, value: 2000001000 })).toEqual([]);
    const old = parse(manifest);
    expect(priorityClasses.validateUpdate(parse({ ...manifest, value: 5, preemptionPolicy: "PreemptLowerPriority" }), old)).toEqual([
      { type: "FieldValueForbidden", field: "value", detail: "may not be changed in an update." },
      { type: "FieldValueInvalid", field: "preemptionPolicy", value: "PreemptLowerPriority", detail: "field is immutable" },
    ]);
  });

  it("prints NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY", () => {
    const obj = parse(manifest);
    obj.metadata.creationTimestamp = "2025-03-01T11:00:00Z";
    expect(priorityClasses.table.columns.map((c) => c.name)).toEqual(["Name", "Value", "Global-Default", "Age", "PreemptionPolicy"]);
    expect(priorityClasses.table.cells(obj, { now })).toEqual(["high-priority", 1000000, false, "60m", "Never"]);
  });
});
