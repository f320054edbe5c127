import { describe, expect, it } from "vitest";
import { nonZeroStructuralKeys } from "./structural-zero.ts";

describe("nonZeroStructuralKeys", () => {
  it("ignores Go zero values and what the structural form drops", () => {
    expect(nonZeroStructuralKeys({ type: "", description: "", nullable: false, enum: [], allOf: [], externalDocs: { url: "u" }, example: 1 }, false)).toEqual([]);
  });

  it("counts copied empty lists and pointers as set", () => {
    expect(nonZeroStructuralKeys({ required: [], maximum: 0, "x-kubernetes-list-map-keys": [], "x-kubernetes-validations": [] }, false)).toEqual([
      "maximum",
      "required",
      "x-kubernetes-list-map-keys",
      "x-kubernetes-validations",
    ]);
  });

  it("treats properties and additionalProperties as a value validation does when nested", () => {
    expect(nonZeroStructuralKeys({ properties: {}, additionalProperties: false }, false)).toEqual(["additionalProperties"]);
    expect(nonZeroStructuralKeys({ properties: {}, additionalProperties: false }, true)).toEqual(["properties"]);
  });
});
