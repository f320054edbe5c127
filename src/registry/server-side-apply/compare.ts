// What changed between two versions of an object, as field sets: added, modified (leaves whose value
// changed) and removed. A granular node that appears or goes counts too (FieldsV1's "."), except a struct
// reached only through structs from the root: kube's Go types hold those (spec, spec.template...) as values
// that always exist, so they never appear or go.

import { isPlainObject } from "../../api/object.ts";
import { jsonEqual } from "../../resources/json-equal.ts";
import { fieldElement, FieldSet, type PathElement } from "./field-set.ts";
import { indexItems, type KeyDefaults } from "./list-items.ts";
import { describe, type SchemaRef } from "./schema-node.ts";

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const absent = (v: unknown): boolean => v === undefined || v === null;

export function compareObjects(schema: SchemaRef, before: unknown, after: unknown, defaults?: KeyDefaults): Comparison {
  const out: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(schema, before, after, [], true, false);
  return out;

  function mark(l: unknown, r: unknown, path: PathElement[]): void {
    if (!path.length) return;
    if (absent(l)) out.added.insert(path);
    else if (absent(r)) out.removed.insert(path);
  }

  function walk(ref: SchemaRef, l: unknown, r: unknown, path: PathElement[], root: boolean, nested: boolean): void {
    if (absent(l) && absent(r)) return;
    const node = describe(ref, absent(r) ? l : r, root);
    const leaf =
      node.type === "scalar" ||
      ((node.type === "struct" || node.type === "map") && node.atomic) ||
      (node.type === "list" && node.listType === "atomic") ||
      (node.type === "list" ? !(Array.isArray(l) || absent(l)) || !(Array.isArray(r) || absent(r)) : !(isPlainObject(l) || absent(l)) || !(isPlainObject(r) || absent(r)));
    if (leaf) {
      if (!path.length) return;
      if (absent(l) || absent(r)) mark(l, r, path);
      else if (!jsonEqual(l, r)) out.modified.insert(path);
      return;
    }
    if (node.type === "list") {
      const left = indexItems(node, (l as unknown[] | undefined) ?? [], path, defaults);
      const right = indexItems(node, (r as unknown[] | undefined) ?? [], path, defaults);
      const elements = new Set([...left.elements, ...right.elements]);
      for (const element of elements) {
        const itemPath = [...path, element];
        const li = left.byElement.get(element);
        const ri = right.byElement.get(element);
        if (node.listType === "map") walk(node.element, li, ri, itemPath, false, true);
        mark(li, ri, itemPath);
      }
      mark(l, r, path);
      return;
    }
    const lo = (l ?? {}) as Record<string, unknown>;
    const ro = (r ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
      const childRef = (node.type === "struct" ? node.field(key) : node.value) ?? "deduced";
      walk(childRef, lo[key], ro[key], [...path, fieldElement(key)], false, nested || node.type === "map");
    }
    if (node.type === "map" || nested) mark(l, r, path);
  }
}
