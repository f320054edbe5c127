import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { decodeEnvelope, encodeEnvelope } from "../../api/protobuf/envelope.ts";
import { decodeKubeObject, encodeKubeObject } from "../../api/protobuf/kube-object.ts";
import { WireType, WireWriter } from "../../api/protobuf/wire.ts";
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

describe("poddisruptionbudgets in protobuf", () => {
  const msg = (build: (w: WireWriter) => void): Uint8Array => {
    const w = new WireWriter();
    build(w);
    return w.finish();
  };
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
  const typeMeta = { apiVersion: "policy/v1", kind: "PodDisruptionBudget" };
  /** intstr.IntOrString {type = 1 (0 int, 1 string), intVal = 2, strVal = 3}, every field written as Go does. */
  const intOrString = (value: number | string) =>
    msg((w) => {
      const isString = typeof value === "string";
      w.tag(1, WireType.varint).int64(isString ? 1 : 0).tag(2, WireType.varint).int32(isString ? 0 : value).tag(3, WireType.bytes).string(isString ? value : "");
    });
  /** meta/v1 Time {seconds = 1, nanos = 2}. */
  const time = (text: string) => msg((w) => w.tag(1, WireType.varint).int64(Date.parse(text) / 1000).tag(2, WireType.varint).int32(0));

  const object = {
    ...typeMeta,
    metadata: { name: "web", namespace: "shop" },
    spec: { minAvailable: "50%", selector: { matchLabels: { app: "web" } }, maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow" },
    status: {
      observedGeneration: 2,
      disruptedPods: { "web-1": "2025-03-01T11:59:00Z" },
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 4,
      conditions: [{ type: "DisruptionAllowed", status: "True", observedGeneration: 2, lastTransitionTime: "2025-03-01T11:00:00Z", reason: "SufficientPods", message: "ok" }],
    },
  };
  // k8s.io/api policy/v1 generated.proto: PodDisruptionBudgetSpec {minAvailable = 1 (IntOrString), selector = 2,
  // maxUnavailable = 3 (IntOrString), unhealthyPodEvictionPolicy = 4}; PodDisruptionBudgetStatus {observedGeneration = 1
  // (int64), disruptedPods = 2 (map<string, Time>), disruptionsAllowed = 3, currentHealthy = 4, desiredHealthy = 5,
  // expectedPods = 6, conditions = 7}; meta/v1 Condition {type = 1, status = 2, observedGeneration = 3,
  // lastTransitionTime = 4, reason = 5, message = 6}; LabelSelector {matchLabels = 1}.
  const wire = msg((w) => {
    w.tag(1, WireType.bytes).bytes(msg((m) => m.tag(1, WireType.bytes).string("web").tag(3, WireType.bytes).string("shop")));
    const selector = msg((sel) => sel.tag(1, WireType.bytes).bytes(msg((e) => e.tag(1, WireType.bytes).string("app").tag(2, WireType.bytes).string("web"))));
    const spec = msg((s) => {
      s.tag(1, WireType.bytes).bytes(intOrString("50%"));
      s.tag(2, WireType.bytes).bytes(selector);
      s.tag(3, WireType.bytes).bytes(intOrString(1));
      s.tag(4, WireType.bytes).string("AlwaysAllow");
    });
    const condition = msg((c) => {
      c.tag(1, WireType.bytes).string("DisruptionAllowed").tag(2, WireType.bytes).string("True").tag(3, WireType.varint).int64(2);
      c.tag(4, WireType.bytes).bytes(time("2025-03-01T11:00:00Z"));
      c.tag(5, WireType.bytes).string("SufficientPods").tag(6, WireType.bytes).string("ok");
    });
    const status = msg((st) => {
      st.tag(1, WireType.varint).int64(2);
      st.tag(2, WireType.bytes).bytes(msg((e) => e.tag(1, WireType.bytes).string("web-1").tag(2, WireType.bytes).bytes(time("2025-03-01T11:59:00Z"))));
      st.tag(3, WireType.varint).int32(1).tag(4, WireType.varint).int32(3).tag(5, WireType.varint).int32(2).tag(6, WireType.varint).int32(4);
      st.tag(7, WireType.bytes).bytes(condition);
    });
    w.tag(2, WireType.bytes).bytes(spec).tag(3, WireType.bytes).bytes(status);
  });

  it("writes kube's field numbers and wire types", () => {
    const envelope = decodeEnvelope(encodeKubeObject(object, podDisruptionBudgets));
    if (!envelope.ok) throw new Error(envelope.error);
    expect(hex(envelope.envelope.raw)).toBe(hex(wire));
  });

  it("reads what client-go writes, zero counts included", () => {
    expect(decodeKubeObject(encodeEnvelope(typeMeta, wire), podDisruptionBudgets)).toEqual({ ok: true, object });
    // The counts are plain int32s without omitempty (kube shows their zeros); observedGeneration is omitempty.
    const zeros = msg((w) => w.tag(3, WireType.bytes).bytes(msg((st) => [1, 3, 4, 5, 6].forEach((n) => st.tag(n, WireType.varint).int32(0)))));
    const status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
    expect(decodeKubeObject(encodeEnvelope(typeMeta, zeros), podDisruptionBudgets)).toEqual({ ok: true, object: { ...typeMeta, status } });
  });
});
