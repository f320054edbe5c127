// What an applier stopped applying leaves the object, as structured-merge-diff prunes it. The applier's last
// set is widened by the struct fields above its paths ("named fields are members"); the object loses those;
// what any manager now owns (the applier's new set included), or what was never the applier's, comes back.
// So a dropped list item or map entry the applier owned (its ".") goes with whatever no one else owns in it,
// and a struct or map no one owns anything in any more goes whole.

import { isPlainObject } from "../../api/object.ts";
import { fieldElement, FieldSet } from "./field-set.ts";
import { indexItems, itemElement, type KeyDefaults } from "./list-items.ts";
import { describe, type SchemaRef } from "./schema-node.ts";
import { toFieldSet } from "./to-field-set.ts";

/** The set with every struct field that has something of the set beneath it made a member itself. */
export function withNamedFields(schema: SchemaRef, set: FieldSet, value: unknown, defaults?: KeyDefaults): FieldSet {
  return widen(schema, set, value, true);

  function widen(ref: SchemaRef, s: FieldSet, v: unknown, root: boolean): FieldSet {
    const out = new FieldSet();
    out.member = s.member;
    if (!s.children.size) return out;
    const node = describe(ref, v, root);
    const items = node.type === "list" && Array.isArray(v) ? indexItems(node, v, [], defaults).byElement : undefined;
    for (const [element, child] of s.children) {
      let childRef: SchemaRef = "deduced";
      let childValue: unknown;
      let named = false;
      if (element.startsWith("f:") && (node.type === "struct" || node.type === "map")) {
        const name = element.slice(2);
        childValue = isPlainObject(v) ? v[name] : undefined;
        const declared = node.type === "struct" ? node.field(name) : undefined;
        named = declared !== undefined && declared !== "deduced";
        childRef = (node.type === "struct" ? declared : node.value) ?? "deduced";
      } else if (element.startsWith("k:") && node.type === "list") {
        childRef = node.element;
        childValue = items?.get(element);
      }
      const widened = widen(childRef, child, childValue, false);
      if (named) widened.member = true;
      out.children.set(element, widened);
    }
    return out;
  }
}

/** The value without the members of the set (and all beneath them); what empties goes too (undefined). */
export function removeItems(schema: SchemaRef, value: unknown, set: FieldSet, defaults?: KeyDefaults): unknown {
  return remove(schema, value, set, true);

  function remove(ref: SchemaRef, v: unknown, s: FieldSet, root: boolean): unknown {
    const node = describe(ref, v, root);
    if (node.type === "list" && node.listType !== "atomic" && Array.isArray(v)) {
      const out: unknown[] = [];
      v.forEach((item, index) => {
        const found = itemElement(node, item, index, [], defaults);
        const sub = found.ok ? s.child(found.element) : undefined;
        if (sub?.member) return;
        if (sub && !sub.isEmpty() && node.listType === "map") {
          const kept = remove(node.element, item, sub, false);
          if (kept !== undefined) {
            const known = defaults?.get(item as object);
            if (known && isPlainObject(kept)) defaults!.set(kept, known);
          }
          out.push(kept ?? {});
        } else out.push(item);
      });
      return out.length ? out : undefined;
    }
    if ((node.type === "struct" || node.type === "map") && !node.atomic && isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(v)) {
        const sub = s.child(fieldElement(key));
        if (sub?.member) continue;
        if (!sub || sub.isEmpty()) {
          out[key] = child;
          continue;
        }
        const childRef = (node.type === "struct" ? node.field(key) : node.value) ?? "deduced";
        const kept = remove(childRef, child, sub, false);
        if (kept !== undefined) out[key] = kept;
      }
      return Object.keys(out).length || root ? out : undefined;
    }
    return v;
  }
}

/**
 * The merged object after pruning what the applier applied last time (`last`) and no longer does; `owned` is
 * what every manager owns now, the applier's new set included.
 */
export function pruneDropped(schema: SchemaRef, merged: unknown, last: FieldSet, owned: FieldSet, defaults?: KeyDefaults): unknown {
  const named = (set: FieldSet, value: unknown) => withNamedFields(schema, set, value, defaults);
  const fieldsOf = (value: unknown) => named(toFieldSet(schema, value, defaults).set, value);
  const lastNamed = named(last, merged);
  const mergedSet = fieldsOf(merged);
  const first = removeItems(schema, merged, lastNamed, defaults);
  const keep = fieldsOf(first).union(named(owned, merged));
  const second = removeItems(schema, merged, mergedSet.difference(keep), defaults);
  return removeItems(schema, merged, mergedSet.difference(fieldsOf(second)).intersection(lastNamed), defaults);
}
