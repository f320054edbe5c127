// Validation ratcheting on update (CRDValidationRatcheting, GA): the new value of a node paired with the old
// value it replaces, as apiserver's CorrelatedObject pairs them. A property pairs with the old object's property
// of the same name, an item of an x-kubernetes-list-type=map list with the old item of the same keys; items of
// other lists never pair. A node whose errors would all come from an unchanged value (deepEqual) has them dropped.

import { isPlainObject } from "../../api/object.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { structural } from "./structural.ts";

function plainEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!plainEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const k of keys) if (!Object.hasOwn(b, k) || !plainEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** The composite key of a map-list item, or undefined when a key is missing or not a scalar. */
function itemKey(item: unknown, keys: readonly string[]): string | undefined {
  if (!isPlainObject(item)) return undefined;
  let key = "";
  for (const k of keys) {
    if (!Object.hasOwn(item, k)) return undefined;
    const v = item[k];
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return undefined;
    key += `\0${typeof v}:${String(v)}`;
  }
  return key;
}

export class Correlation {
  private equal: boolean | undefined;
  private oldByKey: Map<string, unknown> | undefined;

  constructor(
    readonly value: unknown,
    readonly oldValue: unknown,
    readonly schema: JSONSchemaProps,
  ) {}

  /** The pairing for property `field`, when both values have it and the schema describes it. */
  key(field: string): Correlation | undefined {
    if (!isPlainObject(this.oldValue) || !isPlainObject(this.value)) return undefined;
    if (!Object.hasOwn(this.oldValue, field) || !Object.hasOwn(this.value, field)) return undefined;
    const node = structural(this.schema);
    let sub: JSONSchemaProps | undefined;
    if (node.properties && Object.hasOwn(node.properties, field)) sub = node.properties[field];
    else if (typeof node.additional === "object") sub = node.additional;
    if (!sub) return undefined;
    return new Correlation(this.value[field], this.oldValue[field], sub);
  }

  /** The pairing for item `index`: only items of map lists pair, by their keys. */
  index(index: number): Correlation | undefined {
    const node = structural(this.schema);
    if (!Array.isArray(this.oldValue) || !Array.isArray(this.value) || index >= this.value.length) return undefined;
    if (node.listType !== "map" || !node.items) return undefined;
    const old = this.oldItem(this.value[index], node.listMapKeys);
    return old === undefined ? undefined : new Correlation(this.value[index], old, node.items);
  }

  private oldItem(item: unknown, keys: readonly string[]): unknown {
    if (keys.length === 0 || this.schema.type !== "array") return undefined;
    const key = itemKey(item, keys);
    if (key === undefined) return undefined;
    if (!this.oldByKey) {
      this.oldByKey = new Map();
      for (const old of this.oldValue as unknown[]) {
        const k = itemKey(old, keys);
        if (k !== undefined && !this.oldByKey.has(k)) this.oldByKey.set(k, old);
      }
    }
    return this.oldByKey.get(key);
  }

  /** CorrelatedObject.CachedDeepEqual: unchanged, judged through the schema's pairings. */
  deepEqual(): boolean {
    if (this.equal === undefined) this.equal = this.compare();
    return this.equal;
  }

  private compare(): boolean {
    const { value, oldValue } = this;
    if (value === null || value === undefined || oldValue === null || oldValue === undefined) {
      return (value ?? null) === (oldValue ?? null);
    }
    if (Array.isArray(value) !== Array.isArray(oldValue) || isPlainObject(value) !== isPlainObject(oldValue)) return false;
    if (Array.isArray(value)) {
      const old = oldValue as unknown[];
      if (value.length !== old.length) return false;
      const node = structural(this.schema);
      const mapList = node.listType === "map"; // kube compares map lists item by item only
      for (let i = 0; i < value.length; i++) {
        const child = this.index(i);
        if (!child) return mapList ? false : plainEqual(old, value);
        if (!child.deepEqual()) return false;
      }
      return true;
    }
    if (isPlainObject(value)) {
      const old = oldValue as Record<string, unknown>;
      const keys = Object.keys(value);
      if (keys.length !== Object.keys(old).length) return false;
      for (const k of keys) {
        const child = this.key(k);
        if (!child || !child.deepEqual()) return false;
      }
      return true;
    }
    return value === oldValue;
  }
}
