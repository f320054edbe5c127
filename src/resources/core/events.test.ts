import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { events } from "./events.ts";

const now = new Date("2025-03-01T12:00:00Z");

function parse(body: unknown): KubeObject {
  const result = events.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

/** An event as the kubelet writes it through core/v1. */
const kubeletEvent = {
  apiVersion: "v1",
  kind: "Event",
  metadata: { name: "web-7d4b9.17f9a3c2d1e0b4a5", namespace: "apps" },
  involvedObject: {
    kind: "Pod",
    namespace: "apps",
    name: "web-7d4b9",
    uid: "0b6c5a4e-3f7d-4c1e-9a5b-2d8e1f0c3b7a",
    apiVersion: "v1",
    resourceVersion: "4123",
    fieldPath: "spec.containers{nginx}",
  },
  reason: "Pulled",
  message: "Successfully pulled image \"nginx:1.27\" in 1.2s ",
  source: { component: "kubelet", host: "node-1" },
  firstTimestamp: "2025-03-01T11:00:00Z",
  lastTimestamp: "2025-03-01T11:55:00Z",
  count: 4,
  type: "Normal",
  eventTime: null,
  reportingComponent: "kubelet",
  reportingInstance: "node-1",
};

/** An event in the events.k8s.io shape, written through core/v1. */
const seriesEvent = {
  metadata: { name: "sched.1", namespace: "apps" },
  involvedObject: { kind: "Pod", namespace: "apps", name: "web-1" },
  reason: "FailedScheduling",
  message: "0/3 nodes are available",
  type: "Warning",
  eventTime: "2025-03-01T10:00:00.000000Z",
  series: { count: 7, lastObservedTime: "2025-03-01T11:59:30.000000Z" },
  action: "Scheduling",
  reportingComponent: "default-scheduler",
  reportingInstance: "default-scheduler-node-1",
};

const fields = (body: Record<string, unknown>) => events.validate(parse(body)).map((e) => `${e.type} ${e.field}`);

describe("events", () => {
  it("keeps every field of real events", () => {
    expect(parse(kubeletEvent)).toEqual(kubeletEvent);
    expect(parse(seriesEvent)).toEqual(seriesEvent);
    expect(events.validate(parse(kubeletEvent))).toEqual([]);
    expect(events.validate(parse(seriesEvent))).toEqual([]);
  });

  it("fills in the fields kube always serializes", () => {
    const obj = parse({ metadata: { name: "e", namespace: "default" }, involvedObject: {} });
    events.applyDefaults(obj);
    expect(obj).toMatchObject({ source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: null, reportingComponent: "", reportingInstance: "" });
  });

  it("requires involvedObject", () => {
    const result = events.schema.safeParse({ metadata: { name: "e" }, reason: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["involvedObject"]);
  });

  it("requires the involved object's namespace to match", () => {
    const wrong = { ...kubeletEvent, involvedObject: { kind: "Pod", name: "x", namespace: "other" } };
    expect(events.validate(parse(wrong))).toEqual([
      { type: "FieldValueInvalid", field: "involvedObject.namespace", value: "other", detail: "does not match event.namespace" },
    ]);
    // A cluster-scoped object (a Node) may be reported on in "default".
    const node = { ...kubeletEvent, metadata: { name: "n", namespace: "default" }, involvedObject: { kind: "Node", name: "node-1" } };
    expect(fields(node)).toEqual([]);
    expect(fields({ ...node, metadata: { name: "n", namespace: "apps" } })).toEqual(["FieldValueInvalid involvedObject.namespace"]);
  });

  it("requires the reporting fields once eventTime is set", () => {
    const bare = { metadata: { name: "e", namespace: "apps" }, involvedObject: { namespace: "apps" }, eventTime: "2025-03-01T10:00:00.000000Z" };
    expect(fields(bare)).toEqual([
      "FieldValueRequired reportingComponent",
      // kube's qualified-name check also reports the empty value: non-empty, then the regex.
      "FieldValueInvalid reportingComponent",
      "FieldValueInvalid reportingComponent",
      "FieldValueRequired reportingInstance",
      "FieldValueRequired action",
      "FieldValueRequired reason",
    ]);
    expect(events.validate(parse({ ...seriesEvent, action: "a".repeat(129) }))).toEqual([
      { type: "FieldValueInvalid", field: "action", value: "", detail: "can have at most 128 characters" },
    ]);
  });

  it("prints kube's event columns, Name last and wide-only", () => {
    expect(events.table.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      "Last Seen:0", "Type:0", "Reason:0", "Object:0", "Subobject:1", "Source:1", "Message:0", "First Seen:1", "Count:1", "Name:1",
    ]);
    expect(events.table.columns[9].format).toBe("name");
    expect(events.table.cells(parse(kubeletEvent), { now })).toEqual([
      "5m", "Normal", "Pulled", "pod/web-7d4b9", "spec.containers{nginx}", "kubelet, node-1",
      'Successfully pulled image "nginx:1.27" in 1.2s', "60m", 4, "web-7d4b9.17f9a3c2d1e0b4a5",
    ]);
    expect(events.table.cells(parse(seriesEvent), { now })).toEqual([
      "30s", "Warning", "FailedScheduling", "pod/web-1", "", "default-scheduler, default-scheduler-node-1",
      "0/3 nodes are available", "120m", 7, "sched.1",
    ]);
  });

  it("selects on the fields kubectl describe uses", () => {
    const obj = parse(kubeletEvent);
    const sel = events.fieldSelectors;
    expect([sel["involvedObject.kind"](obj), sel["involvedObject.name"](obj), sel["involvedObject.namespace"](obj)]).toEqual(["Pod", "web-7d4b9", "apps"]);
    expect(sel["involvedObject.uid"](obj)).toBe("0b6c5a4e-3f7d-4c1e-9a5b-2d8e1f0c3b7a");
    expect([sel.reason(obj), sel.type(obj), sel.source(obj), sel.reportingComponent(obj)]).toEqual(["Pulled", "Normal", "kubelet", "kubelet"]);
    expect(sel.source(parse(seriesEvent))).toBe("default-scheduler");
  });
});
