import { describe, expect, it } from "vitest";
import { fieldErrorText as text } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { newStructural } from "./structural.ts";
import { validateStructural } from "./validate-structural.ts";

const P = "spec.validation.openAPIV3Schema";
const check = (s: JSONSchemaProps) => validateStructural(newStructural(s), P).map(text);
const obj = (properties: Record<string, JSONSchemaProps>, extra: JSONSchemaProps = {}): JSONSchemaProps => ({ type: "object", properties, ...extra });

describe("validateStructural: types", () => {
  it("requires a type at every level, except under int-or-string or preserve-unknown-fields", () => {
    expect(check({ properties: { a: {}, b: { type: "array", items: {} }, c: { "x-kubernetes-int-or-string": true }, d: { "x-kubernetes-preserve-unknown-fields": true } } })).toEqual([
      `${P}.properties[a].type: Required value: must not be empty for specified object fields`,
      `${P}.properties[b].items.type: Required value: must not be empty for specified array items`,
      `${P}.type: Required value: must not be empty at the root`,
    ]);
  });

  it("wants an object at the root, without additionalProperties", () => {
    expect(check({ type: "string" })).toEqual([`${P}.type: Invalid value: "string": must be object at the root`]);
    expect(check({ type: "object", additionalProperties: { type: "string" } })).toEqual([`${P}.additionalProperties: Forbidden: must not be used at the root`]);
  });

  it("requires items for arrays", () => {
    expect(check(obj({ list: { type: "array" } }))).toEqual([`${P}.properties[list].items: Required value: must be specified`]);
  });

  it("sorts errors by their text, as kube does", () => {
    const errors = check(obj({ z: {}, a: {} }));
    expect(errors).toEqual([...errors].sort());
    expect(errors[0]).toContain("properties[a]");
  });
});

describe("validateStructural: value validations", () => {
  it("forbids structure inside allOf, anyOf, oneOf and not", () => {
    const s = obj(
      { a: { type: "string" } },
      {
        anyOf: [{ type: "object", description: "d", title: "t", nullable: true, default: {} }],
        not: { "x-kubernetes-list-type": "set", "x-kubernetes-map-type": "atomic", "x-kubernetes-list-map-keys": ["k"] },
        oneOf: [{ additionalProperties: true, "x-kubernetes-validations": [{ rule: "true" }] }],
        allOf: [{ "x-kubernetes-preserve-unknown-fields": true, "x-kubernetes-embedded-resource": true, "x-kubernetes-int-or-string": true }],
      },
    );
    expect(check(s)).toEqual([
      `${P}.allOf[0].x-kubernetes-embedded-resource: Forbidden: must be false to be structural`,
      `${P}.allOf[0].x-kubernetes-int-or-string: Forbidden: must be false to be structural`,
      `${P}.allOf[0].x-kubernetes-preserve-unknown-fields: Forbidden: must be false to be structural`,
      `${P}.anyOf[0].default: Forbidden: must be undefined to be structural`,
      `${P}.anyOf[0].description: Forbidden: must be empty to be structural`,
      `${P}.anyOf[0].nullable: Forbidden: must be false to be structural`,
      `${P}.anyOf[0].title: Forbidden: must be empty to be structural`,
      `${P}.anyOf[0].type: Forbidden: must be empty to be structural`,
      `${P}.not.x-kubernetes-list-map-keys: Forbidden: must be empty to be structural`,
      `${P}.not.x-kubernetes-list-type: Forbidden: must be undefined to be structural`,
      `${P}.not.x-kubernetes-map-type: Forbidden: must be undefined to be structural`,
      `${P}.oneOf[0].additionalProperties: Forbidden: must be undefined to be structural`,
      `${P}.oneOf[0].x-kubernetes-validations: Forbidden: must be empty to be structural`,
    ]);
  });

  it("requires every property a value validation names to exist structurally", () => {
    const s = obj({ a: { type: "string" } }, { anyOf: [{ properties: { a: { minLength: 1 }, b: { properties: { c: {} } } } }], not: { items: { maxLength: 1 } } });
    expect(check(s)).toEqual([
      `${P}.items: Required value: because it is defined in ${P}.not.items`,
      `${P}.properties[b]: Required value: because it is defined in ${P}.anyOf[0].properties[b]`,
    ]);
  });

  it("forbids metadata in a nested context", () => {
    expect(check(obj({ metadata: { type: "object" } }, { allOf: [{ properties: { metadata: {} } }] }))).toEqual([
      `${P}.allOf[0].properties[metadata]: Forbidden: must not be specified in a nested context`,
    ]);
  });

  it("accepts the two int-or-string patterns", () => {
    const intOrString = { anyOf: [{ type: "integer" }, { type: "string" }], "x-kubernetes-int-or-string": true };
    expect(check(obj({ a: intOrString, b: { "x-kubernetes-int-or-string": true, allOf: [{ anyOf: [{ type: "integer" }, { type: "string" }] }, { pattern: "^a" }] } }))).toEqual([]);
    expect(check(obj({ a: { anyOf: [{ type: "integer" }, { type: "string", maxLength: 3 }], "x-kubernetes-int-or-string": true } }))).toEqual([
      `${P}.properties[a].anyOf[0].type: Forbidden: must be empty to be structural`,
      `${P}.properties[a].anyOf[1].type: Forbidden: must be empty to be structural`,
    ]);
  });

  it("checks patterns with Go's regexp syntax", () => {
    expect(check(obj({ a: { type: "string", pattern: "^(?!x).*$" } }))).toEqual([
      `${P}.properties[a].pattern: Invalid value: "^(?!x).*$": must be a valid regular expression, but isn't: error parsing regexp: invalid or unsupported Perl syntax: \`(?!\``,
    ]);
  });
});

