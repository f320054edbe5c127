import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { resourceQuotas } from "./resourcequotas.ts";

const now = new Date("2025-03-01T12:00:00Z");
const parse = (body: unknown) => resourceQuotas.schema.parse(body) as KubeObject;

const manifest = {
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "compute", namespace: "team-a" },
  spec: {
    hard: { "requests.cpu": "2", "requests.memory": "4Gi", "limits.cpu": "4", pods: "10" },
    scopes: ["NotTerminating"],
    scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }] },
  },
  status: { hard: { "requests.cpu": "2", "limits.cpu": "4", pods: "10" }, used: { "requests.cpu": "500m", pods: "3" } },
};

describe("resourcequotas", () => {
  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
    expect(resourceQuotas.validate(parse(manifest))).toEqual([]);
  });

  it("rejects what kube rejects, at kube's paths", () => {
    const errorsOf = (spec: unknown) => resourceQuotas.validate(parse({ ...manifest, status: undefined, spec }));
    expect(errorsOf({ hard: { cpu: "-1" } })).toEqual([
      { type: "FieldValueInvalid", field: "spec.hard[cpu]", value: "-1", detail: "must be greater than or equal to 0" },
    ]);
    expect(errorsOf({ scopes: ["Sometimes"] })).toEqual([{ type: "FieldValueInvalid", field: "spec.scopes", value: "Sometimes", detail: "unsupported scope" }]);
    expect(errorsOf({ scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In" }] } }).map((e) => e.field)).toEqual([
      "spec.scopeSelector.matchExpressions[0].values",
    ]);
    expect(resourceQuotas.schema.safeParse({ ...manifest, spec: { hard: { cpu: "lots" } } }).success).toBe(false);
  });

  it("prints NAME REQUEST LIMIT AGE with used/hard", () => {
    const obj = parse(manifest);
    obj.metadata.creationTimestamp = "2025-03-01T11:55:00Z";
    expect(resourceQuotas.table.columns.map((c) => c.name)).toEqual(["Name", "Request", "Limit", "Age"]);
    expect(resourceQuotas.table.cells(obj, { now })).toEqual(["compute", "pods: 3/10, requests.cpu: 500m/2", "limits.cpu: 0/4", "5m"]);
    expect(resourceQuotas.table.cells(parse({ ...manifest, status: undefined }), { now }).slice(1, 3)).toEqual(["", ""]);
  });
});
