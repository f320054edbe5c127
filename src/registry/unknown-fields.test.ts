import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonDuplicateFields } from "../api/json-duplicates.ts";
import { deployments } from "../resources/apps/deployments.ts";
import { objectMeta } from "../resources/object-meta-schema.ts";
import { dropUnknownFields, strictFieldErrors, unknownFields } from "./unknown-fields.ts";

const schema = z.object({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: z.unknown(),
  spec: z
    .object({
      replicas: z.number().optional(),
      paused: z.boolean().nullable().default(false),
      containers: z.array(z.object({ name: z.string(), image: z.string().optional() })).optional(),
      data: z.record(z.string(), z.string()).optional(),
      affinity: z.looseObject({ nodeAffinity: z.object({ required: z.boolean().optional() }).optional() }).optional(),
      port: z.union([z.number(), z.string()]).optional(),
      source: z.union([z.object({ configMap: z.string() }), z.object({ secret: z.string() })]).optional(),
      lazy: z.lazy(() => z.object({ a: z.string() })).optional(),
      piped: z.object({ b: z.string() }).pipe(z.transform((v) => v)).optional(),
      strict: z.strictObject({ c: z.string() }).optional(),
      raw: z.unknown(),
    })
    .optional(),
  status: z.looseObject({}).optional(),
});

describe("unknownFields", () => {
  it("knows every field a schema models, through wrappers, arrays, records, unions and loose objects", () => {
    const body = {
      apiVersion: "v1",
      kind: "Thing",
      metadata: { name: "x", labels: { a: "b" }, ownerReferences: [{ apiVersion: "v1", kind: "K", name: "n", uid: "u", controller: true }] },
      spec: {
        replicas: 1,
        paused: null,
        containers: [{ name: "a", image: "i" }],
        data: { anything: "goes", "dotted.key/x": "y" },
        affinity: { podAffinity: { deep: { deeper: 1 } }, nodeAffinity: { required: true } },
        port: "http",
        source: { secret: "s" },
        lazy: { a: "x" },
        piped: { b: "y" },
        strict: { c: "z" },
        raw: { whatever: [{ x: 1 }] },
      },
      status: { anything: { at: "all" } },
    };
    expect(unknownFields(schema, body)).toEqual([]);
  });

  it("names each unknown field with kube's path and does not look inside it", () => {
    const body = {
      bogus: 1,
      metadata: { name: "x", nmae: "y", ownerReferences: [{ uid: "u", bogus: true }], managedFields: [{ manager: "m", fieldsV1: { "f:data": {} }, extra: 1 }] },
      spec: {
        containers: [{ name: "a" }, { name: "b", imagee: "typo", nested: { a: 1 } }],
        affinity: { nodeAffinity: { required: true, requird: false } },
        lazy: { a: "x", z: 1 },
        piped: { b: "y", q: 1 },
        strict: { c: "z", d: 1 },
      },
    };
    expect(unknownFields(schema, body)).toEqual([
      "bogus",
      "metadata.nmae",
      "metadata.ownerReferences[0].bogus",
      "metadata.managedFields[0].extra",
      "spec.containers[1].imagee",
      "spec.containers[1].nested",
      "spec.affinity.nodeAffinity.requird",
      "spec.lazy.z",
      "spec.piped.q",
      "spec.strict.d",
    ]);
  });

  it("knows a key of a union when any member that fits the value knows it", () => {
    const union = z.object({ v: z.union([z.string(), z.object({ a: z.string() }), z.object({ b: z.string() })]) });
    expect(unknownFields(union, { v: { a: "1", b: "2", c: "3" } })).toEqual(["v.c"]);
    expect(unknownFields(union, { v: "plain" })).toEqual([]);
    const both = z.object({ v: z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() })) });
    expect(unknownFields(both, { v: { a: "1", b: "2", c: "3" } })).toEqual(["v.c"]);
  });

  it("visits keys in sorted order when asked (YAML bodies, patched objects)", () => {
    const body = { spec: { zeta: 1, containers: [{ name: "a", omega: 1 }], alpha: 2 }, aaa: 1 };
    expect(unknownFields(schema, body)).toEqual(["spec.zeta", "spec.containers[0].omega", "spec.alpha", "aaa"]);
    expect(unknownFields(schema, body, { sortKeys: true })).toEqual(["aaa", "spec.alpha", "spec.containers[0].omega", "spec.zeta"]);
  });
});

describe("strictFieldErrors", () => {
  it("reports kube's integration test body as kube 1.35 does", () => {
    const text = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","labels":{"app":"nginx"}},
      "spec":{"unknown1":"val1","unknownDupe":"valDupe","unknownDupe":"valDupe2","paused":true,"paused":false,
      "selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},
      "spec":{"containers":[{"name":"nginx","image":"nginx:latest","unknownNested":"val1","imagePullPolicy":"Always","imagePullPolicy":"Never"}]}}}}`;
    expect(strictFieldErrors(deployments.schema, JSON.parse(text), { duplicates: jsonDuplicateFields(text) })).toEqual([
      'unknown field "spec.unknown1"',
      'unknown field "spec.unknownDupe"',
      'duplicate field "spec.paused"',
      'unknown field "spec.template.spec.containers[0].unknownNested"',
      'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
    ]);
  });

  it("reports repeats of map keys and inside loose structures, but none inside unknown fields", () => {
    const text = '{"spec":{"data":{"a":"1","a":"2"},"raw":{"x":1,"x":2},"affinity":{"p":{"q":1,"q":2}},"bad":{"y":1,"y":2},"bad":3}}';
    expect(strictFieldErrors(schema, JSON.parse(text), { duplicates: jsonDuplicateFields(text) })).toEqual([
      'duplicate field "spec.data.a"',
      'duplicate field "spec.raw.x"',
      'duplicate field "spec.affinity.p.q"',
      'unknown field "spec.bad"',
    ]);
  });

  it("reports a repeat the walk could not reach at the end", () => {
    const text = '{"spec":{"data":{"a":"1","a":"2"}},"spec":{"replicas":1}}';
    expect(strictFieldErrors(schema, JSON.parse(text), { duplicates: jsonDuplicateFields(text) })).toEqual([
      'duplicate field "spec"',
      'duplicate field "spec.data.a"',
    ]);
  });

  it("quotes paths as Go does and stops at 100 errors", () => {
    expect(strictFieldErrors(schema, { 'we"ird': 1 })).toEqual(['unknown field "we\\"ird"']);
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, i]));
    expect(strictFieldErrors(schema, many)).toHaveLength(100);
  });
});

describe("dropUnknownFields", () => {
  it("drops from metadata what ObjectMeta does not know, keeping what it does", () => {
    const meta = {
      name: "x",
      bogus: 1,
      labels: { a: "b" },
      ownerReferences: [{ apiVersion: "v1", kind: "K", name: "n", uid: "u", extra: 1 }, "not an object"],
      managedFields: [{ manager: "m", fieldsV1: { "f:data": { "f:a": {} } }, extra: true }],
    };
    dropUnknownFields(objectMeta, meta);
    expect(meta).toEqual({
      name: "x",
      labels: { a: "b" },
      ownerReferences: [{ apiVersion: "v1", kind: "K", name: "n", uid: "u" }, "not an object"],
      managedFields: [{ manager: "m", fieldsV1: { "f:data": { "f:a": {} } } }],
    });
  });
});
