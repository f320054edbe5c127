// The strategic merge engine against hand-written patch meta shaped like kube's own test type (a map with a
// merging list of maps by name, a merging list of ints, replace lists, a retainKeys map), checking kube's
// documented results: merge order, directives, and the errors and their wording.
import { describe, expect, it } from "vitest";
import { applyStrategicMergePatch, StrategicMergeError } from "./strategic-merge-patch.ts";
import { noPatchMeta, type FieldPatchMeta, type PatchMeta } from "./strategic-merge/patch-meta.ts";

type JsonMap = Record<string, unknown>;

/** A map type: mergingList (merge by name, items of this type), mergingIntList (merge), retainKeysMap, and plain fields. */
const item: PatchMeta = {
  field(key: string): FieldPatchMeta {
    switch (key) {
      case "mergingList":
        return { strategies: ["merge"], mergeKey: "name", meta: item };
      case "retainKeysMergingList":
        return { strategies: ["merge", "retainKeys"], mergeKey: "name", meta: item };
      case "mergingIntList":
        return { strategies: ["merge"], mergeKey: "", meta: noPatchMeta };
      case "retainKeysMap":
        return { strategies: ["retainKeys"], mergeKey: "", meta: item };
      case "replacingItem":
        return { strategies: ["replace"], mergeKey: "", meta: noPatchMeta };
      case "keylessList":
        return { strategies: ["merge"], mergeKey: "", meta: noPatchMeta };
      default:
        return { strategies: [], mergeKey: "", meta: noPatchMeta };
    }
  },
};

const patch = (original: JsonMap, p: JsonMap) => applyStrategicMergePatch(original, p, item);

function failure(original: JsonMap, p: JsonMap): StrategicMergeError {
  try {
    patch(original, p);
  } catch (error) {
    if (error instanceof StrategicMergeError) return error;
    throw error;
  }
  throw new Error("the patch applied");
}

describe("maps", () => {
  it("merges key by key, deletes with null, replaces a value of another type", () => {
    expect(patch({ name: "1", value: "1", simpleMap: { a: "1", b: "2" } }, { value: null, other: "x", simpleMap: { b: null, c: "3" } })).toEqual({
      name: "1",
      other: "x",
      simpleMap: { a: "1", c: "3" },
    });
    expect(patch({ simpleMap: { a: "1" } }, { simpleMap: "flat" })).toEqual({ simpleMap: "flat" });
  });

  it("empties a map with $patch: delete and replaces one with $patch: replace", () => {
    expect(patch({ simpleMap: { a: "1" }, name: "n" }, { simpleMap: { $patch: "delete" } })).toEqual({ simpleMap: {}, name: "n" });
    expect(patch({ name: "1", value: "1" }, { other: "a", $patch: "replace" })).toEqual({ other: "a" });
    expect(patch({ name: "1" }, { $patch: "replace" })).toEqual({});
  });

  it("replaces a field whose strategy is replace", () => {
    expect(patch({ replacingItem: { a: 1, b: 2 } }, { replacingItem: { c: 3 } })).toEqual({ replacingItem: { c: 3 } });
  });

  it("merges a new map into nothing, dropping its nulls and directives", () => {
    expect(patch({}, { simpleMap: { a: "1", b: null }, mergeItemPtr: { $patch: "delete" } })).toEqual({ simpleMap: { a: "1" }, mergeItemPtr: {} });
  });

  it("keeps only $retainKeys, and refuses a patch key it does not list", () => {
    expect(patch({ retainKeysMap: { name: "foo", value: "a", other: "b" } }, { retainKeysMap: { $retainKeys: ["name", "other"], other: "c" } })).toEqual({
      retainKeysMap: { name: "foo", other: "c" },
    });
    expect(patch({ retainKeysMap: { name: "foo", value: "a" } }, { retainKeysMap: { value: "b" } })).toEqual({ retainKeysMap: { name: "foo", value: "b" } });
    const error = failure({ retainKeysMap: { name: "foo" } }, { retainKeysMap: { $retainKeys: ["name"], value: "b" } });
    expect(error.toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "invalid patch format of retainKeys",
      reason: "BadRequest",
      code: 400,
    });
    expect(failure({}, { $retainKeys: "name" }).message).toBe("invalid patch format of retainKeys");
  });

  it("refuses $patch: merge and unknown directives on a map, as kube does", () => {
    const error = failure({ simpleMap: { a: "1" } }, { simpleMap: { $patch: "merge", b: "2" } });
    expect(error.toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "unknown patch type: merge in map: map[$patch:merge b:2]",
      code: 400,
    });
    expect(failure({}, { $patch: 1 }).message).toBe("unknown patch type: %!s(int64=1) in map: map[$patch:1]");
  });

  it("changes neither argument", () => {
    const original = { mergingList: [{ name: "1", value: "a" }], simpleMap: { a: "1" } };
    const p = { "$setElementOrder/mergingList": [{ name: "1" }], mergingList: [{ name: "1", value: "b" }], simpleMap: { a: null } };
    const before = JSON.stringify([original, p]);
    patch(original, p);
    expect(JSON.stringify([original, p])).toBe(before);
  });
});

