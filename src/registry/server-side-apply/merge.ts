// Merges an applied configuration into the live object under the kind's schema: granular structs and maps
// merge key by key, granular lists item by item (by key or value), atomic values are replaced whole, and a
// null in the configuration removes the field. Items keep the live order, with the configuration's items in
// the configuration's order where they are shared, and its new items after the shared item they follow.

import { cloneJson, isPlainObject } from "../../api/object.ts";
import { fieldElement, type PathElement } from "./field-set.ts";
import { indexItems, type KeyDefaults } from "./list-items.ts";
import { describe, type SchemaRef } from "./schema-node.ts";

export function mergeObjects(schema: SchemaRef, live: unknown, config: unknown, defaults?: KeyDefaults): unknown {
  return merge(schema, live, config, [], true);

  function merge(ref: SchemaRef, l: unknown, r: unknown, path: PathElement[], root = false): unknown {
    if (r === undefined) return l;
    if (r === null) return undefined;
    const node = describe(ref, r, root);
    if (node.type === "list" && node.listType !== "atomic" && Array.isArray(r)) {
      return mergeList(node, Array.isArray(l) ? l : [], r, path);
    }
    if ((node.type === "struct" || node.type === "map") && !node.atomic && isPlainObject(r)) {
      const out: Record<string, unknown> = isPlainObject(l) ? { ...l } : {};
      for (const [key, value] of Object.entries(r)) {
        const childRef = (node.type === "struct" ? node.field(key) : node.value) ?? "deduced";
        const merged = merge(childRef, out[key], value, [...path, fieldElement(key)]);
        if (merged === undefined) delete out[key];
        else out[key] = merged;
      }
      return out;
    }
    return cloneJson(r);
  }

  function mergeList(node: Extract<ReturnType<typeof describe>, { type: "list" }>, l: unknown[], r: unknown[], path: PathElement[]): unknown[] {
    const left = indexItems(node, l, path, defaults);
    const right = indexItems(node, r, path, defaults);
    const inConfig = new Set(right.elements);
    const out: unknown[] = [];
    const emitted = new Set<PathElement>();
    let next = 0;
    const emit = (element: PathElement) => {
      emitted.add(element);
      const applied = right.byElement.get(element);
      const item = node.listType === "map" ? merge(node.element, left.byElement.get(element), applied, [...path, element]) : applied;
      // The merged item is a new object: it keeps the key fields the kind's defaults give the applied one.
      const known = defaults && isPlainObject(applied) ? defaults.get(applied) : undefined;
      if (known && isPlainObject(item) && item !== applied) defaults!.set(item, known);
      if (item !== undefined) out.push(item);
    };
    for (const element of left.elements) {
      if (!inConfig.has(element)) {
        out.push(left.byElement.get(element));
        continue;
      }
      if (emitted.has(element)) continue;
      while (next < right.elements.length) {
        const e = right.elements[next++];
        if (!emitted.has(e)) emit(e);
        if (e === element) break;
      }
    }
    while (next < right.elements.length) {
      const e = right.elements[next++];
      if (!emitted.has(e)) emit(e);
    }
    return out;
  }
}
