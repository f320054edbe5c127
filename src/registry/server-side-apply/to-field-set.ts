// The set of fields a value sets, under a kind's schema, as structured-merge-diff's ToFieldSet makes it: scalars
// and atomic values are members; a granular list contributes each item (a member: FieldsV1's ".") and the
// item's fields; a granular struct or map contributes its children, and a child is itself a member when it
// is null or an empty object, or when it is a map entry rather than a field the struct declares (so a map
// of objects marks each entry with "."). This is the set an applier owns. A field the schema does not
// declare is an error, as for kube.

import { isPlainObject } from "../../api/object.ts";
import { fieldElement, FieldSet, pathString, type PathElement } from "./field-set.ts";
import { indexItems, type KeyDefaults } from "./list-items.ts";
import { describe, type SchemaRef } from "./schema-node.ts";

export interface FieldSetResult {
  set: FieldSet;
  /** structured-merge-diff's words: `.spec.foo: field not declared in schema`. */
  errors: string[];
}

export function toFieldSet(schema: SchemaRef, value: unknown, defaults?: KeyDefaults): FieldSetResult {
  const set = new FieldSet();
  const errors: string[] = [];
  walk(schema, value, [], true);
  return { set, errors };

  function walk(ref: SchemaRef, v: unknown, path: PathElement[], root = false): void {
    const node = describe(ref, v, root);
    if (node.type === "scalar" || ((node.type === "struct" || node.type === "map") && node.atomic) || (node.type === "list" && node.listType === "atomic")) {
      if (path.length) set.insert(path);
      return;
    }
    if (node.type === "list") {
      if (!Array.isArray(v)) return;
      const indexed = indexItems(node, v, path, defaults);
      errors.push(...indexed.errors);
      for (const element of indexed.elements) {
        const itemPath = [...path, element];
        set.insert(itemPath);
        if (node.listType === "map") walk(node.element, indexed.byElement.get(element), itemPath);
      }
      return;
    }
    if (!isPlainObject(v)) return;
    for (const [key, child] of Object.entries(v)) {
      const childPath = [...path, fieldElement(key)];
      const childRef = node.type === "struct" ? node.field(key) : node.value;
      if (childRef === undefined) {
        errors.push(`${pathString(childPath)}: field not declared in schema`);
        continue;
      }
      walk(childRef, child, childPath);
      const declared = node.type === "struct" && childRef !== "deduced";
      if (child === null || (isPlainObject(child) && Object.keys(child).length === 0) || !declared) set.insert(childPath);
    }
  }
}
