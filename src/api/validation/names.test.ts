import { describe, expect, it } from "vitest";
import {
  configMapKeyErrors,
  dns1035LabelErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  isConfigMapKey,
  labelValueErrors,
  nameErrors,
  pathSegmentNameErrors,
  qualifiedNameErrors,
} from "./names.ts";

const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const keyNameMsg =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("dns1123SubdomainErrors", () => {
  it("accepts lowercase dotted names up to 253 characters", () => {
    expect(dns1123SubdomainErrors("example.com")).toEqual([]);
    expect(dns1123SubdomainErrors("a".repeat(253))).toEqual([]);
  });

  it("rejects uppercase, underscores and bad ends with kube's message", () => {
    for (const bad of ["Web", "my_app", "-web", "web-", "web.", ".web", "a..b", ""]) {
      expect(dns1123SubdomainErrors(bad)).toEqual([subdomainMsg]);
    }
  });

  it("reports length in characters before the format", () => {
    expect(dns1123SubdomainErrors("a".repeat(254))).toEqual(["must be no more than 253 characters"]);
    expect(dns1123SubdomainErrors(`${"a".repeat(253)}-`)).toEqual(["must be no more than 253 characters", subdomainMsg]);
  });
});

describe("dns1123LabelErrors", () => {
  it("accepts labels up to 63 characters", () => {
    expect(dns1123LabelErrors("kube-system")).toEqual([]);
    expect(dns1123LabelErrors("a".repeat(63))).toEqual([]);
  });

  it("says a valid subdomain only lacks the dots", () => {
    expect(dns1123LabelErrors("a.b")).toEqual(["must not contain dots"]);
  });

  it("gives the label message otherwise", () => {
    expect(dns1123LabelErrors("Default")).toEqual([labelMsg]);
    expect(dns1123LabelErrors("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("dns1035LabelErrors", () => {
  it("requires a leading letter", () => {
    expect(dns1035LabelErrors("web")).toEqual([]);
    expect(dns1035LabelErrors("1web")).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
});

describe("qualifiedNameErrors", () => {
  it("accepts names with and without a DNS prefix", () => {
    for (const ok of ["app", "App.Name_1", "example.com/app", "app.kubernetes.io/name", "a"]) expect(qualifiedNameErrors(ok)).toEqual([]);
  });

  it("checks the name part", () => {
    expect(qualifiedNameErrors("-app")).toEqual([keyNameMsg]);
    expect(qualifiedNameErrors("")).toEqual(["name part must be non-empty", keyNameMsg]);
    expect(qualifiedNameErrors("a".repeat(64))).toEqual(["name part must be no more than 63 bytes"]);
  });

  it("checks the prefix part as a subdomain, in bytes", () => {
    expect(qualifiedNameErrors("/app")).toEqual(["prefix part must be non-empty"]);
    expect(qualifiedNameErrors("Example.com/app")).toEqual([`prefix part ${subdomainMsg}`]);
    expect(qualifiedNameErrors(`${"a".repeat(254)}/app`)).toEqual(["prefix part must be no more than 253 bytes"]);
    expect(qualifiedNameErrors("example.com/")).toEqual(["name part must be non-empty", keyNameMsg]);
  });

  it("rejects more than one slash with one message", () => {
    expect(qualifiedNameErrors("a/b/c")).toEqual([
      "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });
});

describe("labelValueErrors", () => {
  it("accepts empty values and up to 63 bytes", () => {
    expect(labelValueErrors("")).toEqual([]);
    expect(labelValueErrors("v1.2_3-x")).toEqual([]);
    expect(labelValueErrors("a".repeat(63))).toEqual([]);
  });

  it("rejects bad characters and ends, and long values in bytes", () => {
    expect(labelValueErrors("a b")).toEqual([labelValueMsg]);
    expect(labelValueErrors("-a")).toEqual([labelValueMsg]);
    expect(labelValueErrors("a".repeat(64))).toEqual(["must be no more than 63 bytes"]);
    expect(labelValueErrors("é")).toEqual([labelValueMsg]);
  });
});

describe("pathSegmentNameErrors", () => {
  it("forbids . and .. and the characters / and %", () => {
    expect(pathSegmentNameErrors("system:admin")).toEqual([]);
    expect(pathSegmentNameErrors(".")).toEqual(["may not be '.'"]);
    expect(pathSegmentNameErrors("..")).toEqual(["may not be '..'"]);
    expect(pathSegmentNameErrors("a/b%c")).toEqual(["may not contain '/'", "may not contain '%'"]);
  });

  it("allows . and .. as prefixes", () => {
    expect(pathSegmentNameErrors("..", true)).toEqual([]);
  });
});

describe("config map keys", () => {
  it("accepts file-like names", () => {
    for (const ok of ["game.properties", "KEY_NAME", "key-name", ".hidden", "a..b"]) expect(isConfigMapKey(ok)).toBe(true);
  });

  it("rejects . and .. prefixes, bad characters and long keys", () => {
    expect(configMapKeyErrors(".")).toEqual(["must not be '.'"]);
    expect(configMapKeyErrors("..")).toEqual(["must not be '..'"]);
    expect(configMapKeyErrors("..data")).toEqual(["must not start with '..'"]);
    expect(configMapKeyErrors("a/b")).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(isConfigMapKey("")).toBe(false);
    expect(isConfigMapKey("a".repeat(254))).toBe(false);
  });
});

describe("nameErrors", () => {
  it("applies the kind's rule", () => {
    expect(nameErrors("dns1123-subdomain", "my.config")).toEqual([]);
    expect(nameErrors("dns1123-label", "my.ns")).toEqual(["must not contain dots"]);
    expect(nameErrors("path-segment", "Admin:Role")).toEqual([]);
  });

  it("lets a generateName prefix end with '-'", () => {
    expect(nameErrors("dns1123-subdomain", "web-", { prefix: true })).toEqual([]);
    expect(nameErrors("dns1123-label", "web-", { prefix: true })).toEqual([]);
    expect(nameErrors("dns1123-subdomain", "web-")).toEqual([subdomainMsg]);
    expect(nameErrors("dns1123-subdomain", "Web-", { prefix: true })).toEqual([subdomainMsg]);
  });

  it("masks the last two characters of a prefix, as kube does", () => {
    // "a.-" is checked as "aa": kube accepts it.
    expect(nameErrors("dns1123-subdomain", "a.-", { prefix: true })).toEqual([]);
    expect(nameErrors("dns1123-subdomain", "-", { prefix: true })).toEqual([subdomainMsg]);
  });

  it("checks only the characters of a path-segment prefix", () => {
    expect(nameErrors("path-segment", ".", { prefix: true })).toEqual([]);
    expect(nameErrors("path-segment", "a/", { prefix: true })).toEqual(["may not contain '/'"]);
  });
});
