// Strategic merge patch (application/strategic-merge-patch+json) with kube's semantics, driven only by
// patch meta (strategic-merge/patch-meta.ts), which a kind's schema supplies:
//
//   maps merge key by key; `null` deletes a key; a value of another type replaces
//   a list whose field has patchStrategy "merge" merges: maps by their patchMergeKey (a patch item merges into
//   the item with the same key, or is added), primitives as a union; every other list is replaced
//   directives: `$patch: replace | delete` on a map or a list item (`merge` is refused, as kube refuses it),
//   `$retainKeys: [...]` (keys of the map to keep), `$setElementOrder/<field>: [...]` (order of a merged list),
//   `$deleteFromPrimitiveList/<field>: [...]` (values to remove from a merged primitive list)
//
// Where kube keeps a patch value whole because the object has no such key yet, a map value is merged into an
// empty map instead, so its nulls and directives do not end up stored.

import { cloneJson, isPlainObject } from "./object.ts";
import { checkSetElementOrder, normalizeOrder, partition, type ElementKind } from "./strategic-merge/list-order.ts";
import { patchErrors, StrategicMergeError } from "./strategic-merge/patch-error.ts";
import type { FieldPatchMeta, PatchMeta } from "./strategic-merge/patch-meta.ts";
import { goString } from "./strategic-merge/go-format.ts";

export { StrategicMergeError } from "./strategic-merge/patch-error.ts";

type JsonMap = Record<string, unknown>;

const directiveKey = "$patch";
const retainKeysKey = "$retainKeys";
const deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";
const setElementOrderPrefix = "$setElementOrder";

/**
 * Applies a strategic merge patch to a document; neither argument is changed. Throws StrategicMergeError
 * (its toStatus() is kube's answer) when the patch cannot be applied.
 */
export function applyStrategicMergePatch(original: JsonMap, patch: JsonMap, meta: PatchMeta): JsonMap {
  return mergeMap(cloneJson(original), cloneJson(patch), meta);
}

type Shape = "map" | "list" | "null" | "scalar";

function shapeOf(value: unknown): Shape {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  return isPlainObject(value) ? "map" : "scalar";
}

/** kube's reading of a patchStrategy: whether it retains keys, and the merge strategy ("merge", "replace" or ""). */
function strategyOf(field: FieldPatchMeta): string {
  const s = field.strategies;
  if (s.length === 0) return "";
  if (s.length === 1) return s[0] === "retainKeys" ? "" : s[0];
  if (s.length === 2 && s[0] === "retainKeys") return s[1];
  if (s.length === 2 && s[1] === "retainKeys") return s[0];
  throw patchErrors.unexpectedStrategy(s);
}

/** The key a directive-prefixed key names: "$setElementOrder/containers" → "containers". */
function directiveTarget(key: string, prefix: string, error: () => StrategicMergeError): string {
  const slash = key.indexOf("/");
  if (slash < 0 || key.slice(0, slash) !== prefix) throw error();
  return key.slice(slash + 1);
}

function mergeMap(original: JsonMap, patch: JsonMap, meta: PatchMeta): JsonMap {
  if (Object.hasOwn(patch, directiveKey)) {
    const directive = patch[directiveKey];
    if (directive === "replace") {
      delete patch[directiveKey];
      return patch;
    }
    if (directive === "delete") return {};
    throw patchErrors.badPatchType(goString(directive), patch);
  }
  applyRetainKeys(original, patch);
  applySetElementOrders(original, patch, meta);

  for (const [patchKey, value] of Object.entries(patch)) {
    let key = patchKey;
    const deletes = patchKey.startsWith(deleteFromPrimitiveListPrefix);
    if (deletes) key = directiveTarget(patchKey, deleteFromPrimitiveListPrefix, patchErrors.primitiveListFormat);
    if (value === null) {
      delete original[key];
      continue;
    }
    const field = meta.field(key);
    if (!Object.hasOwn(original, key)) {
      // A deletion from a list the object does not have changes nothing (kube would add the values).
      if (!deletes) original[key] = isPlainObject(value) ? mergeMap({}, value, field.meta) : value;
      continue;
    }
    const current = original[key];
    const shape = shapeOf(current);
    if (shape !== shapeOf(value)) {
      original[key] = value;
      continue;
    }
    const strategy = strategyOf(field);
    if (shape === "map") {
      original[key] = strategy === "replace" ? value : mergeMap(current as JsonMap, value as JsonMap, field.meta);
    } else if (shape === "list") {
      original[key] = mergeListField(current as unknown[], value as unknown[], field, strategy, deletes);
    } else {
      original[key] = value;
    }
  }
  return original;
}

