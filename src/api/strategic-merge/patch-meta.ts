// What strategic merge patch needs to know about the fields of a map: how a field's value merges (its patch
// strategies and merge key) and the same knowledge one level down. The engine asks only this interface; a
// kind's zod schema answers it (schema-patch-meta.ts), and a field nothing is known about merges as a plain
// map whose lists replace, as kube treats values it has no struct tags for.

export interface FieldPatchMeta {
  /** The field's patchStrategy split on commas: [], ["merge"], ["replace"], ["retainKeys"], ["merge", "retainKeys"]. */
  strategies: readonly string[];
  /** The field's patchMergeKey; "" when it has none. */
  mergeKey: string;
  /** For a map: its own fields. For a list: the fields of its items. */
  meta: PatchMeta;
}

export interface PatchMeta {
  field(key: string): FieldPatchMeta;
}

const nothing: FieldPatchMeta = { strategies: [], mergeKey: "", meta: { field: () => nothing } };

/** Meta for values nothing is known about: every map merges, every list is replaced. */
export const noPatchMeta: PatchMeta = nothing.meta;

export function unknownField(): FieldPatchMeta {
  return nothing;
}
