import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { podDisruptionBudgets } from "./poddisruptionbudgets.ts";

const now = new Date("2025-03-01T12:00:00Z");
const parse = (body: unknown) => podDisruptionBudgets.schema.parse(body) as KubeObject;

const manifest = {
  apiVersion: "policy/v1",
  kind: "PodDisruptionBudget",
  metadata: { name: "web", namespace: "shop" },
  spec: { minAvailable: "50%", selector: { matchLabels: { app: "web" } }, unhealthyPodEvictionPolicy: "AlwaysAllow" },
  status: {
    observedGeneration: 2,
    disruptedPods: { "web-1": "2025-03-01T11:59:00Z" },
    disruptionsAllowed: 1,
    currentHealthy: 3,
    desiredHealthy: 2,
    expectedPods: 3,
    conditions: [{ type: "DisruptionAllowed", status: "True", reason: "SufficientPods", message: "", observedGeneration: 2, lastTransitionTime: "2025-03-01T11:00:00Z" }],
  },
};

describe("poddisruptionbudgets", () => {
  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
    expect(podDisruptionBudgets.validate(parse(manifest))).toEqual([]);
  });

  it("starts with zeroed status", () => {
    const obj = parse({ ...manifest, status: undefined });
    podDisruptionBudgets.prepareForCreate(obj);
    expect(obj.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
  });

  it("rejects what kube rejects, at kube's paths", () => {
    const errorsOf = (spec: object) => podDisruptionBudgets.validate(parse({ ...manifest, status: undefined, spec }));
    expect(errorsOf({ minAvailable: 1, maxUnavailable: 1 })).toEqual([
      { type: "FieldValueInvalid", field: "spec", value: { minAvailable: 1, maxUnavailable: 1 }, detail: "minAvailable and maxUnavailable cannot be both set" },
    ]);
    expect(errorsOf({ maxUnavailable: -1 })).toEqual([
      { type: "FieldValueInvalid", field: "spec.maxUnavailable", value: -1, detail: "must be greater than or equal to 0" },
    ]);
    expect(errorsOf({ minAvailable: "150%" })).toEqual([{ type: "FieldValueInvalid", field: "spec.minAvailable", value: "150%", detail: "must not be greater than 100%" }]);
    expect(errorsOf({ unhealthyPodEvictionPolicy: "Never" }).map((e) => e.field)).toEqual(["spec.unhealthyPodEvictionPolicy"]);
  });

  it("prints NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE", () => {
    const obj = parse(manifest);
    obj.metadata.creationTimestamp = "2025-02-28T12:00:00Z";
    expect(podDisruptionBudgets.table.columns.map((c) => c.name)).toEqual(["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"]);
    expect(podDisruptionBudgets.table.cells(obj, { now })).toEqual(["web", "50%", "N/A", 1, "24h"]);
  });
});
