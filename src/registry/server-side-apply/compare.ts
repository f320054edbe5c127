// What changed between two versions of an object, as field sets (structured-merge-diff's Compare): added,
// modified (leaves whose value changed) and removed. A granular node present on one side only counts too
// (FieldsV1's "."); a granular node empty or unset on both sides is a leaf, so `{}` appearing is an addition.
//
// "Present" is judged as kube judges it, on the Go object written as JSON: a field Go always writes (a plain
// struct, a slice without omitempty) is there even when unset, so it never appears or goes. A field's schema
// meta says so (`goPresence`); without it, a struct reached only through structs from the root (spec,
// spec.template) is always there, and anything else (maps, lists, structs in items and maps) only when set.

import { isPlainObject } from "../../api/object.ts";
import { jsonEqual } from "../../resources/json-equal.ts";
import { fieldElement, FieldSet, type PathElement } from "./field-set.ts";
import { indexItems, type KeyDefaults } from "./list-items.ts";
import { describe, type SchemaNode, type SchemaRef } from "./schema-node.ts";

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const absent = (v: unknown): boolean => v === undefined || v === null;
const empty = (v: unknown): boolean => absent(v) || (Array.isArray(v) ? v.length === 0 : isPlainObject(v) && Object.keys(v).length === 0);

function alwaysPresent(node: SchemaNode, nested: boolean): boolean {
  if (node.type === "scalar") return false;
  if (node.goPresence) return node.goPresence === "always";
  return node.type === "struct" && !nested;
}

/** What Go writes for an unset field it always writes: an empty struct, or null. */
const zero = (node: SchemaNode): unknown => (node.type === "struct" ? {} : null);

export function compareObjects(schema: SchemaRef, before: unknown, after: unknown, defaults?: KeyDefaults): Comparison {
  const out: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(schema, before, after, [], true, false);
  return out;

  function walk(ref: SchemaRef, l: unknown, r: unknown, path: PathElement[], root: boolean, nested: boolean): void {
    if (absent(l) && absent(r)) return;
    const node = describe(ref, absent(r) ? l : r, root);
    const always = !root && alwaysPresent(node, nested);
    const lp = !absent(l) || always;
    const rp = !absent(r) || always;
    const granular = (node.type === "struct" || node.type === "map") && !node.atomic ? "object" : node.type === "list" && node.listType !== "atomic" ? "list" : undefined;
    const shaped = (v: unknown) => absent(v) || (granular === "list" ? Array.isArray(v) : isPlainObject(v));
    const leaf = !granular || !shaped(l) || !shaped(r) || (empty(l) && empty(r));
    if (leaf) {
      if (!path.length) return;
      if (!lp) out.added.insert(path);
      else if (!rp) out.removed.insert(path);
      else if (!jsonEqual(l ?? zero(node), r ?? zero(node))) out.modified.insert(path);
      return;
    }
    if (path.length && !lp) out.added.insert(path);
    else if (path.length && !rp) out.removed.insert(path);
    if (node.type === "list") {
      const left = indexItems(node, (l as unknown[] | undefined) ?? [], path, defaults);
      const right = indexItems(node, (r as unknown[] | undefined) ?? [], path, defaults);
      for (const element of new Set([...left.elements, ...right.elements])) {
        const itemPath = [...path, element];
        const li = left.byElement.get(element);
        const ri = right.byElement.get(element);
        if (node.listType === "map") walk(node.element, li, ri, itemPath, false, true);
        else if (absent(li)) out.added.insert(itemPath);
        else if (absent(ri)) out.removed.insert(itemPath);
      }
      return;
    }
    const lo = (l ?? {}) as Record<string, unknown>;
    const ro = (r ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
      const childRef = (node.type === "struct" ? node.field(key) : node.type === "map" ? node.value : undefined) ?? "deduced";
      walk(childRef, lo[key], ro[key], [...path, fieldElement(key)], false, nested || node.type === "map");
    }
  }
}
