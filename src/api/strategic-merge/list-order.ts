// The order of a merged list, as kube's strategic merge patch settles it. The items the patch (or its
// $setElementOrder list) names keep the patch's order; the items only the server had keep theirs; the two
// runs are interleaved by the positions the server's list gave them, server-only items going first only when
// the server had them before the patch item they are compared with.
//
// Items are compared by their merge key's value (maps) or by themselves (primitives).

import { isPlainObject } from "../object.ts";
import { patchErrors } from "./patch-error.ts";

export type ElementKind = "map" | "primitive";

const directive = "$patch";

/** The value an item is compared by: its merge key for maps (undefined when missing), itself otherwise. */
function keyOf(item: unknown, mergeKey: string, kind: ElementKind): unknown {
  if (kind !== "map") return item;
  return isPlainObject(item) ? item[mergeKey] : undefined;
}

function indexIn(list: readonly unknown[], item: unknown, mergeKey: string, kind: ElementKind): number {
  const key = keyOf(item, mergeKey, kind);
  return list.findIndex((other) => keyOf(other, mergeKey, kind) === key);
}

/** Every item of the lists is a map holding the merge key. */
function requireMergeKeys(mergeKey: string, ...lists: (readonly unknown[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isPlainObject(item)) throw patchErrors.badArgType("map", item);
      if (!Object.hasOwn(item, mergeKey)) throw patchErrors.noMergeKey(item, mergeKey);
    }
  }
}

/** Items of a merged list split by whether `by` names them (by merge key for maps, by value for primitives). */
export function partition(merged: readonly unknown[], by: readonly unknown[], mergeKey: string): { named: unknown[]; serverOnly: unknown[] } {
  const named: unknown[] = [];
  const serverOnly: unknown[] = [];
  if (mergeKey === "") {
    const wanted = new Set(by);
    for (const item of merged) (wanted.has(item) ? named : serverOnly).push(item);
    return { named, serverOnly };
  }
  for (const item of merged) {
    if (!isPlainObject(item)) throw patchErrors.badArgType("map", item);
    if (!Object.hasOwn(item, mergeKey)) throw patchErrors.noMergeKey(item, mergeKey);
    const found = by.some((other, i) => {
      if (!isPlainObject(other)) throw patchErrors.notAMap(i);
      return Object.hasOwn(other, mergeKey) && other[mergeKey] === item[mergeKey];
    });
    (found ? named : serverOnly).push(item);
  }
  return { named, serverOnly };
}

/** `items` stably sorted by their positions in `order`; maps marked `$patch: delete` go last. */
function sortBy(items: unknown[], order: readonly unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let kept = items;
  let deleted: unknown[] = [];
  if (kind === "map") {
    requireMergeKeys(mergeKey, items, order);
    kept = items.filter((item) => (item as Record<string, unknown>)[directive] !== "delete");
    deleted = items.filter((item) => (item as Record<string, unknown>)[directive] === "delete");
  }
  const position = new Map(kept.map((item) => [item, indexIn(order, item, mergeKey, kind)]));
  const sorted = [...kept].sort((a, b) => {
    const ia = position.get(a) ?? -1;
    const ib = position.get(b) ?? -1;
    return ia >= 0 && ib >= 0 ? ia - ib : 0;
  });
  return [...sorted, ...deleted];
}

/** Interleaves server-only items into the patch's items by the server's order (kube's mergeSortedSlice). */
function interleave(serverOnly: unknown[], named: unknown[], serverOrder: readonly unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < named.length) {
    if (i >= serverOnly.length) out.push(named[j++]);
    else if (j >= named.length) out.push(serverOnly[i++]);
    else {
      const li = indexIn(serverOrder, serverOnly[i], mergeKey, kind);
      const ri = indexIn(serverOrder, named[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(named[j++]);
    }
  }
  return out;
}

/** The final order: `named` by `namedOrder`, `serverOnly` by `serverOrder`, interleaved. */
export function normalizeOrder(
  named: unknown[],
  serverOnly: unknown[],
  namedOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const patchSide = sortBy(named, namedOrder, mergeKey, kind);
  const serverSide = sortBy(serverOnly, serverOrder, mergeKey, kind);
  return interleave(serverSide, patchSide, serverOrder, mergeKey, kind);
}

function sameKey(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === "") return left === right;
  if (!isPlainObject(left)) throw patchErrors.badArgType("map", left);
  if (!isPlainObject(right)) throw patchErrors.badArgType("map", right);
  if (!Object.hasOwn(left, mergeKey)) throw patchErrors.noMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw patchErrors.noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/**
 * A $setElementOrder list must name the patch list's items (deletions aside) in the same relative order.
 */
export function checkSetElementOrder(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey !== "") {
    for (const item of patchList) if (!isPlainObject(item)) throw patchErrors.badArgType("map", item);
    items = patchList.filter((item) => (item as Record<string, unknown>)[directive] !== "delete");
  }
  let p = 0;
  let s = 0;
  while (p < items.length && s < order.length) {
    const item = items[p];
    if (isPlainObject(item) && Object.hasOwn(item, directive)) {
      p++;
      continue;
    }
    if (sameKey(item, order[s], mergeKey)) p++;
    s++;
  }
  if (p < items.length && s >= order.length) throw patchErrors.orderMismatch([...patchList], [...order]);
}
