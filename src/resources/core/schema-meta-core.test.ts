// The kube metadata on the schemas of Service, Event, Endpoints, Node and Lease: every modeled field carries its
// protobuf number, numbers are unique within a message, every object schema names its definition; and spot
// checks of known facts of kube's wire format.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { leases } from "../coordination/leases.ts";
import type { KubeFieldMeta } from "../schema-meta.ts";
import { condition, intOrString, labelSelector, quantity } from "../schema-types.ts";
import { endpoints } from "./endpoints.ts";
import { events } from "./events.ts";
import { nodes } from "./nodes.ts";
import { services } from "./services.ts";

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

/** A field's schema under its wrappers, with the metadata of every layer merged (outer layers win). */
function unwrap(schema: z.ZodType): { inner: z.ZodType; meta: KubeFieldMeta } {
  const layers: KubeFieldMeta[] = [];
  let inner = schema;
  for (;;) {
    layers.push((z.globalRegistry.get(inner) ?? {}) as KubeFieldMeta);
    const def = defOf(inner);
    if (def.innerType) inner = def.innerType;
    else if (def.type === "pipe" && def.in) inner = def.in;
    else break;
  }
  return { inner, meta: Object.assign({}, ...layers.reverse()) as KubeFieldMeta };
}

/** The schema at a dotted path ("spec.ports[].targetPort"; "[]" steps into an array, "{}" into a map). */
function at(schema: z.ZodType, path: string): { inner: z.ZodType; meta: KubeFieldMeta } {
  let current = unwrap(schema);
  for (const part of path.split(".")) {
    for (const step of part.split(/(?=\[\]|\{\})/)) {
      const def = defOf(current.inner);
      if (step === "[]") current = unwrap(def.element!);
      else if (step === "{}") current = unwrap(def.valueType!);
      else current = unwrap(def.shape![step]);
    }
  }
  return current;
}

/** Every problem with the metadata of an object schema and the objects under it. */
function problems(schema: z.ZodType, path: string, top: boolean): string[] {
  const { inner, meta } = unwrap(schema);
  const def = defOf(inner);
  if (def.type === "array") return problems(def.element!, `${path}[]`, false);
  if (def.type === "record") return problems(def.valueType!, `${path}{}`, false);
  if (def.type !== "object") return [];
  const out: string[] = [];
  if (!meta.definition) out.push(`${path || "<root>"}: object without a definition`);
  const seen = new Map<number, string>();
  for (const [name, field] of Object.entries(def.shape!)) {
    // The envelope: metadata is the codec's (field 1); apiVersion and kind travel outside the message.
    if (top && (name === "metadata" || name === "apiVersion" || name === "kind")) continue;
    const where = path ? `${path}.${name}` : name;
    const number = unwrap(field).meta.proto;
    if (number === undefined) out.push(`${where}: no proto number`);
    else if (seen.has(number)) out.push(`${where}: proto ${number} already used by ${seen.get(number)}`);
    else seen.set(number, name);
    if (top && number === 1) out.push(`${where}: proto 1 is metadata's`);
    if (!unwrap(field).meta.description) out.push(`${where}: no description`);
    out.push(...problems(field, where, false));
  }
  return out;
}

