// The path element of each item of a granular list: a set item by its value, a map item by its key fields.
// A key field an applied item leaves out takes the value the kind's defaults would give it (kube reads the
// schema's default, e.g. a port's protocol "TCP"); the defaults are found once per request and passed in.

import { isPlainObject } from "../../api/object.ts";
import { indexElement, keyElement, pathString, valueElement, type FieldPath, type PathElement } from "./field-set.ts";
import type { SchemaNode } from "./schema-node.ts";

type ListNode = Extract<SchemaNode, { type: "list" }>;

/** Key fields that applied items omit, filled from the defaulted applied configuration (by item identity). */
export type KeyDefaults = WeakMap<object, Record<string, unknown>>;

export type ItemElement = { ok: true; element: PathElement } | { ok: false; error: string };

export function itemElement(list: ListNode, item: unknown, index: number, path: FieldPath, defaults?: KeyDefaults): ItemElement {
  if (list.listType === "set") {
    if (isPlainObject(item) || Array.isArray(item)) return { ok: false, error: `${pathString(path)}: element ${index}: only scalar values may be in a set` };
    return { ok: true, element: valueElement(item) };
  }
  if (list.keys.length === 0) return { ok: true, element: indexElement(index) };
  if (!isPlainObject(item)) return { ok: false, error: `${pathString(path)}: element ${index}: associative list with keys may only contain maps` };
  const keys: Record<string, unknown> = {};
  const filled = defaults?.get(item);
  for (const name of list.keys) {
    const value = item[name] ?? filled?.[name];
    if (value === undefined || value === null) {
      return { ok: false, error: `${pathString(path)}: element ${index}: associative list with keys has an element that omits key field ${JSON.stringify(name)} (and doesn't have default value)` };
    }
    keys[name] = value;
  }
  return { ok: true, element: keyElement(keys) };
}

/** The items of a list by path element, in order; a repeated element is an error (for an applied list). */
export function indexItems(
  list: ListNode,
  items: unknown[],
  path: FieldPath,
  defaults?: KeyDefaults,
): { elements: PathElement[]; byElement: Map<PathElement, unknown>; errors: string[] } {
  const elements: PathElement[] = [];
  const byElement = new Map<PathElement, unknown>();
  const errors: string[] = [];
  items.forEach((item, index) => {
    const found = itemElement(list, item, index, path, defaults);
    if (!found.ok) return void errors.push(found.error);
    if (byElement.has(found.element)) {
      errors.push(`${pathString(path)}: duplicate entries for key ${pathString([found.element])}`);
      return;
    }
    elements.push(found.element);
    byElement.set(found.element, item);
  });
  return { elements, byElement, errors };
}
