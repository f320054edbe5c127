// How server-side apply reads a kind's zod schema: every value is a scalar, a struct, a map or a list, with the
// list, map and struct types the schema's meta declares (schema-meta.ts). A list with no listType follows its
// patch strategy as kube's schema conversion does (merge with a key: a map; merge alone: a set; else atomic).
// Untyped values (z.unknown, the extra keys of a loose object) are deduced as kube deduces them: objects are
// granular maps, arrays atomic lists, anything else a scalar.

import { z } from "zod";
import { isPlainObject } from "../../api/object.ts";
import { messageSchemaFor, topLevelFieldSchema } from "../../resources/object-meta-schema.ts";
import type { KubeFieldMeta } from "../../resources/schema-meta.ts";

/** A schema to read a value with, or "deduced" for a value the schema leaves untyped. */
export type SchemaRef = z.ZodType | "deduced";

/** How Go's JSON carries an unset field (schema-meta's goPresence), when the schema says. */
type Presence = { goPresence?: "always" | "omitted" };

export type SchemaNode =
  | { type: "scalar" }
  | ({ type: "struct"; atomic: boolean; field(name: string): SchemaRef | undefined } & Presence)
  | ({ type: "map"; atomic: boolean; value: SchemaRef } & Presence)
  | ({ type: "list"; listType: "atomic" | "set" | "map"; keys: string[]; element: SchemaRef } & Presence);

type Def = Record<string, unknown> & { type: string };

const wrappers = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional", "success"]);
const scalar: SchemaNode = { type: "scalar" };

const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;
const metaOf = (schema: z.ZodType): KubeFieldMeta => (z.globalRegistry.get(schema) ?? {}) as KubeFieldMeta;

const deducedMap: SchemaNode = { type: "map", atomic: false, value: "deduced" };
const deducedList: SchemaNode = { type: "list", listType: "atomic", keys: [], element: "deduced" };

function deduced(value: unknown): SchemaNode {
  if (isPlainObject(value)) return deducedMap;
  if (Array.isArray(value)) return deducedList;
  return scalar;
}

/** Whether a schema can describe a value of this JSON shape. */
function fits(schema: z.ZodType, value: unknown): boolean {
  const node = describe(schema, value);
  if (node.type === "struct" || node.type === "map") return isPlainObject(value);
  if (node.type === "list") return Array.isArray(value);
  return !isPlainObject(value) && !Array.isArray(value);
}

function listNode(meta: KubeFieldMeta, element: SchemaRef): SchemaNode {
  const { goPresence } = meta;
  if (meta.listType === "map") return { type: "list", listType: "map", keys: meta.listMapKeys ?? [], element, goPresence };
  if (meta.listType) return { type: "list", listType: meta.listType, keys: [], element, goPresence };
  if (meta.patchStrategy?.split(",").includes("merge")) {
    return meta.patchMergeKey
      ? { type: "list", listType: "map", keys: [meta.patchMergeKey], element, goPresence }
      : { type: "list", listType: "set", keys: [], element, goPresence };
  }
  return { type: "list", listType: "atomic", keys: [], element, goPresence };
}

/**
 * What a value is under a schema: wrappers looked through (their meta merged, the outer layer winning), shared
 * definitions (ObjectMeta behind a z.unknown) followed, a union resolved by the member that fits the value.
 * At the root, `metadata` is ObjectMeta.
 */
export function describe(ref: SchemaRef, value: unknown, root = false): SchemaNode {
  if (ref === "deduced") return deduced(value);
  const cache = root ? rootNodes : nodes;
  const known = cache.get(ref);
  if (known) return known;
  if (known === null) return read(ref, value, root).node;
  const { node, byValue } = read(ref, value, root);
  cache.set(ref, byValue ? null : node);
  return node;
}

/**
 * What describe found per schema, read once: every walk of every apply asks again for the same schemas.
 * null marks a schema whose reading depends on the value (a union, an intersection, an untyped value).
 */
const nodes = new WeakMap<z.ZodType, SchemaNode | null>();
const rootNodes = new WeakMap<z.ZodType, SchemaNode | null>();

function read(ref: z.ZodType, value: unknown, root: boolean): { node: SchemaNode; byValue: boolean } {
  const layers: KubeFieldMeta[] = [];
  let current = ref;
  for (let depth = 0; depth < 64; depth++) {
    const meta = metaOf(current);
    layers.push(meta);
    const shared = meta.definition ? messageSchemaFor(meta.definition) : undefined;
    const def = defOf(current);
    if (shared && shared !== current && (def.type === "unknown" || def.type === "any")) {
      current = shared;
      continue;
    }
    if (wrappers.has(def.type)) current = def.innerType as z.ZodType;
    else if (def.type === "pipe") current = (defOf(def.in as z.ZodType).type === "transform" ? def.out : def.in) as z.ZodType;
    else if (def.type === "lazy") current = (def.getter as () => z.ZodType)();
    else break;
  }
  const meta: KubeFieldMeta = Object.assign({}, ...layers.reverse());
  const def = defOf(current);
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      const catchall = def.catchall as z.ZodType | undefined;
      const open = catchall !== undefined && defOf(catchall).type !== "never";
      const field = (name: string): SchemaRef | undefined => {
        const top = root ? topLevelFieldSchema(name) : undefined;
        if (top) return top;
        if (Object.hasOwn(shape, name)) return shape[name];
        return open ? "deduced" : undefined;
      };
      return { node: { type: "struct", atomic: (meta.structType ?? meta.mapType) === "atomic", field, goPresence: meta.goPresence }, byValue: false };
    }
    case "record":
    case "map":
      return { node: { type: "map", atomic: meta.mapType === "atomic", value: def.valueType as z.ZodType, goPresence: meta.goPresence }, byValue: false };
    case "array":
      return { node: listNode(meta, def.element as z.ZodType), byValue: false };
    case "tuple":
      return { node: { type: "list", listType: "atomic", keys: [], element: "deduced" }, byValue: false };
    case "union": {
      const options = def.options as z.ZodType[];
      const match = options.find((option) => fits(option, value));
      return { node: match ? describe(match, value, root) : deduced(value), byValue: true };
    }
    case "intersection": {
      const left = def.left as z.ZodType;
      return { node: describe(fits(left, value) ? left : (def.right as z.ZodType), value, root), byValue: true };
    }
    case "unknown":
    case "any":
      return { node: deduced(value), byValue: true };
    default:
      return { node: scalar, byValue: false };
  }
}
