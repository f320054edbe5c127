// The schema model both OpenAPI documents are rendered from: a JSON Schema subset in the shape kube-openapi
// publishes, with references by definition name ("io.k8s.api.core.v1.ConfigMap"). swagger-v2.ts and
// openapi-v3.ts turn `ref` into "#/definitions/..." or "#/components/schemas/...", and apply the few
// differences between the two (loose objects, one-of types, allOf around references).

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export type SchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean";

export interface Schema {
  description?: string;
  type?: SchemaType;
  format?: string;
  /** A definition's name; a schema with a ref has no type, properties or items. */
  ref?: string;
  required?: string[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  enum?: (string | number | boolean)[];
  /** OpenAPI v3 only: the alternatives of a value that takes more than one JSON type (Quantity, IntOrString). */
  oneOf?: Schema[];
  /**
   * The object keeps fields it does not model (a zod looseObject). v3 lists the modeled properties; v2 does
   * not, because kubectl's client-side validation of v2 rejects every field an object with properties lacks.
   */
  loose?: boolean;
  /** Vendor extensions (x-kubernetes-*), by name. */
  extensions?: Record<string, unknown>;
}

export const extension = {
  gvk: "x-kubernetes-group-version-kind",
  action: "x-kubernetes-action",
  patchStrategy: "x-kubernetes-patch-strategy",
  patchMergeKey: "x-kubernetes-patch-merge-key",
  listType: "x-kubernetes-list-type",
  listMapKeys: "x-kubernetes-list-map-keys",
  mapType: "x-kubernetes-map-type",
} as const;

/** The names of every definition a schema refers to, directly or through its parts. */
export function refsOf(schema: Schema, into: Set<string> = new Set()): Set<string> {
  if (schema.ref) into.add(schema.ref);
  if (schema.items) refsOf(schema.items, into);
  if (schema.additionalProperties) refsOf(schema.additionalProperties, into);
  for (const property of Object.values(schema.properties ?? {})) refsOf(property, into);
  for (const option of schema.oneOf ?? []) refsOf(option, into);
  return into;
}

/** GVK lists keep kube's key order (group, kind, version): clients compare them as maps. */
export function gvkValue(gvk: GroupVersionKind): { group: string; kind: string; version: string } {
  return { group: gvk.group, kind: gvk.kind, version: gvk.version };
}

/** Operations carry one GVK as an object in the order kube writes it (group, version, kind). */
export function operationGvkValue(gvk: GroupVersionKind): { group: string; version: string; kind: string } {
  return { group: gvk.group, version: gvk.version, kind: gvk.kind };
}

/** Go's string order (byte order for ASCII), as kube sorts map keys. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(record).sort(byCodeUnit)) sorted[key] = record[key];
  return sorted;
}
