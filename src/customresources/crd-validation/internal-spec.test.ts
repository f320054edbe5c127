import { describe, expect, it } from "vitest";
import { widgetCRD, widgetSchema } from "./crd-fixture.ts";
import { internalSpec, schemaForVersion } from "./internal-spec.ts";

function twoVersions() {
  const crd = widgetCRD();
  crd.spec.versions = [
    { name: "v1", served: true, storage: true, schema: { openAPIV3Schema: widgetSchema() }, subresources: { status: {} } },
    { name: "v2", served: true, storage: false, schema: { openAPIV3Schema: widgetSchema() }, subresources: { status: {} } },
  ];
  return crd;
}

describe("internalSpec", () => {
  it("moves a schema every version shares to spec.validation and clears the versions'", () => {
    const spec = internalSpec(twoVersions().spec);
    expect(spec.validation).toEqual({ openAPIV3Schema: widgetSchema() });
    expect(spec.subresources).toEqual({ status: {} });
    expect(spec.versions?.map((v) => [v.schema, v.subresources])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(spec.version).toBe("v1");
  });

  it("keeps per-version schemas that differ, and hoists the rest independently", () => {
    const crd = twoVersions();
    crd.spec.versions[1].schema!.openAPIV3Schema!.description = "v2";
    const spec = internalSpec(crd.spec);
    expect(spec.validation).toBeUndefined();
    expect(spec.versions?.[1].schema?.openAPIV3Schema?.description).toBe("v2");
    expect(spec.subresources).toEqual({ status: {} });
  });

  it("compares as kube's Semantic.DeepEqual: an empty list equals an absent one, key order does not matter", () => {
    const crd = twoVersions();
    crd.spec.versions[0].schema!.openAPIV3Schema = { properties: {}, required: [], type: "object" };
    crd.spec.versions[1].schema!.openAPIV3Schema = { type: "object" };
    crd.spec.versions[0].additionalPrinterColumns = [];
    expect(internalSpec(crd.spec).validation).toEqual({ openAPIV3Schema: { properties: {}, required: [], type: "object" } });
  });

  it("tells subresources {} from none: an empty status subresource still enables /status", () => {
    const crd = twoVersions();
    delete crd.spec.versions[1].subresources;
    const spec = internalSpec(crd.spec);
    expect(spec.subresources).toBeUndefined();
    expect(spec.versions?.[0].subresources).toEqual({ status: {} });
  });

  it("moves the conversion webhook's fields up as kube's internal type has them", () => {
    const crd = widgetCRD();
    crd.spec.conversion = {
      strategy: "Webhook",
      webhook: { clientConfig: { url: "https://x", caBundle: "Zm9v" }, conversionReviewVersions: ["v1"] },
    };
    expect(internalSpec(crd.spec).conversion).toEqual({
      strategy: "Webhook",
      webhookClientConfig: { url: "https://x", caBundle: "Zm9v" },
      conversionReviewVersions: ["v1"],
    });
  });

  it("reads a missing spec as Go's zero values", () => {
    expect(internalSpec(undefined)).toEqual({
      group: "",
      version: "",
      names: { plural: "", singular: "", kind: "", listKind: "", shortNames: undefined, categories: undefined },
      scope: "",
      versions: undefined,
      conversion: undefined,
      preserveUnknownFields: false,
    });
  });

  it("finds a version's schema as GetSchemaForVersion does", () => {
    const crd = twoVersions();
    const hoisted = internalSpec(crd.spec);
    expect(schemaForVersion(hoisted, "v2")?.schema).toBe(hoisted.validation);
    expect(schemaForVersion(hoisted, "v9")?.schema).toBe(hoisted.validation);
    crd.spec.versions[1].schema!.openAPIV3Schema!.description = "v2";
    const split = internalSpec(crd.spec);
    expect(schemaForVersion(split, "v2")?.schema?.openAPIV3Schema?.description).toBe("v2");
    expect(schemaForVersion(split, "v9")).toBeUndefined();
  });
});
