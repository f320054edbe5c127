import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { decodeEnvelope, encodeEnvelope } from "../../api/protobuf/envelope.ts";
import { decodeKubeObject, encodeKubeObject } from "../../api/protobuf/kube-object.ts";
import { WireType, WireWriter } from "../../api/protobuf/wire.ts";
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

describe("priorityclasses in protobuf", () => {
  const msg = (build: (w: WireWriter) => void): Uint8Array => {
    const w = new WireWriter();
    build(w);
    return w.finish();
  };
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
  const typeMeta = { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass" };

  // k8s.io/api scheduling/v1 generated.proto: PriorityClass {metadata = 1, value = 2 (int32),
  // globalDefault = 3 (bool), description = 4, preemptionPolicy = 5}.
  const wire = msg((w) => {
    w.tag(1, WireType.bytes).bytes(msg((m) => m.tag(1, WireType.bytes).string("high-priority")));
    w.tag(2, WireType.varint).int32(1000000);
    w.tag(3, WireType.varint).bool(true);
    w.tag(4, WireType.bytes).string("For latency-sensitive services.");
    w.tag(5, WireType.bytes).string("Never");
  });
  const object = { ...typeMeta, metadata: { name: "high-priority" }, value: 1000000, globalDefault: true, description: "For latency-sensitive services.", preemptionPolicy: "Never" };

  it("writes kube's field numbers and wire types", () => {
    const envelope = decodeEnvelope(encodeKubeObject(object, priorityClasses));
    if (!envelope.ok) throw new Error(envelope.error);
    expect(hex(envelope.envelope.raw)).toBe(hex(wire));
    expect(hex(wire.subarray(17, 21))).toBe("10c0843d"); // value: field 2, varint 1000000
  });

  it("reads what client-go writes, zeros included", () => {
    expect(decodeKubeObject(encodeEnvelope(typeMeta, wire), priorityClasses)).toEqual({ ok: true, object });
    // value is a plain int32 without omitempty (0 is shown); globalDefault a plain omitempty bool (false is not).
    const zeros = msg((w) => w.tag(2, WireType.varint).int32(0).tag(3, WireType.varint).bool(false).tag(4, WireType.bytes).string(""));
    expect(decodeKubeObject(encodeEnvelope(typeMeta, zeros), priorityClasses)).toEqual({ ok: true, object: { ...typeMeta, value: 0 } });
  });
});
