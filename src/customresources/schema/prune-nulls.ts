// kube's PruneNonNullableNullsWithoutDefaults (apiextensions-apiserver schema/defaulting/prunenulls.go), run on
// decode right after pruning: a map entry whose value is null and whose schema is neither nullable nor has a
// default is removed, as if it had not been sent. Nulls that have a default are left for applyDefaults to
// replace; list items are never removed.

import { isPlainObject } from "../../api/object.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { structural } from "./structural.ts";

function fieldSchema(schema: JSONSchemaProps | undefined, key: string): JSONSchemaProps | undefined {
  if (!schema) return undefined;
  const node = structural(schema);
  if (node.properties && Object.hasOwn(node.properties, key)) return node.properties[key];
  return typeof node.additional === "object" ? node.additional : undefined;
}

function prune(x: unknown, schema: JSONSchemaProps | undefined): void {
  if (Array.isArray(x)) {
    const items = schema ? structural(schema).items : undefined;
    for (const item of x) prune(item, items);
    return;
  }
  if (!isPlainObject(x)) return;
  for (const key of Object.keys(x)) {
    const sub = fieldSchema(schema, key);
    const v = x[key];
    if (v === null && sub && sub.nullable !== true && (sub.default === undefined || sub.default === null)) delete x[key];
    else prune(v, sub);
  }
}

/** Removes, in place, the null map values the schema neither allows (nullable) nor defaults. */
export function pruneNonNullableNulls(schema: JSONSchemaProps | undefined, value: unknown): void {
  prune(value, schema);
}
