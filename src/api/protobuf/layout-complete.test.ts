import { z } from "zod";
import { describe, expect, it } from "vitest";
import { findKind } from "../../resources/catalog.ts";
import { protobufLayoutComplete } from "./layout-complete.ts";

describe("protobuf layout completeness", () => {
  it("holds for a kind whose every field is numbered", () => {
    expect(protobufLayoutComplete(findKind("", "v1", "configmaps")!.schema, true)).toBe(true);
  });

  it("fails for a field without a number, or an object that keeps unknown fields", () => {
    const inner = z.object({ a: z.string().meta({ proto: 1 }) });
    expect(protobufLayoutComplete(z.object({ spec: inner.meta({ proto: 2 }) }), true)).toBe(true);
    expect(protobufLayoutComplete(z.object({ spec: inner.meta({ proto: 2 }), note: z.string() }), true)).toBe(false);
    expect(protobufLayoutComplete(z.object({ spec: z.looseObject({}).meta({ proto: 2 }) }), true)).toBe(false);
    expect(protobufLayoutComplete(z.object({ items: z.array(z.object({ b: z.number() })).meta({ proto: 3 }) }), true)).toBe(false);
  });

  it("follows a recursive schema", () => {
    const node: z.ZodType = z.lazy(() => z.object({ name: z.string().meta({ proto: 1 }).optional(), children: z.array(node).meta({ proto: 2 }).optional() }));
    expect(protobufLayoutComplete(z.object({ root: node.meta({ proto: 1 }) }))).toBe(true);
  });
});
