import { describe, expect, it } from "vitest";
import type { CustomResourceDefinition } from "../crd-types.ts";
import { defaultCRD } from "./crd-defaults.ts";

function bare(): CustomResourceDefinition {
  return {
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      names: { plural: "widgets", kind: "WidGet" },
      scope: "Namespaced",
      versions: [
        { name: "v1beta1", served: true, storage: false },
        { name: "v1", served: true, storage: true },
      ],
    },
  };
}

describe("defaultCRD", () => {
  it("sets singular to the lowercase kind, listKind to <kind>List and conversion None", () => {
    const crd = bare();
    defaultCRD(crd);
    expect(crd.spec.names).toEqual({ plural: "widgets", kind: "WidGet", singular: "widget", listKind: "WidGetList" });
    expect(crd.spec.conversion).toEqual({ strategy: "None" });
  });

  it("keeps names and conversion that are set", () => {
    const crd = bare();
    crd.spec.names.singular = "thing";
    crd.spec.names.listKind = "Things";
    crd.spec.conversion = { strategy: "Webhook" };
    defaultCRD(crd);
    expect(crd.spec.names.singular).toBe("thing");
    expect(crd.spec.names.listKind).toBe("Things");
    expect(crd.spec.conversion).toEqual({ strategy: "Webhook" });
  });

  it("leaves singular and listKind unset without a kind", () => {
    const crd = bare();
    crd.spec.names.kind = "";
    defaultCRD(crd);
    expect(crd.spec.names.singular).toBeUndefined();
    expect(crd.spec.names.listKind).toBeUndefined();
  });

  it("defaults a conversion webhook service's port to 443, and only the port", () => {
    const crd = bare();
    crd.spec.conversion = { strategy: "Webhook", webhook: { clientConfig: { service: { namespace: "ns", name: "svc" } }, conversionReviewVersions: ["v1"] } };
    defaultCRD(crd);
    expect(crd.spec.conversion.webhook).toEqual({ clientConfig: { service: { namespace: "ns", name: "svc", port: 443 } }, conversionReviewVersions: ["v1"] });
    const withPort = bare();
    withPort.spec.conversion = { strategy: "Webhook", webhook: { clientConfig: { service: { namespace: "ns", name: "svc", port: 8443 } } } };
    defaultCRD(withPort);
    expect(withPort.spec.conversion.webhook).toEqual({ clientConfig: { service: { namespace: "ns", name: "svc", port: 8443 } } });
  });

  it("puts the storage version in an empty status.storedVersions, and leaves a filled one", () => {
    const crd = bare();
    defaultCRD(crd);
    expect(crd.status?.storedVersions).toEqual(["v1"]);
    const stored = bare();
    stored.status = { storedVersions: ["v1beta1"] };
    defaultCRD(stored);
    expect(stored.status?.storedVersions).toEqual(["v1beta1"]);
  });
});
