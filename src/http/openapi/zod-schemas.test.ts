import { describe, expect, it } from "vitest";
import { z } from "zod";
import { metaNames } from "./meta-definitions.ts";
import { SchemaCollector } from "./zod-schemas.ts";

const collect = () => new SchemaCollector(new Set([metaNames.time, metaNames.quantity]));

describe("zod schemas as OpenAPI schemas", () => {
  it("converts scalars, arrays and maps, looking through optional, nullable and default", () => {
    const c = collect();
    const schema = z.object({
      name: z.string().meta({ description: "the name" }).optional(),
      count: z.number().int().nullable().optional(),
      big: z.number().int().meta({ protoType: "int64" }).optional(),
      ratio: z.number().default(1),
      on: z.boolean(),
      tags: z.array(z.string()).meta({ listType: "set" }).optional(),
      labels: z.record(z.string(), z.string()).optional(),
      raw: z.string().meta({ protoType: "bytes" }).optional(),
      mode: z.enum(["A", "B"]).optional(),
      anything: z.unknown(),
    });
    expect(c.field(schema)).toEqual({
      type: "object",
      required: ["on"],
      properties: {
        name: { description: "the name", type: "string" },
        count: { type: "integer", format: "int32" },
        big: { type: "integer", format: "int64" },
        ratio: { type: "number", format: "double" },
        on: { type: "boolean" },
        tags: { type: "array", items: { type: "string" }, extensions: { "x-kubernetes-list-type": "set" } },
        labels: { type: "object", additionalProperties: { type: "string" } },
        raw: { type: "string", format: "byte" },
        mode: { type: "string", enum: ["A", "B"] },
        anything: {},
      },
    });
  });

  it("names definitions, keeping the field's meta on the field and the definition's on the definition", () => {
    const c = collect();
    const port = z
      .object({ port: z.number().int() })
      .meta({ definition: "io.k8s.api.core.v1.ContainerPort", description: "A port.", structType: "atomic" });
    const spec = z.object({
      ports: z
        .array(port)
        .meta({ description: "Ports.", patchStrategy: "merge", patchMergeKey: "port", listType: "map", listMapKeys: ["port"] })
        .optional(),
      main: port.meta({ proto: 2, description: "The main port." }).optional(),
    });
    expect(c.field(spec).properties).toEqual({
      ports: {
        description: "Ports.",
        type: "array",
        items: { ref: "io.k8s.api.core.v1.ContainerPort" },
        extensions: {
          "x-kubernetes-list-map-keys": ["port"],
          "x-kubernetes-list-type": "map",
          "x-kubernetes-patch-merge-key": "port",
          "x-kubernetes-patch-strategy": "merge",
        },
      },
      main: { description: "The main port.", ref: "io.k8s.api.core.v1.ContainerPort" },
    });
    expect(c.definitions.get("io.k8s.api.core.v1.ContainerPort")).toEqual({
      description: "A port.",
      type: "object",
      required: ["port"],
      properties: { port: { type: "integer", format: "int32" } },
      extensions: { "x-kubernetes-map-type": "atomic" },
    });
  });

  it("refers to hand-written definitions by name or by protoType and never generates them", () => {
    const c = collect();
    const time = z.string().meta({ definition: metaNames.time, protoType: "Time", description: "A time." });
    const schema = z.object({
      at: time.meta({ description: "When." }).optional(),
      since: time.optional(),
      amount: z.union([z.string(), z.number()]).meta({ protoType: "Quantity" }).optional(),
    });
    expect(c.field(schema).properties).toEqual({
      at: { description: "When.", ref: metaNames.time },
      since: { ref: metaNames.time },
      amount: { ref: metaNames.quantity },
    });
    expect([...c.definitions.keys()]).toEqual([]);
  });

  it("marks loose objects and keeps their modeled fields", () => {
    const c = collect();
    expect(c.field(z.looseObject({ name: z.string().optional() }))).toEqual({ type: "object", properties: { name: { type: "string" } }, loose: true });
    expect(c.field(z.looseObject({}))).toEqual({ type: "object", loose: true });
  });

  it("ends cycles at definitions and at inline schemas", () => {
    const c = collect();
    const node: z.ZodType = z.object({ child: z.lazy(() => node).optional() }).meta({ definition: "test.Node" });
    expect(c.field(node)).toEqual({ ref: "test.Node" });
    expect(c.definitions.get("test.Node")).toEqual({ type: "object", properties: { child: { ref: "test.Node" } } });
    const inline: z.ZodType = z.object({ child: z.lazy(() => inline).optional() });
    expect(c.field(inline)).toEqual({ type: "object", properties: { child: {} } });
  });

  it("gives unions of one JSON type that type, and other unions any value", () => {
    const c = collect();
    expect(c.field(z.union([z.literal("a"), z.literal("b")]))).toEqual({ type: "string", enum: ["a", "b"] });
    expect(c.field(z.union([z.string(), z.boolean()]))).toEqual({});
  });
});

describe("definition claims", () => {
  it("records every schema that claims a name, so two shapes sharing one can be found", () => {
    const c = collect();
    const a = z.object({ name: z.string().optional() }).meta({ definition: "test.Ref" });
    const b = z.looseObject({}).meta({ definition: "test.Ref" });
    c.field(z.object({ one: a.meta({ description: "same schema, another field" }).optional(), two: a.optional() }));
    expect(c.claims.get("test.Ref")?.size).toBe(1);
    c.field(b);
    expect(c.claims.get("test.Ref")?.size).toBe(2);
    expect(c.definitions.get("test.Ref")).toEqual({ type: "object", properties: { name: { type: "string" } } });
  });
});
