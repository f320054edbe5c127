// Removes the fields of a set from an object: what an applier stopped applying and no manager owns. A node
// with something owned beneath it stays, and only its unowned parts go; a kept list item keeps its key fields.

import { isPlainObject } from "../../api/object.ts";
import { fieldElement, type FieldSet } from "./field-set.ts";
import { itemElement, type KeyDefaults } from "./list-items.ts";
import { describe, type SchemaRef } from "./schema-node.ts";

export function removeFields(schema: SchemaRef, value: unknown, remove: FieldSet, owned: FieldSet, defaults?: KeyDefaults): unknown {
  return prune(schema, value, remove, owned, true, []);

  function prune(ref: SchemaRef, v: unknown, gone: FieldSet, kept: FieldSet | undefined, root: boolean, protect: string[]): unknown {
    const node = describe(ref, v, root);
    const drop = (element: string): "drop" | FieldSet | undefined => {
      const child = gone.child(element);
      if (!child || child.isEmpty()) return undefined;
      const owner = kept?.child(element);
      if (child.member && !(owner && !owner.isEmpty())) return "drop";
      return child;
    };
    if (node.type === "list" && node.listType !== "atomic" && Array.isArray(v)) {
      const out: unknown[] = [];
      v.forEach((item, index) => {
        const found = itemElement(node, item, index, [], defaults);
        const verdict = found.ok ? drop(found.element) : undefined;
        if (verdict === "drop") return;
        if (verdict && found.ok && node.listType === "map") {
          out.push(prune(node.element, item, verdict, kept?.child(found.element), false, node.keys));
        } else out.push(item);
      });
      return out;
    }
    if ((node.type === "struct" || node.type === "map") && !node.atomic && isPlainObject(v)) {
      const out: Record<string, unknown> = { ...v };
      for (const key of Object.keys(v)) {
        if (protect.includes(key)) continue;
        const element = fieldElement(key);
        const verdict = drop(element);
        if (verdict === "drop") delete out[key];
        else if (verdict) {
          const childRef = (node.type === "struct" ? node.field(key) : node.value) ?? "deduced";
          const pruned = prune(childRef, v[key], verdict, kept?.child(element), false, []);
          // A map or struct left empty goes too, as Go's omitempty drops it.
          if (isPlainObject(pruned) && Object.keys(pruned).length === 0) delete out[key];
          else out[key] = pruned;
        }
      }
      return out;
    }
    return v;
  }
}