describe("merging lists of maps", () => {
  it("merges items by merge key and puts new patch items first", () => {
    expect(patch({ mergingList: [{ name: "1", value: "a" }, { name: "2" }] }, { mergingList: [{ name: "2", value: "b" }, { name: "3" }] })).toEqual({
      mergingList: [{ name: "1", value: "a" }, { name: "2", value: "b" }, { name: "3" }],
    });
    expect(patch({ mergingList: [{ name: "1" }, { name: "2" }] }, { mergingList: [{ name: "0" }] })).toEqual({
      mergingList: [{ name: "0" }, { name: "1" }, { name: "2" }],
    });
  });

  it("keeps the patch's order for the items it names", () => {
    const original = { mergingList: [{ name: "1" }, { name: "2", value: "b" }, { name: "3" }] };
    expect(patch(original, { mergingList: [{ name: "3", value: "c" }, { name: "1", value: "a" }, { name: "2", other: "x" }] })).toEqual({
      mergingList: [{ name: "3", value: "c" }, { name: "1", value: "a" }, { name: "2", value: "b", other: "x" }],
    });
    expect(patch(original, { mergingList: [{ name: "3", value: "c" }, { name: "1", value: "a" }] })).toEqual({
      mergingList: [{ name: "2", value: "b" }, { name: "3", value: "c" }, { name: "1", value: "a" }],
    });
  });

  it("deletes items with $patch: delete (every duplicate) and replaces the list with $patch: replace", () => {
    const original = { mergingList: [{ name: "1" }, { name: "1" }, { name: "2", value: "a" }, { name: "3" }] };
    expect(patch(original, { mergingList: [{ name: "1", $patch: "delete" }, { name: "3", $patch: "delete" }] })).toEqual({
      mergingList: [{ name: "2", value: "a" }],
    });
    expect(patch(original, { mergingList: [{ $patch: "replace" }] })).toEqual({ mergingList: [] });
    expect(patch(original, { mergingList: [{ name: "9" }, { $patch: "replace" }] })).toEqual({ mergingList: [{ name: "9" }] });
  });

  it("orders by $setElementOrder, keeping server-only items where the server had them", () => {
    const current = { mergingList: [{ name: "1", other: "a" }, { name: "3", value: "2", other: "b" }] };
    expect(patch(current, { "$setElementOrder/mergingList": [{ name: "1" }, { name: "2" }], mergingList: [{ name: "1", value: "1" }, { name: "2", value: "2" }] })).toEqual({
      mergingList: [{ name: "1", other: "a", value: "1" }, { name: "2", value: "2" }, { name: "3", value: "2", other: "b" }],
    });
    const two = { mergingList: [{ name: "1", other: "a" }, { name: "2", value: "2", other: "b" }] };
    expect(patch(two, { "$setElementOrder/mergingList": [{ name: "4" }, { name: "1" }, { name: "2" }, { name: "3" }], mergingList: [{ name: "4", value: "4" }, { name: "3", value: "3" }] })).toEqual({
      mergingList: [{ name: "4", value: "4" }, { name: "1", other: "a" }, { name: "2", value: "2", other: "b" }, { name: "3", value: "3" }],
    });
    expect(patch({ mergingList: [{ name: "1" }, { name: "2" }] }, { "$setElementOrder/mergingList": [{ name: "2" }, { name: "1" }] })).toEqual({
      mergingList: [{ name: "2" }, { name: "1" }],
    });
  });

  it("refuses a $setElementOrder list that orders the patch's items otherwise", () => {
    const error = failure(
      { mergingList: [{ name: "1" }, { name: "3" }, { name: "2" }] },
      { "$setElementOrder/mergingList": [{ name: "1" }, { name: "2" }, { name: "3" }], mergingList: [{ name: "3", value: "3" }, { name: "1", value: "1" }] },
    );
    expect(error.message).toBe(
      "The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n",
    );
    expect(failure({}, { $setElementOrderX: [] }).toStatus()).toMatchObject({ code: 400, reason: "BadRequest", message: "invalid patch format of setElementOrder list" });
  });

  it("applies retainKeys inside merged items", () => {
    expect(
      patch({ retainKeysMergingList: [{ name: "a", value: "1", other: "2" }] }, { retainKeysMergingList: [{ name: "a", $retainKeys: ["name", "value"], value: "3" }] }),
    ).toEqual({ retainKeysMergingList: [{ name: "a", value: "3" }] });
  });

  it("refuses an item without its merge key, a $patch: merge item and an unknown item directive", () => {
    const missing = failure({ mergingList: [{ name: "1", value: "a" }] }, { mergingList: [{ value: "b", nested: { x: 1 } }] });
    expect(missing.toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "map: map[nested:map[x:1] value:b] does not contain declared merge key: name",
      code: 400,
    });
    expect(failure({ mergingList: [{ name: "1" }] }, { mergingList: [{ value: "b", $patch: "delete" }] }).message).toBe(
      "map: map[$patch:delete value:b] does not contain declared merge key: name",
    );
    expect(failure({ mergingList: [{ name: "1" }] }, { mergingList: [{ name: "1", $patch: "merge" }] }).message).toBe("merging lists cannot yet be specified in the patch");
    expect(failure({ mergingList: [{ name: "1" }] }, { mergingList: [{ name: "1", $patch: "drop" }] }).message).toBe("unknown patch type: drop in map: map[$patch:drop name:1]");
    expect(failure({ keylessList: [{ a: 1 }] }, { keylessList: [{ a: 2 }] }).message).toBe("cannot merge lists without merge key for type struct");
  });

  it("refuses lists of lists (422) and mixed item types", () => {
    expect(failure({ mergingIntList: [[1]] }, { mergingIntList: [[2]] }).toStatus()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "the server rejected our request due to an error in our request",
      reason: "Invalid",
      details: {},
      code: 422,
    });
    expect(failure({ mergingIntList: [1] }, { mergingIntList: ["a"] }).message).toBe("list element types are not identical: [[1] [a]]");
  });
});

