import { describe, expect, it } from "vitest";
import { fieldErrorText as text } from "../../api/field-errors.ts";
import { internalNames } from "./internal-spec.ts";
import { crdObjectNameErrors, requiredNamesErrors, validateEnum, validateGroup, validateNames } from "./validate-names.ts";

const dns1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe("crdObjectNameErrors", () => {
  it("requires metadata.name to be <plural>.<group>", () => {
    expect(crdObjectNameErrors({ name: "widgets.example.com" }, "widgets", "example.com")).toEqual([]);
    expect(crdObjectNameErrors({ name: "gadgets.example.com" }, "widgets", "example.com").map(text)).toEqual([
      `metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group`,
    ]);
  });

  it("checks generateName the same way", () => {
    expect(crdObjectNameErrors({ generateName: "widgets.", name: "widgets.example.com" }, "widgets", "example.com").map(text)).toEqual([
      `metadata.generateName: Invalid value: "widgets.": must be spec.names.plural+"."+spec.group`,
    ]);
  });
});

describe("validateGroup", () => {
  it("requires a DNS subdomain with a dot", () => {
    expect(validateGroup("", "spec.group").map(text)).toEqual(["spec.group: Required value"]);
    expect(validateGroup("example", "spec.group").map(text)).toEqual([`spec.group: Invalid value: "example": should be a domain with at least one dot`]);
    expect(validateGroup("Example.com", "spec.group").map(text)).toEqual([
      `spec.group: Invalid value: "Example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
    expect(validateGroup("stable.example.com", "spec.group")).toEqual([]);
  });
});

describe("validateEnum", () => {
  it("reports an empty scope as required and an unknown one as unsupported", () => {
    expect(validateEnum("spec.scope", "", ["Cluster", "Namespaced"], true).map(text)).toEqual(["spec.scope: Required value"]);
    expect(validateEnum("spec.scope", "Global", ["Cluster", "Namespaced"], true).map(text)).toEqual([
      `spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"`,
    ]);
  });
});

describe("validateNames", () => {
  it("requires plural, singular, kind and listKind in spec.names", () => {
    expect(requiredNamesErrors(internalNames({}), "spec.names").map(text)).toEqual([
      "spec.names.plural: Required value",
      "spec.names.singular: Required value",
      "spec.names.kind: Required value",
      "spec.names.listKind: Required value",
    ]);
  });

  it("checks plural, singular, short names and categories as DNS-1035 labels", () => {
    const names = internalNames({ plural: "Widgets", singular: "widget", kind: "Widget", listKind: "WidgetList", shortNames: ["w", "1w"], categories: ["all", "my_cat"] });
    expect(validateNames(names, "spec.names").map(text)).toEqual([
      `spec.names.plural: Invalid value: "Widgets": ${dns1035}`,
      `spec.names.shortNames[1]: Invalid value: "1w": ${dns1035}`,
      `spec.names.categories[1]: Invalid value: "my_cat": ${dns1035}`,
    ]);
  });

  it("lets kind and listKind have mixed case but nothing else", () => {
    const names = internalNames({ plural: "widgets", kind: "Wid.get", listKind: "Wid.get" });
    expect(validateNames(names, "status.acceptedNames").map(text)).toEqual([
      `status.acceptedNames.kind: Invalid value: "Wid.get": may have mixed case, but should otherwise match: ${dns1035}`,
      `status.acceptedNames.listKind: Invalid value: "Wid.get": may have mixed case, but should otherwise match: ${dns1035}`,
      `status.acceptedNames.listKind: Invalid value: "Wid.get": kind and listKind may not be the same`,
    ]);
  });

  it("joins several label errors with a comma", () => {
    const long = `a${"b".repeat(63)}`;
    expect(validateNames(internalNames({ plural: long }), "spec.names").map(text)).toEqual([
      `spec.names.plural: Invalid value: "${long}": must be no more than 63 characters`,
    ]);
    expect(validateNames(internalNames({ plural: `${long}_` }), "spec.names").map(text)).toEqual([
      `spec.names.plural: Invalid value: "${long}_": must be no more than 63 characters,${dns1035}`,
    ]);
  });
});
