// Old values correlated with new ones on update (kube's CorrelatedObject): object fields and map entries by key,
// items of x-kubernetes-list-type=map lists by their key fields; items of set and atomic lists have no old
// value. Used for oldSelf and for ratcheting: an error of a rule without oldSelf, on a value that did not change
// (or under the nearest correlated value that did not), is a warning instead (CRDValidationRatcheting, GA).

import type { JSONSchemaProps } from "../schema/json-schema-props.ts";

export interface Correlated {
  value: unknown;
  old: unknown;
  schema: JSONSchemaProps;
  equal?: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function itemsOf(schema: JSONSchemaProps): JSONSchemaProps | undefined {
  return Array.isArray(schema.items) ? schema.items[0] : schema.items;
}

const mapListIndexes = new WeakMap<unknown[], Map<string, unknown>>();

function mapListKey(item: unknown, keys: readonly string[]): string | undefined {
  if (!isPlainObject(item)) return undefined;
  return JSON.stringify(keys.map((k) => item[k] ?? null));
}

/** The old item a new item of a list correlates with: same key fields in a map list; none otherwise. */
export function correlatedItem(schema: JSONSchemaProps, oldList: unknown, item: unknown): unknown {
  const keys = schema["x-kubernetes-list-map-keys"];
  if (schema["x-kubernetes-list-type"] !== "map" || !keys?.length || !Array.isArray(oldList)) return undefined;
  let index = mapListIndexes.get(oldList);
  if (!index) {
    index = new Map();
    for (const old of oldList) {
      const key = mapListKey(old, keys);
      if (key !== undefined && !index.has(key)) index.set(key, old);
    }
    mapListIndexes.set(oldList, index);
  }
  const key = mapListKey(item, keys);
  return key === undefined ? undefined : index.get(key);
}

/** The correlation of an object's field or map's entry (kube: present in both old and new, with a schema). */
export function correlateKey(c: Correlated, key: string): Correlated | undefined {
  if (!isPlainObject(c.value) || !isPlainObject(c.old) || !(key in c.value) || !(key in c.old)) return undefined;
  const schema = c.schema.properties?.[key] ?? (typeof c.schema.additionalProperties === "object" ? c.schema.additionalProperties : undefined);
  return schema && { value: c.value[key], old: c.old[key], schema };
}

export function correlateIndex(c: Correlated, i: number): Correlated | undefined {
  if (!Array.isArray(c.value) || i >= c.value.length) return undefined;
  const old = correlatedItem(c.schema, c.old, c.value[i]);
  const schema = itemsOf(c.schema);
  return old === undefined || !schema ? undefined : { value: c.value[i], old, schema };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Whether the value equals its old value, map-list items compared by key (kube's CachedDeepEqual). */
export function unchanged(c: Correlated): boolean {
  if (c.equal !== undefined) return c.equal;
  let equal: boolean;
  const { value, old } = c;
  if (value === null || value === undefined || old === null || old === undefined) {
    equal = (value ?? null) === (old ?? null);
  } else if (Array.isArray(value) && Array.isArray(old)) {
    if (value.length !== old.length) equal = false;
    else if (c.schema["x-kubernetes-list-type"] !== "map") equal = deepEqual(value, old);
    else equal = value.every((_, i) => {
      const item = correlateIndex(c, i);
      return item !== undefined && unchanged(item);
    });
  } else if (isPlainObject(value) && isPlainObject(old)) {
    const keys = Object.keys(value);
    equal = keys.length === Object.keys(old).length && keys.every((k) => {
      const field = correlateKey(c, k);
      return field !== undefined && unchanged(field);
    });
  } else {
    equal = deepEqual(value, old);
  }
  c.equal = equal;
  return equal;
}
