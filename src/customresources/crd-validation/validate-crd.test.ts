import { describe, expect, it } from "vitest";
import { text, widgetCRD, widgetSchema } from "./crd-fixture.ts";
import { storedVersionsErrors, validateCRD } from "./validate-crd.ts";

const errors = (crd = widgetCRD()) => validateCRD(crd).map(text);
const noVersions = (storage: boolean) =>
  `[{"Name":"v1","Served":true,"Storage":${storage},"Deprecated":false,"DeprecationWarning":null,"Schema":null,"Subresources":null,"AdditionalPrinterColumns":null,"SelectableFields":null}`;

describe("validateCRD", () => {
  it("accepts a valid CRD", () => {
    expect(errors()).toEqual([]);
  });

  it("requires the name to be <plural>.<group>", () => {
    const crd = widgetCRD();
    crd.spec.names.plural = "gadgets";
    expect(errors(crd)).toEqual([`metadata.name: Invalid value: "widgets.example.com": must be spec.names.plural+"."+spec.group`]);
  });

  it("wants exactly one storage version, unique names, DNS-1035 version names", () => {
    const crd = widgetCRD();
    crd.spec.versions[0].storage = false;
    expect(errors(crd)).toEqual([`spec.versions: Invalid value: ${noVersions(false)}]: must have exactly one version marked as storage version`]);
    const dup = widgetCRD();
    dup.spec.versions.push({ ...dup.spec.versions[0], storage: false });
    expect(errors(dup)).toEqual([
      `spec.versions: Invalid value: ${noVersions(true)},${noVersions(false).slice(1)}]: must contain unique version names`,
    ]);
  });

  it("reports a bad first version name also as spec.version (kube's internal field)", () => {
    const crd = widgetCRD();
    crd.spec.versions[0].name = "V1";
    crd.status = { storedVersions: ["V1"] };
    const label =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    expect(errors(crd)).toEqual([`spec.versions[0].name: Invalid value: "V1": ${label}`, `spec.version: Invalid value: "V1": ${label}`]);
  });

  it("requires a schema in every version", () => {
    const crd = widgetCRD();
    delete crd.spec.versions[0].schema;
    crd.spec.versions.push({ name: "v2", served: false, storage: false, schema: {} });
    expect(errors(crd)).toEqual(["spec.versions[0].schema.openAPIV3Schema: Required value", "spec.versions[1].schema.openAPIV3Schema: Required value"]);
  });

  it("reports schema errors at spec.versions[i].schema when versions differ, at spec.validation when they agree", () => {
    const crd = widgetCRD();
    crd.spec.versions[0].schema!.openAPIV3Schema!.properties!.spec.properties!.size = {};
    expect(errors(crd)).toEqual([
      "spec.validation.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields",
    ]);
    crd.spec.versions.push({ name: "v2", served: true, storage: false, schema: { openAPIV3Schema: widgetSchema() } });
    crd.status = { storedVersions: ["v1"] };
    expect(errors(crd)).toEqual([
      "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields",
    ]);
  });

  it("checks printer columns and subresources where the conversion put them", () => {
    const crd = widgetCRD();
    crd.spec.versions[0].additionalPrinterColumns = [{ name: "Size", type: "int", jsonPath: ".spec.size" }];
    crd.spec.versions[0].subresources = { scale: { specReplicasPath: ".status.x", statusReplicasPath: ".status.y" } };
    expect(errors(crd)).toEqual([
      `spec.subresources.scale.specReplicasPath: Invalid value: ".status.x": should be a json path under .spec`,
      `spec.additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string`,
    ]);
  });

  it("checks the deprecation warning", () => {
    const crd = widgetCRD();
    crd.spec.versions[0].deprecationWarning = "";
    expect(errors(crd)).toEqual([`spec.versions[0].deprecationWarning: Invalid value: "": can only be set for deprecated versions`]);
    crd.spec.versions[0].deprecated = true;
    crd.spec.versions[0].deprecationWarning = "x".repeat(257) + "\u0007";
    expect(errors(crd)).toEqual([
      `spec.versions[0].deprecationWarning: Invalid value: "${"x".repeat(257)}\\u0007": must be <= 256 characters long`,
      `spec.versions[0].deprecationWarning: Invalid value: "${"x".repeat(257)}\\u0007": must only contain printable UTF-8 characters; non-printable character found at index 257`,
    ]);
  });

  it("forbids preserveUnknownFields", () => {
    const crd = widgetCRD();
    crd.spec.preserveUnknownFields = true;
    expect(errors(crd)).toEqual([
      "spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead",
    ]);
    crd.spec.versions[0].schema!.openAPIV3Schema!.properties!.spec.default = {};
    crd.spec.conversion = { strategy: "Webhook", webhook: { clientConfig: { url: "https://x" }, conversionReviewVersions: ["v1"] } };
    expect(errors(crd)).toEqual([
      "spec.preserveUnknownFields: Invalid value: true: must be false in order to use defaults in the schema",
      `spec.conversion.strategy: Invalid value: "Webhook": must be None if spec.preserveUnknownFields is true`,
      "spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead",
    ]);
  });

  it("rejects per-version selectable fields when every version shares the schema, as kube does", () => {
    const crd = widgetCRD();
    crd.spec.versions.push({ name: "v2", served: true, storage: false, schema: { openAPIV3Schema: widgetSchema() } });
    crd.spec.versions[0].selectableFields = [{ jsonPath: ".spec.color" }];
    expect(errors(crd)).toEqual([
      'spec.versions[0].selectableFields: Invalid value: "": may only be set when `version.schema.openAPIV3Schema` is not included',
    ]);
    crd.spec.versions[1].selectableFields = [{ jsonPath: ".spec.color" }];
    expect(errors(crd)).toEqual([]);
    crd.spec.versions[1].selectableFields = [{ jsonPath: ".spec.color" }];
    crd.spec.versions[0].selectableFields = [{ jsonPath: ".spec.nope" }];
    crd.spec.versions[0].schema!.openAPIV3Schema!.properties!.spec.description = "differs";
    expect(errors(crd)).toEqual([`spec.versions[0].selectableFields[0].jsonPath: Invalid value: ".spec.nope": is an invalid path: does not refer to a valid field`]);
  });

  it("validates status.acceptedNames", () => {
    const crd = widgetCRD();
    crd.status = { storedVersions: ["v1"], acceptedNames: { plural: "Widgets", kind: "" } };
    expect(errors(crd)[0]).toMatch(/^status\.acceptedNames\.plural: Invalid value: "Widgets": a DNS-1035 label/);
  });

  it("requires the approval annotation in Kubernetes-owned groups", () => {
    const crd = widgetCRD();
    crd.spec.group = "widgets.k8s.io";
    crd.metadata.name = "widgets.widgets.k8s.io";
    expect(errors(crd)).toEqual([
      `metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111`,
    ]);
    crd.metadata.annotations = { "api-approved.kubernetes.io": "soon" };
    expect(errors(crd)).toEqual([
      `metadata.annotations[api-approved.kubernetes.io]: Invalid value: "soon": protected groups must have approval annotation "api-approved.kubernetes.io" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`,
    ]);
    crd.metadata.annotations = { "api-approved.kubernetes.io": "https://github.com/kubernetes/enhancements/pull/1111" };
    expect(errors(crd)).toEqual([]);
    crd.metadata.annotations = { "api-approved.kubernetes.io": "unapproved, experimental" };
    expect(errors(crd)).toEqual([]);
  });
});

describe("storedVersionsErrors", () => {
  const versions = [
    { name: "v1", served: true, storage: true, deprecated: false },
    { name: "v2", served: true, storage: false, deprecated: false },
  ];

  it("needs at least one stored version, including the storage version", () => {
    expect(storedVersionsErrors(undefined, versions).map(text)).toEqual(["status.storedVersions: Invalid value: null: must have at least one stored version"]);
    expect(storedVersionsErrors(["v2"], versions).map(text)).toEqual([`status.storedVersions: Invalid value: ["v2"]: must have the storage version v1`]);
    expect(storedVersionsErrors(["v1", "v2"], versions)).toEqual([]);
  });

  it("keeps versions that were stored in spec.versions", () => {
    expect(storedVersionsErrors(["v0", "v1"], versions).map(text)).toEqual([
      `status.storedVersions[0]: Invalid value: "v0": missing from spec.versions; v0 was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in v0 and removes v0 from status.storedVersions`,
    ]);
  });
});
