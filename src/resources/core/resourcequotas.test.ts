import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { decodeEnvelope, encodeEnvelope } from "../../api/protobuf/envelope.ts";
import { decodeKubeObject, encodeKubeObject } from "../../api/protobuf/kube-object.ts";
import { WireType, WireWriter } from "../../api/protobuf/wire.ts";
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

describe("resourcequotas in protobuf", () => {
  const msg = (build: (w: WireWriter) => void): Uint8Array => {
    const w = new WireWriter();
    build(w);
    return w.finish();
  };
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
  /** A ResourceList entry: map<string, Quantity> {key = 1, value = 2 {string = 1}}. */
  const quantityEntry = (w: WireWriter, field: number, name: string, value: string) =>
    w.tag(field, WireType.bytes).bytes(msg((e) => e.tag(1, WireType.bytes).string(name).tag(2, WireType.bytes).bytes(msg((q) => q.tag(1, WireType.bytes).string(value)))));

  const object = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "compute", namespace: "team-a" },
    spec: {
      hard: { "limits.cpu": "4", pods: "10" },
      scopes: ["NotTerminating", "NotBestEffort"],
      scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }] },
    },
    status: { hard: { pods: "10" }, used: { pods: "3" } },
  };
  // k8s.io/api core/v1 generated.proto: ResourceQuota {metadata = 1, spec = 2, status = 3};
  // ResourceQuotaSpec {hard = 1, scopes = 2, scopeSelector = 3}; ScopeSelector {matchExpressions = 1};
  // ScopedResourceSelectorRequirement {scopeName = 1, operator = 2, values = 3}; ResourceQuotaStatus {hard = 1, used = 2}.
  const wire = msg((w) => {
    w.tag(1, WireType.bytes).bytes(msg((m) => m.tag(1, WireType.bytes).string("compute").tag(3, WireType.bytes).string("team-a")));
    const requirement = msg((r) => r.tag(1, WireType.bytes).string("PriorityClass").tag(2, WireType.bytes).string("In").tag(3, WireType.bytes).string("high"));
    const spec = msg((s) => {
      quantityEntry(s, 1, "limits.cpu", "4");
      quantityEntry(s, 1, "pods", "10");
      s.tag(2, WireType.bytes).string("NotTerminating").tag(2, WireType.bytes).string("NotBestEffort");
      s.tag(3, WireType.bytes).bytes(msg((sel) => sel.tag(1, WireType.bytes).bytes(requirement)));
    });
    w.tag(2, WireType.bytes).bytes(spec);
    w.tag(3, WireType.bytes).bytes(msg((st) => quantityEntry(quantityEntry(st, 1, "pods", "10"), 2, "pods", "3")));
  });

  it("writes kube's field numbers and wire types", () => {
    const envelope = decodeEnvelope(encodeKubeObject(object, resourceQuotas));
    if (!envelope.ok) throw new Error(envelope.error);
    expect(hex(envelope.envelope.raw)).toBe(hex(wire));
  });

  it("reads what client-go writes", () => {
    expect(decodeKubeObject(encodeEnvelope({ apiVersion: "v1", kind: "ResourceQuota" }, wire), resourceQuotas)).toEqual({ ok: true, object });
  });
});