describe("merging lists of primitives", () => {
  it("unions values, keeping the patch's order for values it names", () => {
    expect(patch({ mergingIntList: [1, 2] }, { mergingIntList: [2, 3] })).toEqual({ mergingIntList: [1, 2, 3] });
    expect(patch({ mergingIntList: [1, 2] }, { mergingIntList: [0, 0] })).toEqual({ mergingIntList: [0, 1, 2] });
    expect(patch({ mergingIntList: [1, 2, 3] }, { mergingIntList: [3, 1] })).toEqual({ mergingIntList: [2, 3, 1] });
    expect(patch({ mergingIntList: [1, 3] }, { "$setElementOrder/mergingIntList": [3, 2, 1] })).toEqual({ mergingIntList: [3, 1] });
  });

  it("deletes values with $deleteFromPrimitiveList, duplicates included", () => {
    expect(patch({ mergingIntList: [1, 2, 3, 3, 4] }, { "$setElementOrder/mergingIntList": [1, 2], "$deleteFromPrimitiveList/mergingIntList": [3] })).toEqual({
      mergingIntList: [1, 2, 4],
    });
    expect(patch({ mergingIntList: [1, 2, 3] }, { "$setElementOrder/mergingIntList": [1, 2, 4], "$deleteFromPrimitiveList/mergingIntList": [3], mergingIntList: [4] })).toEqual({
      mergingIntList: [1, 2, 4],
    });
    expect(patch({ mergingIntList: [1, 2] }, { "$deleteFromPrimitiveList/mergingIntList": [3] })).toEqual({ mergingIntList: [1, 2] });
    expect(patch({}, { "$deleteFromPrimitiveList/mergingIntList": [3] })).toEqual({});
    expect(failure({}, { $deleteFromPrimitiveListX: [3] }).toStatus()).toMatchObject({ code: 400, reason: "BadRequest", message: "invalid patch format of primitive list" });
  });

  it("replaces lists without a merge strategy", () => {
    expect(patch({ nonMergingIntList: [1, 2], nonMergingList: [{ name: "1" }] }, { nonMergingIntList: [2, 3], nonMergingList: [{ value: "x" }] })).toEqual({
      nonMergingIntList: [2, 3],
      nonMergingList: [{ value: "x" }],
    });
  });
});