describe("validateStructural: metadata and embedded resources", () => {
  it("lets root metadata restrict only name and generateName", () => {
    expect(check(obj({ metadata: { type: "object", properties: { name: { type: "string", maxLength: 10 }, generateName: { type: "string" } } } }))).toEqual([]);
    expect(check(obj({ metadata: { type: "object", description: "m" } }))).toEqual([
      `${P}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
    ]);
    expect(check(obj({ metadata: { type: "object", properties: { name: { type: "string" }, labels: { type: "object" } } } }))).toEqual([
      `${P}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
    ]);
    expect(check(obj({ metadata: { type: "string" }, kind: { type: "integer" }, apiVersion: { type: "string" } }))).toEqual([
      `${P}.properties[kind].type: Invalid value: "integer": must be string`,
      `${P}.properties[metadata].type: Invalid value: "string": must be object`,
    ]);
  });

  it("checks embedded resources: object, no additionalProperties, properties or preserve-unknown-fields", () => {
    expect(check(obj({ e: { "x-kubernetes-embedded-resource": true } }))).toEqual([
      `${P}.properties[e].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
      `${P}.properties[e].type: Required value: must be object if x-kubernetes-embedded-resource is true`,
    ]);
    expect(check(obj({ e: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true, additionalProperties: true } }))).toEqual([
      `${P}.properties[e].additionalProperties: Forbidden: must not be used if x-kubernetes-embedded-resource is set`,
    ]);
    expect(check(obj({ e: { type: "object", "x-kubernetes-embedded-resource": true, properties: { metadata: { type: "object", description: "ok in embedded" } } } }))).toEqual([]);
  });

  it("forbids combining int-or-string with preserve-unknown-fields or embedded-resource", () => {
    expect(check(obj({ x: { "x-kubernetes-int-or-string": true, "x-kubernetes-preserve-unknown-fields": true } }))).toEqual([
      `${P}.properties[x].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`,
    ]);
  });
});

describe("newStructural", () => {
  it("refuses what a structural schema cannot hold, with kube's message", () => {
    expect(() => newStructural({ $schema: "http://json-schema.org/draft-04/schema#" })).toThrow("OpenAPIV3Schema 'schema' is not supported");
    expect(() => newStructural({ properties: { a: { items: [{}] } } })).toThrow("OpenAPIV3Schema 'items' must be a schema, but is an array");
    expect(() => newStructural({ "x-kubernetes-preserve-unknown-fields": false })).toThrow("internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined");
  });
});