describe("kube metadata of core kinds' schemas", () => {
  it("the walk reports what is missing", () => {
    const inner = z.object({ a: z.string().meta({ proto: 1, description: "a" }), b: z.string().meta({ proto: 1, description: "b" }) });
    const outer = z.object({ x: inner.meta({ proto: 2, description: "x" }).optional(), y: z.array(z.string()).optional() });
    expect(problems(outer.meta({ definition: "Outer" }), "", true)).toEqual([
      "x: object without a definition",
      "x.b: proto 1 already used by a",
      "y: no proto number",
      "y: no description",
    ]);
  });

  it.each([services, events, endpoints, nodes, leases].map((def) => [def.kind, def.schema] as const))(
    "%s: every field numbered, numbers unique, objects named",
    (_kind, schema) => {
      expect(problems(schema, "", true)).toEqual([]);
    },
  );

  it("names each kind's definition", () => {
    expect(unwrap(services.schema).meta.definition).toBe("io.k8s.api.core.v1.Service");
    expect(unwrap(events.schema).meta.definition).toBe("io.k8s.api.core.v1.Event");
    expect(unwrap(endpoints.schema).meta.definition).toBe("io.k8s.api.core.v1.Endpoints");
    expect(unwrap(nodes.schema).meta.definition).toBe("io.k8s.api.core.v1.Node");
    expect(unwrap(leases.schema).meta.definition).toBe("io.k8s.api.coordination.v1.Lease");
  });

  it("Service: ports merge by port and are keyed by port and protocol; targetPort is an IntOrString in field 4", () => {
    expect(at(services.schema, "spec").meta).toMatchObject({ proto: 2, definition: "io.k8s.api.core.v1.ServiceSpec" });
    expect(at(services.schema, "spec.ports").meta).toMatchObject({
      proto: 1,
      patchStrategy: "merge",
      patchMergeKey: "port",
      listType: "map",
      listMapKeys: ["port", "protocol"],
    });
    expect(at(services.schema, "spec.ports[]").meta.definition).toBe("io.k8s.api.core.v1.ServicePort");
    expect(at(services.schema, "spec.ports[].targetPort").meta).toMatchObject({
      proto: 4,
      protoType: "IntOrString",
      definition: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
    });
    expect(at(services.schema, "spec.ports[].appProtocol").meta.proto).toBe(6);
    expect(at(services.schema, "spec.clusterIPs").meta).toMatchObject({ proto: 18, listType: "atomic" });
    expect(at(services.schema, "spec.selector").meta).toMatchObject({ proto: 2, mapType: "atomic" });
    expect(at(services.schema, "spec.sessionAffinityConfig.clientIP.timeoutSeconds").meta.proto).toBe(1);
    expect(at(services.schema, "status.conditions").meta).toMatchObject({ proto: 2, listType: "map", listMapKeys: ["type"] });
    expect(at(services.schema, "status.conditions[]").meta.definition).toBe("io.k8s.apimachinery.pkg.apis.meta.v1.Condition");
    expect(at(services.schema, "status.loadBalancer.ingress[].ipMode").meta.proto).toBe(3);
  });

  it("Event: times are Time and MicroTime; references are atomic ObjectReferences", () => {
    expect(at(events.schema, "firstTimestamp").meta).toMatchObject({ proto: 6, protoType: "Time" });
    expect(at(events.schema, "eventTime").meta).toMatchObject({ proto: 10, protoType: "MicroTime" });
    expect(at(events.schema, "series.lastObservedTime").meta).toMatchObject({ proto: 2, protoType: "MicroTime" });
    expect(at(events.schema, "involvedObject").meta).toMatchObject({
      proto: 2,
      definition: "io.k8s.api.core.v1.ObjectReference",
      structType: "atomic",
    });
    expect(at(events.schema, "involvedObject.fieldPath").meta.proto).toBe(7);
    expect(at(events.schema, "reportingInstance").meta.proto).toBe(15);
  });

  it("Endpoints: addresses number targetRef 2 before hostname 3 and nodeName 4", () => {
    expect(at(endpoints.schema, "subsets[].addresses[].targetRef").meta.proto).toBe(2);
    expect(at(endpoints.schema, "subsets[].addresses[].hostname").meta.proto).toBe(3);
    expect(at(endpoints.schema, "subsets[].ports[].port").meta.proto).toBe(2);
    expect(at(endpoints.schema, "subsets").meta.listType).toBe("atomic");
  });

  it("Node: quantities, its own condition type, merge keys", () => {
    expect(at(nodes.schema, "status.capacity{}").meta.protoType).toBe("Quantity");
    expect(at(nodes.schema, "status.allocatable").meta.proto).toBe(2);
    expect(at(nodes.schema, "status.conditions[]").meta.definition).toBe("io.k8s.api.core.v1.NodeCondition");
    expect(at(nodes.schema, "status.conditions[].lastHeartbeatTime").meta).toMatchObject({ proto: 3, protoType: "Time" });
    expect(at(nodes.schema, "status.addresses").meta).toMatchObject({ proto: 5, patchMergeKey: "type", listMapKeys: ["type"] });
    expect(at(nodes.schema, "status.nodeInfo").meta).toMatchObject({ proto: 7, definition: "io.k8s.api.core.v1.NodeSystemInfo" });
    expect(at(nodes.schema, "spec.podCIDRs").meta).toMatchObject({ proto: 7, patchStrategy: "merge", listType: "set" });
    expect(at(nodes.schema, "spec.externalID").meta.proto).toBe(2);
    expect(at(nodes.schema, "spec.taints[].timeAdded").meta).toMatchObject({ proto: 4, protoType: "Time" });
  });

  it("Lease: holderIdentity is field 1 of the spec; its times are MicroTime", () => {
    expect(at(leases.schema, "spec").meta).toMatchObject({ proto: 2, definition: "io.k8s.api.coordination.v1.LeaseSpec" });
    expect(at(leases.schema, "spec.holderIdentity").meta.proto).toBe(1);
    expect(at(leases.schema, "spec.renewTime").meta).toMatchObject({ proto: 4, protoType: "MicroTime" });
    expect(at(leases.schema, "spec.preferredHolder").meta.proto).toBe(7);
  });
});

describe("shared pieces", () => {
  it("carry their wire types and definitions", () => {
    expect(unwrap(quantity).meta).toMatchObject({ protoType: "Quantity", definition: "io.k8s.apimachinery.pkg.api.resource.Quantity" });
    expect(unwrap(intOrString).meta.protoType).toBe("IntOrString");
    expect(at(labelSelector, "matchExpressions").meta).toMatchObject({ proto: 2, listType: "atomic" });
    expect(at(labelSelector, "matchExpressions[].values").meta.proto).toBe(3);
    expect(problems(labelSelector, "", false)).toEqual([]);
    expect(problems(condition, "", false)).toEqual([]);
    expect(at(condition, "observedGeneration").meta).toMatchObject({ proto: 3, protoType: "int64" });
  });

  it("keep their own metadata when a use site adds a field number (zod merges on read)", () => {
    const field = labelSelector.meta({ proto: 2, description: "Which pods." });
    expect(field.meta()).toMatchObject({ proto: 2, description: "Which pods.", definition: "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector" });
    // The shared piece itself is untouched: .meta(...) annotates a copy.
    expect(labelSelector.meta()?.proto).toBeUndefined();
  });
});