/** `$retainKeys`: the map keeps only the keys listed; every key the patch sets must be listed. */
function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!Object.hasOwn(patch, retainKeysKey)) return;
  const list = patch[retainKeysKey];
  delete patch[retainKeysKey];
  if (!Array.isArray(list)) throw patchErrors.retainKeysFormat();
  const retained = new Set(list);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(deleteFromPrimitiveListPrefix) || key.startsWith(setElementOrderPrefix)) continue;
    if (!retained.has(key)) throw patchErrors.retainKeysFormat();
  }
  for (const key of Object.keys(original)) if (!retained.has(key)) delete original[key];
}

/**
 * `$setElementOrder/<field>`: merges the field's list now (if the patch has one) and orders the result as
 * the directive says; the field is then done, and removed from the patch.
 */
function applySetElementOrders(original: JsonMap, patch: JsonMap, meta: PatchMeta): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw patchErrors.badArgType("list", order);
    const target = directiveTarget(key, setElementOrderPrefix, patchErrors.setElementOrderFormat);
    const inOriginal = Object.hasOwn(original, target);
    const inPatch = Object.hasOwn(patch, target);
    const originalList = inOriginal ? original[target] : [];
    const patchList = inPatch ? patch[target] : [];
    if (!Array.isArray(originalList)) throw patchErrors.badArgType("list", originalList);
    if (!Array.isArray(patchList)) throw patchErrors.badArgType("list", patchList);
    const field = meta.field(target);
    const strategy = strategyOf(field);
    const mergeKey = field.mergeKey;
    checkSetElementOrder(patchList, order, mergeKey);
    if (!inOriginal && !inPatch) continue;
    const merged = inPatch ? mergeListField(originalList, patchList, field, strategy, false) : originalList;
    delete patch[target];
    if (originalList.length === 0 && patchList.length === 0) {
      original[target] = merged;
      continue;
    }
    const kind = elementKind([originalList, patchList]);
    const { named, serverOnly } = partition(merged, order, mergeKey);
    original[target] = normalizeOrder(named, serverOnly, order, originalList, mergeKey, kind);
  }
}

/** What a list's items are: all maps, or all primitives of one type (lists of lists are refused). */
function elementKind(lists: unknown[][]): ElementKind {
  let first: string | undefined;
  for (const list of lists) {
    for (const item of list) {
      const type = item === null ? "null" : Array.isArray(item) ? "list" : typeof item;
      if (first === undefined) {
        if (type === "list") throw patchErrors.listOfLists();
        first = type;
      } else if (type !== first) {
        throw patchErrors.elementTypes(lists);
      }
    }
  }
  return first === "object" ? "map" : "primitive";
}

function mergeListField(original: unknown[], patch: unknown[], field: FieldPatchMeta, strategy: string, deletes: boolean): unknown[] {
  if (strategy !== "merge") return deletes ? original.filter((item) => !patch.includes(item)) : patch;
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind([original, patch]);
  if (kind === "primitive") {
    if (deletes) return original.filter((item) => !patch.includes(item));
    const merged = [...new Set([...original, ...patch])];
    const { named, serverOnly } = partition(merged, patch, "");
    return normalizeOrder(named, serverOnly, patch, original, "", kind);
  }
  const mergeKey = field.mergeKey;
  if (mergeKey === "") throw patchErrors.noMergeKeyDeclared();
  const { base, items } = applyItemDirectives(original, patch as JsonMap[], mergeKey);
  const merged = [...base];
  for (const item of items) {
    if (!Object.hasOwn(item, mergeKey)) throw patchErrors.noMergeKey(item, mergeKey);
    const at = merged.findIndex((other) => isPlainObject(other) && Object.hasOwn(other, mergeKey) && other[mergeKey] === item[mergeKey]);
    if (at >= 0) merged[at] = mergeMap(merged[at] as JsonMap, item, field.meta);
    else merged.push(mergeMap({}, item, field.meta));
  }
  const { named, serverOnly } = partition(merged, items, mergeKey);
  return normalizeOrder(named, serverOnly, items, base, mergeKey, kind);
}

/**
 * List items carrying `$patch`: `delete` removes the original's items with that merge key, `replace` makes
 * the patch's other items the whole list. What is left to merge is returned with the list it merges into.
 */
function applyItemDirectives(original: unknown[], patch: JsonMap[], mergeKey: string): { base: unknown[]; items: JsonMap[] } {
  let base = original;
  const items: JsonMap[] = [];
  let replace = false;
  for (const item of patch) {
    if (!Object.hasOwn(item, directiveKey)) {
      items.push(item);
      continue;
    }
    const directive = item[directiveKey];
    if (directive === "delete") {
      if (!Object.hasOwn(item, mergeKey)) throw patchErrors.noMergeKey(item, mergeKey);
      base = base.filter((other) => !(isPlainObject(other) && Object.hasOwn(other, mergeKey) && other[mergeKey] === item[mergeKey]));
    } else if (directive === "replace") {
      replace = true;
    } else if (directive === "merge") {
      throw patchErrors.mergeListDirective();
    } else {
      throw patchErrors.badPatchType(goString(directive), item);
    }
  }
  if (replace) return { base: items, items: [] };
  return { base, items };
}
