// Structural defaulting (apiextensions-apiserver schema/defaulting/algorithm.go): a property that is absent, or
// null while its schema is not nullable, gets a deep copy of the property's default; then every value is
// defaulted by its own schema, defaults just set included, through properties, additionalProperties and items
// (a non-nullable null item or map value with a default is replaced too). A default of null is no default.
// Defaults are first pruned by their own schema, as kube prunes them when it loads the CRD.

import { isPlainObject } from "../../api/object.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { pruneUnknown } from "./prune.ts";
import { structural } from "./structural.ts";

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) set(out, key, clone(v[key]));
    return out;
  }
  return v;
}

/** Sets an own property, "__proto__" included. */
function set(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

const pruned = new WeakMap<JSONSchemaProps, { value: unknown }>();

/** The schema's default as kube serves it (pruned by the schema), or undefined when there is none. */
function defaultOf(schema: JSONSchemaProps): unknown {
  if (schema.default === undefined || schema.default === null) return undefined;
  let entry = pruned.get(schema);
  if (!entry) {
    const value = clone(schema.default);
    pruneUnknown(schema, value, { isResourceRoot: false });
    entry = { value };
    pruned.set(schema, entry);
  }
  return clone(entry.value);
}

function isNonNullableNull(v: unknown, schema: JSONSchemaProps | undefined): schema is JSONSchemaProps {
  return v === null && schema !== undefined && schema.nullable !== true;
}

function walk(x: unknown, schema: JSONSchemaProps): void {
  const node = structural(schema);
  if (Array.isArray(x)) {
    const items = node.items;
    if (!items) return;
    for (let i = 0; i < x.length; i++) {
      if (isNonNullableNull(x[i], items)) x[i] = defaultOf(items) ?? null;
      walk(x[i], items);
    }
    return;
  }
  if (!isPlainObject(x)) return;
  const props = node.properties;
  if (props) {
    for (const key in props) {
      if (!Object.hasOwn(props, key)) continue;
      const prop = props[key];
      if (prop.default === undefined || prop.default === null) continue;
      if (!Object.hasOwn(x, key) || isNonNullableNull(x[key], prop)) set(x, key, defaultOf(prop));
    }
  }
  const additional = typeof node.additional === "object" ? node.additional : undefined;
  for (const key of Object.keys(x)) {
    if (props && Object.hasOwn(props, key)) walk(x[key], props[key]);
    else if (additional) {
      if (isNonNullableNull(x[key], additional)) set(x, key, defaultOf(additional) ?? null);
      walk(x[key], additional);
    }
  }
}

/** Applies the schema's defaults to `value` in place. */
export function applyDefaults(schema: JSONSchemaProps | undefined, value: unknown): void {
  if (schema) walk(value, schema);
}
