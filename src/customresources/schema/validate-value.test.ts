import { describe, expect, it } from "vitest";
import { fieldErrorText, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { validateValue } from "./validate-value.ts";

const texts = (errors: FieldError[]): string[] => errors.map(fieldErrorText);
const check = (schema: JSONSchemaProps, value: unknown, path = ""): string[] => texts(validateValue(schema, value, path));

const withField = (field: JSONSchemaProps): JSONSchemaProps => ({ type: "object", properties: { field } });

// The cases of kube's own TestValidateCustomResource (apiextensions-apiserver pkg/apiserver/validation).
describe("validateValue: kube's TestValidateCustomResource cases", () => {
  it("a non-nullable object field refuses every other type and null", () => {
    const schema = withField({ type: "object" });
    expect(check(schema, {})).toEqual([]);
    expect(check(schema, { field: {} })).toEqual([]);
    expect(check(schema, { field: "foo" })).toEqual([`field: Invalid value: "string": field in body must be of type object: "string"`]);
    expect(check(schema, { field: 42 })).toEqual([`field: Invalid value: "integer": field in body must be of type object: "integer"`]);
    expect(check(schema, { field: true })).toEqual([`field: Invalid value: "boolean": field in body must be of type object: "boolean"`]);
    expect(check(schema, { field: 1.2 })).toEqual([`field: Invalid value: "number": field in body must be of type object: "number"`]);
    expect(check(schema, { field: [] })).toEqual([`field: Invalid value: "array": field in body must be of type object: "array"`]);
    expect(check(schema, { field: null })).toEqual([`field: Invalid value: "null": field in body must be of type object: "null"`]);
  });

  it("nullable admits null; nullable without a type admits anything", () => {
    expect(check(withField({ type: "object", nullable: true }), { field: null })).toEqual([]);
    expect(check(withField({ type: "object", nullable: true }), { field: 42 })).toEqual([
      `field: Invalid value: "integer": field in body must be of type object: "integer"`,
    ]);
    for (const v of [null, "foo", 42, true, 1.2, [], {}]) expect(check(withField({ nullable: true }), { field: v })).toEqual([]);
  });

  it("x-kubernetes-int-or-string is integer or string", () => {
    const schema = withField({ "x-kubernetes-int-or-string": true });
    expect(check(schema, { field: 42 })).toEqual([]);
    expect(check(schema, { field: "foo" })).toEqual([]);
    expect(check(schema, { field: null })).toEqual([`field: Invalid value: "null": field in body must be of type integer,string: "null"`]);
    expect(check(schema, { field: 1.2 })).toEqual([`field: Invalid value: "number": field in body must be of type integer,string: "number"`]);
    expect(check(schema, { field: {} })).toEqual([`field: Invalid value: "object": field in body must be of type integer,string: "object"`]);
    expect(check(withField({ "x-kubernetes-int-or-string": true, nullable: true }), { field: null })).toEqual([]);
  });

  it("anyOf failures: the composite at <nil>, then the best branch's errors", () => {
    const schema = withField({ nullable: true, "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] });
    expect(check(schema, { field: null })).toEqual([]);
    expect(check(schema, { field: 42 })).toEqual([]);
    expect(check(schema, { field: true })).toEqual([
      `field: Invalid value: "boolean": field in body must be of type integer,string: "boolean"`,
      `<nil>: Invalid value: "": "field" must validate at least one schema (anyOf)`,
      `field: Invalid value: "boolean": field in body must be of type integer: "boolean"`,
    ]);
  });

  it("allOf around anyOf", () => {
    const schema = withField({
      nullable: true,
      "x-kubernetes-int-or-string": true,
      allOf: [{ anyOf: [{ type: "integer" }, { type: "string" }] }],
    });
    expect(check(schema, { field: "foo" })).toEqual([]);
    expect(check(schema, { field: [] })).toEqual([
      `field: Invalid value: "array": field in body must be of type integer,string: "array"`,
      `<nil>: Invalid value: "": "field" must validate at least one schema (anyOf)`,
      `field: Invalid value: "array": field in body must be of type integer: "array"`,
      `<nil>: Invalid value: "": "field" must validate all the schemas (allOf). None validated`,
    ]);
  });

  it("an invalid pattern fails every value with Go's compile error", () => {
    expect(check(withField({ type: "string", pattern: "+" }), { field: "foo" })).toEqual([
      "field: Invalid value: \"foo\": field in body should match '+, but pattern is invalid: error parsing regexp: missing argument to repetition operator: `+`'",
    ]);
  });

  it("required fields", () => {
    const schema: JSONSchemaProps = {
      type: "object",
      required: ["field"],
      properties: { field: { type: "object", required: ["nested"], properties: { nested: {} } } },
    };
    expect(check(schema, { test: "a" })).toEqual(["field: Required value"]);
    expect(check(schema, { field: {} })).toEqual(["field.nested: Required value"]);
  });

  it("enum: Unsupported value with the supported values quoted, after the type error", () => {
    const schema = withField({
      type: "object",
      required: ["nestedint", "nestedstring"],
      properties: { nestedint: { type: "integer", enum: [1, 2] }, nestedstring: { type: "string", enum: ["a", "b"] } },
    });
    expect(check(schema, { field: {} })).toEqual(["field.nestedint: Required value", "field.nestedstring: Required value"]);
    expect(check(schema, { field: { nestedint: "x", nestedstring: true } })).toEqual([
      `field.nestedint: Invalid value: "string": field.nestedint in body must be of type integer: "string"`,
      `field.nestedint: Unsupported value: "x": supported values: "1", "2"`,
      `field.nestedstring: Invalid value: "boolean": field.nestedstring in body must be of type string: "boolean"`,
      `field.nestedstring: Unsupported value: true: supported values: "a", "b"`,
    ]);
  });

  it("maxProperties, maxItems, maxLength, k8s name formats", () => {
    expect(check({ type: "object", properties: { fieldX: { type: "object", maxProperties: 2 } } }, { fieldX: { a: true, b: true, c: true } })).toEqual([
      "fieldX: Too many: 3: must have at most 2 items",
    ]);
    expect(check({ type: "object", properties: { fieldX: { type: "array", maxItems: 2 } } }, { fieldX: ["a", "b", "c"] })).toEqual([
      "fieldX: Too many: 3: must have at most 2 items",
    ]);
    expect(check({ type: "object", properties: { fieldX: { type: "string", maxLength: 2 } } }, { fieldX: "abc" })).toEqual([
      "fieldX: Too long: may not be more than 2 bytes",
    ]);
    expect(check({ type: "object", properties: { fieldX: { type: "string", format: "k8s-long-name" } } }, { fieldX: "a.-" })).toEqual([
      `fieldX: Invalid value: "a.-": fieldX in body must be of type k8s-long-name: "a.-"`,
    ]);
    expect(check({ type: "object", properties: { fieldX: { type: "string", format: "k8s-short-name" } } }, { fieldX: "a-" })).toEqual([
      `fieldX: Invalid value: "a-": fieldX in body must be of type k8s-short-name: "a-"`,
    ]);
  });
});

const spec = (props: Record<string, JSONSchemaProps>): JSONSchemaProps => ({
  type: "object",
  properties: { spec: { type: "object", properties: props } },
});

describe("validateValue: value validations", () => {
  it("a wrong type: FieldValueTypeInvalid with the JSON type as the value", () => {
    const errors = validateValue(spec({ replicas: { type: "integer" } }), { spec: { replicas: "3" } }, "");
    expect(errors).toEqual([
      {
        type: "FieldValueTypeInvalid",
        field: "spec.replicas",
        value: "string",
        detail: `spec.replicas in body must be of type integer: "string"`,
      },
    ]);
  });

  it("numbers: integral floats are integers, bounds inclusive and exclusive", () => {
    const schema = spec({ n: { type: "integer", minimum: 1, maximum: 10 }, x: { type: "number", maximum: 10, exclusiveMaximum: true } });
    expect(check(schema, { spec: { n: 1.0, x: 9.5 } })).toEqual([]);
    expect(check(schema, { spec: { n: 0 } })).toEqual(["spec.n: Invalid value: 0: spec.n in body should be greater than or equal to 1"]);
    expect(check(schema, { spec: { n: 11 } })).toEqual(["spec.n: Invalid value: 11: spec.n in body should be less than or equal to 10"]);
    expect(check(schema, { spec: { x: 10 } })).toEqual(["spec.x: Invalid value: 10: spec.x in body should be less than 10"]);
    expect(check(schema, { spec: { x: 10.5 } })).toEqual(["spec.x: Invalid value: 10.5: spec.x in body should be less than 10"]);
    expect(check(spec({ x: { type: "number", exclusiveMinimum: true, minimum: 0 } }), { spec: { x: 0 } })).toEqual([
      "spec.x: Invalid value: 0: spec.x in body should be greater than 0",
    ]);
  });

  it("an integer is held to bounds truncated to integers, as kube compares int64s", () => {
    const schema = spec({ n: { type: "integer", minimum: 1.5, maximum: 1000000.5 } });
    expect(check(schema, { spec: { n: 1 } })).toEqual([]); // 1 >= int64(1.5)
    expect(check(schema, { spec: { n: 1000001 } })).toEqual([
      "spec.n: Invalid value: 1000001: spec.n in body should be less than or equal to 1000000",
    ]);
    expect(check(spec({ x: { type: "number", maximum: 1000000 } }), { spec: { x: 2000000.5 } })).toEqual([
      "spec.x: Invalid value: 2000000.5: spec.x in body should be less than or equal to 1e+06",
    ]);
  });

  it("multipleOf", () => {
    expect(check(spec({ n: { type: "integer", multipleOf: 3 } }), { spec: { n: 4 } })).toEqual([
      "spec.n: Invalid value: 4: spec.n in body should be a multiple of 3",
    ]);
    expect(check(spec({ n: { type: "integer", multipleOf: 3 } }), { spec: { n: -6 } })).toEqual([]);
    expect(check(spec({ x: { type: "number", multipleOf: 0.5 } }), { spec: { x: 1.5 } })).toEqual([]);
    expect(check(spec({ x: { type: "number", multipleOf: 0.5 } }), { spec: { x: 0.3 } })).toEqual([
      "spec.x: Invalid value: 0.3: spec.x in body should be a multiple of 0.5",
    ]);
    // kube truncates the factor to an int64 for an integer value.
    expect(check(spec({ x: { type: "number", multipleOf: 0.5 } }), { spec: { x: 3 } })).toEqual([
      "spec.x: Invalid value: 0: factor MultipleOf declared for spec.x must be positive: 0",
    ]);
  });

  it("strings: length in characters, minLength, pattern (RE2 syntax, unanchored)", () => {
    const schema = spec({ name: { type: "string", minLength: 3, maxLength: 5, pattern: "^\\p{Ll}+$" }, p: { type: "string", pattern: "[[:digit:]]" } });
    expect(check(schema, { spec: { name: "héllo", p: "a1" } })).toEqual([]);
    expect(check(schema, { spec: { name: "ab" } })).toEqual([`spec.name: Invalid value: "ab": spec.name in body should be at least 3 chars long`]);
    expect(check(schema, { spec: { name: "toolong" } })).toEqual(["spec.name: Too long: may not be more than 5 bytes"]);
    expect(check(schema, { spec: { name: "ABC" } })).toEqual([`spec.name: Invalid value: "ABC": spec.name in body should match '^\\p{Ll}+$'`]);
    expect(check(schema, { spec: { p: "abc" } })).toEqual([`spec.p: Invalid value: "abc": spec.p in body should match '[[:digit:]]'`]);
    expect(check(spec({ one: { type: "string", maxLength: 1 } }), { spec: { one: "ab" } })).toEqual(["spec.one: Too long: may not be more than 1 byte"]);
  });

  it("a string under another type is still held to string checks", () => {
    expect(check(spec({ n: { type: "integer", maxLength: 2 } }), { spec: { n: "abcd" } })).toEqual([
      `spec.n: Invalid value: "string": spec.n in body must be of type integer: "string"`,
      "spec.n: Too long: may not be more than 2 bytes",
    ]);
  });

  it("arrays: items with indexed paths, minItems, uniqueItems", () => {
    const schema = spec({ list: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string" } } });
    expect(check(schema, { spec: { list: ["a", 1, null] } })).toEqual([
      `spec.list[1]: Invalid value: "integer": spec.list[1] in body must be of type string: "integer"`,
      `spec.list[2]: Invalid value: "null": spec.list[2] in body must be of type string: "null"`,
    ]);
    expect(check(schema, { spec: { list: [] } })).toEqual(["spec.list: Invalid value: 0: spec.list in body should have at least 1 items"]);
    expect(check(schema, { spec: { list: ["a", "a"] } })).toEqual([`spec.list: Invalid value: "": spec.list in body shouldn't contain duplicates`]);
    expect(check(spec({ one: { type: "array", maxItems: 1 } }), { spec: { one: [1, 2] } })).toEqual(["spec.one: Too many: 2: must have at most 1 item"]);
  });

  it("maps: additionalProperties schemas, minProperties", () => {
    const schema = spec({ labels: { type: "object", minProperties: 1, additionalProperties: { type: "string", maxLength: 3 } } });
    expect(check(schema, { spec: { labels: { a: "x" } } })).toEqual([]);
    expect(check(schema, { spec: { labels: { a: 1, b: "long" } } })).toEqual([
      `spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"`,
      "spec.labels.b: Too long: may not be more than 3 bytes",
    ]);
    expect(check(schema, { spec: { labels: {} } })).toEqual(["spec.labels: Invalid value: 0: spec.labels in body should have at least 1 properties"]);
  });

  it("formats kube supports; unknown formats and int32/int64/float/double are not checked", () => {
    const schema = spec({
      t: { type: "string", format: "date-time" },
      d: { type: "string", format: "date" },
      ip: { type: "string", format: "ipv4" },
      b: { type: "string", format: "byte" },
      n: { type: "integer", format: "int32" },
      f: { type: "number", format: "float" },
      u: { type: "string", format: "my-format" },
    });
    expect(check(schema, { spec: { t: "2024-02-29T10:00:00Z", d: "2024-02-29", ip: "10.0.0.1", b: "aGk=", n: 2 ** 40, f: 1e300, u: "x" } })).toEqual([]);
    expect(check(schema, { spec: { t: "yesterday", d: "2023-02-29", ip: "::1", b: "" } })).toEqual([
      `spec.t: Invalid value: "yesterday": spec.t in body must be of type date-time: "yesterday"`,
      `spec.d: Invalid value: "2023-02-29": spec.d in body must be of type date: "2023-02-29"`,
      `spec.ip: Invalid value: "::1": spec.ip in body must be of type ipv4: "::1"`,
      `spec.b: Invalid value: "": spec.b in body must be of type byte: ""`,
    ]);
    // A formatted string field given a number is named by the number's Go format.
    expect(check(spec({ d: { type: "string", format: "date" } }), { spec: { d: 5 } })).toEqual([
      `spec.d: Invalid value: "int64": spec.d in body must be of type date: "int64"`,
    ]);
  });

  it("enum: null is never in an enum; numbers compare as kube converts them", () => {
    const schema = spec({ c: { type: "string", nullable: true, enum: ["red", "green"] }, n: { type: "number", enum: [1, 2.5] } });
    expect(check(schema, { spec: { c: null } })).toEqual([`spec.c: Unsupported value: null: supported values: "red", "green"`]);
    expect(check(schema, { spec: { n: 2.5 } })).toEqual([]);
    expect(check(schema, { spec: { n: 1.7 } })).toEqual([]); // float64 1.7 converted to int64 is 1
    expect(check(schema, { spec: { n: 3 } })).toEqual([`spec.n: Unsupported value: 3: supported values: "1", "2.5"`]);
    expect(check(spec({ o: { enum: [{ a: 1 }] } }), { spec: { o: { a: 2 } } })).toEqual([
      `spec.o: Unsupported value: {"a":2}: supported values: "{\\"a\\":1}"`,
    ]);
  });

  it("oneOf and not", () => {
    const oneOf = spec({ s: { type: "object", oneOf: [{ required: ["a"] }, { required: ["b"] }] } });
    expect(check(oneOf, { spec: { s: { a: 1 } } })).toEqual([]);
    expect(check(oneOf, { spec: { s: { a: 1, b: 2 } } })).toEqual([
      `<nil>: Invalid value: "": "spec.s" must validate one and only one schema (oneOf). Found 2 valid alternatives`,
    ]);
    expect(check(oneOf, { spec: { s: {} } })).toEqual([
      `<nil>: Invalid value: "": "spec.s" must validate one and only one schema (oneOf). Found none valid`,
      "spec.s.a: Required value",
    ]);
    const not = spec({ s: { type: "object", not: { required: ["x"] } } });
    expect(check(not, { spec: { s: {} } })).toEqual([]);
    expect(check(not, { spec: { s: { x: 1 } } })).toEqual([`<nil>: Invalid value: "": "spec.s" must not validate the schema (not)`]);
  });

  it("anyOf reports the branch that got furthest", () => {
    const schema = spec({
      s: {
        type: "object",
        anyOf: [{ properties: { a: { type: "string" } }, required: ["a"] }, { properties: { b: { type: "integer", minimum: 5 } }, required: ["b"] }],
      },
    });
    // The second branch validates b (a matched property) and so counts more matches than the first.
    expect(check(schema, { spec: { s: { b: 1 } } })).toEqual([
      `<nil>: Invalid value: "": "spec.s" must validate at least one schema (anyOf)`,
      "spec.s.b: Invalid value: 1: spec.s.b in body should be greater than or equal to 5",
    ]);
  });

  it("the same message twice is reported once", () => {
    const schema = spec({ n: { type: "integer", maximum: 3, allOf: [{ maximum: 3 }] } });
    expect(check(schema, { spec: { n: 4 } })).toEqual([
      "spec.n: Invalid value: 4: spec.n in body should be less than or equal to 3",
      `<nil>: Invalid value: "": "spec.n" must validate all the schemas (allOf). None validated`,
    ]);
  });

  it("under a prefix (the status subresource): fields are prefixed, messages are not", () => {
    const status: JSONSchemaProps = { type: "object", properties: { replicas: { type: "integer" } }, anyOf: [{ required: ["replicas"] }] };
    expect(check(status, { replicas: "x" }, "status")).toEqual([
      `status.replicas: Invalid value: "string": replicas in body must be of type integer: "string"`,
    ]);
    expect(check(status, {}, "status")).toEqual([
      `status: Invalid value: "": "" must validate at least one schema (anyOf)`,
      "status.replicas: Required value",
    ]);
  });

  it("additionalProperties: false forbids every key not in properties, reported on the map", () => {
    expect(check(spec({ m: { type: "object", additionalProperties: false } }), { spec: { m: { a: 1 } } })).toEqual([
      `spec.m: Invalid value: "a": spec.m.a in body is a forbidden property`,
    ]);
  });
});

describe("validateValue: embedded resources", () => {
  const schema = spec({
    template: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true },
    list: { type: "array", items: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true } },
  });

  it("requires apiVersion and kind, even with x-kubernetes-preserve-unknown-fields", () => {
    expect(check(schema, { spec: { template: {} } })).toEqual(["spec.template.apiVersion: Required value", "spec.template.kind: Required value"]);
    expect(check(schema, { spec: { template: { apiVersion: "v1", kind: "Pod", metadata: { name: "x" } } } })).toEqual([]);
  });

  it("checks apiVersion, kind and metadata", () => {
    expect(
      check(schema, { spec: { list: [{ apiVersion: "a/b/c", kind: "Foo_Bar", metadata: { name: "a/b", labels: { k: "-" } } }] } }),
    ).toEqual([
      `spec.list[0].apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c`,
      `spec.list[0].kind: Invalid value: "Foo_Bar": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      `spec.list[0].metadata.name: Invalid value: "a/b": may not contain '/'`,
      `spec.list[0].metadata.labels: Invalid value: "-": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
    expect(check(schema, { spec: { template: { apiVersion: 1, kind: "", metadata: { name: 5 } } } })).toEqual([
      "spec.template.apiVersion: Invalid value: 1: must be a string",
      `spec.template.kind: Invalid value: "": must not be empty`,
      `spec.template.metadata: Invalid value: {"name":5}: json: cannot unmarshal number into Go struct field ObjectMeta.name of type string`,
    ]);
  });

  it("is skipped when asked (the status subresource)", () => {
    expect(validateValue(schema, { spec: { template: {} } }, "", { embeddedResources: false })).toEqual([]);
  });
});

describe("validateValue: list types", () => {
  const schema = spec({
    tags: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
    ports: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["name"],
      items: { type: "object", properties: { name: { type: "string" }, port: { type: "integer" } } },
    },
    pairs: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["a", "b"],
      items: { type: "object", properties: { a: { type: "string" }, b: { type: "integer" } } },
    },
    byName: { type: "object", additionalProperties: { type: "array", "x-kubernetes-list-type": "set", items: { type: "integer" } } },
  });

  it("a set's repeated value once, at its second occurrence", () => {
    expect(check(schema, { spec: { tags: ["a", "b", "a", "a", "b"] } })).toEqual([
      `spec.tags[2]: Duplicate value: "a"`,
      `spec.tags[4]: Duplicate value: "b"`,
    ]);
  });

  it("a map's repeated keys, a missing key as {}", () => {
    expect(check(schema, { spec: { ports: [{ name: "a", port: 1 }, { name: "a", port: 2 }, { port: 3 }, { port: 4 }] } })).toEqual([
      `spec.ports[1]: Duplicate value: {"name":"a"}`,
      "spec.ports[3]: Duplicate value: {}",
    ]);
    expect(check(schema, { spec: { pairs: [{ a: "x", b: 1 }, { a: "x", b: 2 }, { b: 1, a: "x" }] } })).toEqual([
      `spec.pairs[2]: Duplicate value: {"a":"x","b":1}`,
    ]);
  });

  it("a map list holds objects only; map values are bracketed", () => {
    expect(texts(validateValue(schema, { spec: { ports: ["x"] } }, "", { listTypes: true }))).toContain(
      `spec.ports[0]: Invalid value: "x": must be an object for an array of list-type map`,
    );
    expect(check(schema, { spec: { byName: { k: [1, 1] } } })).toEqual(["spec.byName[k][1]: Duplicate value: 1"]);
  });
});

describe("validateValue: ratcheting on update", () => {
  const schema = spec({
    name: { type: "string", maxLength: 3 },
    other: { type: "string" },
    items: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["k"],
      items: { type: "object", properties: { k: { type: "string" }, v: { type: "integer", maximum: 1 } } },
    },
    plain: { type: "array", items: { type: "integer", maximum: 1 } },
    tags: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
  });

  it("an unchanged invalid value is accepted, a changed one is not", () => {
    const old = { spec: { name: "toolong", other: "a" } };
    expect(validateValue(schema, { spec: { name: "toolong", other: "b" } }, "", { oldValue: old })).toEqual([]);
    expect(texts(validateValue(schema, { spec: { name: "toolong!", other: "b" } }, "", { oldValue: old }))).toEqual([
      "spec.name: Too long: may not be more than 3 bytes",
    ]);
    expect(texts(validateValue(schema, { spec: { name: "toolong" } }, ""))).toEqual(["spec.name: Too long: may not be more than 3 bytes"]);
  });

  it("map-list items pair by key; other lists' items do not pair", () => {
    const old = { spec: { items: [{ k: "a", v: 5 }], plain: [5] } };
    expect(validateValue(schema, { spec: { items: [{ k: "b", v: 0 }, { k: "a", v: 5 }], plain: [5] } }, "", { oldValue: old })).toEqual([]);
    expect(texts(validateValue(schema, { spec: { items: [{ k: "a", v: 5 }], plain: [0, 5] } }, "", { oldValue: old }))).toEqual([
      "spec.plain[1]: Invalid value: 5: spec.plain[1] in body should be less than or equal to 1",
    ]);
  });

  it("list-type errors are reported only when the old object had none", () => {
    const dup = { spec: { tags: ["a", "a"] } };
    expect(validateValue(schema, { spec: { tags: ["a", "a", "b"] } }, "", { oldValue: dup })).toEqual([]);
    expect(texts(validateValue(schema, { spec: { tags: ["a", "a"] } }, "", { oldValue: { spec: {} } }))).toEqual([
      `spec.tags[1]: Duplicate value: "a"`,
    ]);
  });
});
