import { describe, expect, it } from "vitest";
import { fieldErrorText as text } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { listTypeErrors } from "./validate-list-types.ts";

const strict = { requireAtomicSetType: true, requireMapListKeysMapSetValidation: true };
const check = (s: JSONSchemaProps, opts = strict) => listTypeErrors(s, "p", opts).map(text);
const mapList = (items: JSONSchemaProps, keys = ["name"]): JSONSchemaProps => ({
  type: "array",
  "x-kubernetes-list-type": "map",
  "x-kubernetes-list-map-keys": keys,
  items,
});

describe("listTypeErrors", () => {
  it("accepts a proper map list, set and map", () => {
    expect(check(mapList({ type: "object", required: ["name"], properties: { name: { type: "string" } } }))).toEqual([]);
    expect(check({ type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } })).toEqual([]);
    expect(check({ type: "object", "x-kubernetes-map-type": "atomic" })).toEqual([]);
  });

  it("ties map and list types to object and array", () => {
    expect(check({ "x-kubernetes-map-type": "granular" })).toEqual(["p.type: Required value: must be object if x-kubernetes-map-type is specified"]);
    expect(check({ type: "string", "x-kubernetes-map-type": "loose" as never })).toEqual([
      `p.type: Invalid value: "string": must be object if x-kubernetes-map-type is specified`,
      `p.x-kubernetes-map-type: Unsupported value: "loose": supported values: "atomic", "granular"`,
    ]);
    expect(check({ type: "object", "x-kubernetes-list-type": "bag" as never })).toEqual([
      `p.type: Invalid value: "object": must be array if x-kubernetes-list-type is specified`,
      `p.x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map"`,
    ]);
  });

  it("wants the items of a set atomic (shown with the items' list type, as kube does)", () => {
    expect(check({ type: "array", "x-kubernetes-list-type": "set", items: { type: "object" } })).toEqual([
      "p.items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set",
    ]);
    expect(check({ type: "array", "x-kubernetes-list-type": "set", items: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } } })).toEqual([
      `p.items.x-kubernetes-list-type: Invalid value: "set": must be atomic as item of a list with x-kubernetes-list-type=set`,
    ]);
    expect(check({ type: "array", "x-kubernetes-list-type": "set", items: { type: "object" } }, { ...strict, requireAtomicSetType: false })).toEqual([]);
  });

  it("needs map keys with a map list type and the other way round", () => {
    expect(check({ type: "array", "x-kubernetes-list-map-keys": ["a"], items: { type: "string" } })).toEqual([
      "p.x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty",
    ]);
    expect(check({ type: "array", "x-kubernetes-list-type": "map" })).toEqual([
      "p.x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map",
      "p.items: Required value: must have a schema if x-kubernetes-list-type is map",
    ]);
  });

  it("checks the items and keys of a map list", () => {
    expect(check(mapList({ type: "string" }))).toEqual([`p.items.type: Invalid value: "string": must be object if parent array's x-kubernetes-list-type is map`]);
    expect(check(mapList({ type: "object", properties: { name: { type: "object" } }, required: ["name"] }, ["name", "missing", "name"]))).toEqual([
      `p.items.properties[name].type: Invalid value: "object": must be a scalar type if parent array's x-kubernetes-list-type is map`,
      `p.x-kubernetes-list-map-keys: Invalid value: ["name","missing","name"]: entries must all be names of item properties`,
      `p.items.properties[name].type: Invalid value: "object": must be a scalar type if parent array's x-kubernetes-list-type is map`,
      `p.x-kubernetes-list-map-keys: Invalid value: ["name","missing","name"]: must not contain duplicate entries`,
    ]);
    expect(listTypeErrors(mapList([] as never), "p", strict).map(text)).toEqual([
      `p.items: Invalid value: {"Schema":null,"JSONSchemas":[]}: must only have a single schema if x-kubernetes-list-type is map`,
    ]);
  });

  it("wants map keys required or defaulted and nothing nullable", () => {
    expect(check(mapList({ type: "object", nullable: true, properties: { name: { type: "string", nullable: true } } }))).toEqual([
      "p.items.nullable: Forbidden: cannot be nullable when x-kubernetes-list-type is map",
      "p.items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
      "p.items.properties[name].nullable: Forbidden: this property is in x-kubernetes-list-map-keys, so it cannot be nullable",
    ]);
    expect(check(mapList({ type: "object", properties: { name: { type: "string", default: "x" } } }))).toEqual([]);
    expect(check(mapList({ type: "object", properties: { name: { type: "string" } } }), { ...strict, requireMapListKeysMapSetValidation: false })).toEqual([]);
  });
});
