// The x-kubernetes-list-type invariants kube checks on custom resources (apiextensions-apiserver
// schema/listtype): a "set" holds no value twice, a "map" no two items with the same keys (and only objects).
// A repeated item is reported once, at its second occurrence, as a Duplicate of the value (sets) or of its keys
// (maps: {"name": "a"}; {} when the key is missing). Paths: properties dotted, map keys and indexes bracketed
// ("spec.ports[1]", "spec.byName[x].list[0]").

import { isPlainObject } from "../../api/object.ts";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { goFormat } from "./go-format.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { structural } from "./structural.ts";

const child = (path: string, name: string): string => (path === "" ? name : `${path}.${name}`);

/** A key equal for equal values: scalars by type and value, compound values by their (key-sorted) JSON. */
function identity(v: unknown): string {
  if (v === unspecified) return "unspecified";
  if (typeof v === "object" && v !== null) return `json:${goFormat.json(v)}`;
  return `${v === null ? "null" : typeof v}:${String(v)}`;
}

const unspecified = Symbol("unspecified key");

/** The index of the second occurrence of every value that occurs more than once, in order. */
function secondOccurrences(values: readonly unknown[]): number[] {
  if (values.length <= 1) return [];
  const seen = new Map<string, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const id = identity(v);
    const times = seen.get(id) ?? 0;
    if (times === 1) out.push(i);
    seen.set(id, times + 1);
  });
  return out;
}

function listMapErrors(path: string, keys: readonly string[], items: readonly unknown[]): FieldError[] {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (x !== null && !isPlainObject(x)) return [fieldError.invalid(`${path}[${i}]`, x, "must be an object for an array of list-type map")];
  }
  if (items.length <= 1) return [];
  if (keys.length === 1) {
    const key = keys[0];
    const values = items.map((x) => (isPlainObject(x) && Object.hasOwn(x, key) ? x[key] : unspecified));
    return secondOccurrences(values).map((i) =>
      fieldError.duplicate(`${path}[${i}]`, values[i] === unspecified ? {} : { [key]: values[i] }),
    );
  }
  const composite = items.map((x) => {
    const k: Record<string, unknown> = {};
    if (isPlainObject(x)) for (const key of keys) if (Object.hasOwn(x, key)) k[key] = x[key];
    return k;
  });
  return secondOccurrences(composite).map((i) => fieldError.duplicate(`${path}[${i}]`, composite[i]));
}

function validateArray(path: string, schema: JSONSchemaProps, items: readonly unknown[], out: FieldError[]): void {
  const node = structural(schema);
  if (node.listType === "set") {
    for (const i of secondOccurrences(items)) out.push(fieldError.duplicate(`${path}[${i}]`, items[i]));
  } else if (node.listType === "map") {
    out.push(...listMapErrors(path, node.listMapKeys, items));
  }
  if (node.items && structural(node.items).hasListTypes()) {
    for (let i = 0; i < items.length; i++) validate(`${path}[${i}]`, node.items, items[i], out);
  }
}

function validateObject(path: string, schema: JSONSchemaProps, obj: Record<string, unknown>, out: FieldError[]): void {
  const node = structural(schema);
  const additional = node.additional;
  if (typeof additional === "object" && structural(additional).hasListTypes()) {
    for (const key of Object.keys(obj)) validate(`${path}[${key}]`, additional, obj[key], out);
  }
  for (const [key, sub] of node.propertyList) {
    if (Object.hasOwn(obj, key) && structural(sub).hasListTypes()) validate(child(path, key), sub, obj[key], out);
  }
}

function validate(path: string, schema: JSONSchemaProps, value: unknown, out: FieldError[]): void {
  if (!structural(schema).hasListTypes()) return;
  if (Array.isArray(value)) validateArray(path, schema, value, out);
  else if (isPlainObject(value)) validateObject(path, schema, value, out);
}

/** The list-type errors of `value` (an object) under `path` ("" for a whole object, as kube checks it). */
export function validateListTypes(schema: JSONSchemaProps | undefined, value: unknown, path = ""): FieldError[] {
  const out: FieldError[] = [];
  if (schema && isPlainObject(value) && structural(schema).hasListTypes()) validateObject(path, schema, value, out);
  return out;
}
