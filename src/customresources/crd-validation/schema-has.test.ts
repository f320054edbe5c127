import { describe, expect, it } from "vitest";
import { widgetCRD } from "./crd-fixture.ts";
import { internalSpec } from "./internal-spec.ts";
import { isNonAtomicSet, schemaHas, specHasDefaults, specHasInvalidTypes, specHasKubernetesExtensions, specHasNonStructuralSchema } from "./schema-has.ts";

const spec = (mutate: (s: ReturnType<typeof widgetCRD>["spec"]["versions"][0]["schema"] & object) => void) => {
  const crd = widgetCRD();
  mutate(crd.spec.versions[0].schema!);
  return internalSpec(crd.spec);
};

describe("schemaHas", () => {
  it("looks into every kind of subschema", () => {
    const found = (s: object) => schemaHas(s, (n) => n.description === "here");
    expect(found({ items: [{ description: "here" }] })).toBe(true);
    expect(found({ not: { description: "here" } })).toBe(true);
    expect(found({ additionalProperties: { description: "here" } })).toBe(true);
    expect(found({ dependencies: { a: ["b"], c: { description: "here" } } })).toBe(true);
    expect(found({ additionalProperties: true, properties: { a: { description: "no" } } })).toBe(false);
  });
});

describe("spec predicates", () => {
  it("find defaults, extensions, invalid types and non-structural schemas", () => {
    expect(specHasDefaults(internalSpec(widgetCRD().spec))).toBe(false);
    expect(specHasDefaults(spec((s) => (s.openAPIV3Schema!.properties!.spec.default = {})))).toBe(true);
    expect(specHasKubernetesExtensions(spec((s) => (s.openAPIV3Schema!.properties!.status["x-kubernetes-preserve-unknown-fields"] = true)))).toBe(true);
    expect(specHasInvalidTypes(spec((s) => (s.openAPIV3Schema!.properties!.spec.type = "map")))).toBe(true);
    expect(specHasNonStructuralSchema(internalSpec(widgetCRD().spec))).toBe(false);
    expect(specHasNonStructuralSchema(spec((s) => delete s.openAPIV3Schema!.properties!.spec.type))).toBe(true);
    expect(specHasNonStructuralSchema(spec((s) => (s.openAPIV3Schema!.$ref = "#/x")))).toBe(true);
  });

  it("recognizes sets whose items are not atomic", () => {
    expect(isNonAtomicSet({ "x-kubernetes-list-type": "set", items: { type: "object" } })).toBe(true);
    expect(isNonAtomicSet({ "x-kubernetes-list-type": "set", items: { type: "object", "x-kubernetes-map-type": "atomic" } })).toBe(false);
    expect(isNonAtomicSet({ "x-kubernetes-list-type": "set", items: { type: "array" } })).toBe(false);
    expect(isNonAtomicSet({ "x-kubernetes-list-type": "set", items: { type: "array", "x-kubernetes-list-type": "map" } })).toBe(true);
  });
});
