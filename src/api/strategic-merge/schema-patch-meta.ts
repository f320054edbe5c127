// Answers strategic merge patch's questions (patch-meta.ts) from a kind's zod schema and its .meta()
// (resources/schema-meta.ts): a field's patchStrategy and patchMergeKey, read through optional, default,
// nullable, pipe and lazy wrappers (outer layers win), and the schema one level down. A kind's top-level
// `metadata` is ObjectMeta; a field declared z.unknown() with a shared definition is walked with that
// definition's schema. Keys a schema does not model (a looseObject's extra keys, z.unknown()) have no meta.

import { z } from "zod";
import { messageSchemaFor, topLevelFieldSchema } from "../../resources/object-meta-schema.ts";
import type { KubeFieldMeta } from "../../resources/schema-meta.ts";
import { noPatchMeta, unknownField, type FieldPatchMeta, type PatchMeta } from "./patch-meta.ts";

type Schema = z.core.$ZodType;
type Def = z.core.$ZodTypeDef & Record<string, unknown>;

const wrappers = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

/** The schema under its wrappers (switched to a shared definition's schema), and the meta of every layer. */
function unwrap(schema: Schema): { core: Schema; meta: KubeFieldMeta } {
  const layers: KubeFieldMeta[] = [];
  let current = schema;
  for (let depth = 0; depth < 64; depth++) {
    const meta = (z.globalRegistry.get(current) ?? {}) as KubeFieldMeta;
    layers.push(meta);
    const shared = meta.definition ? messageSchemaFor(meta.definition) : undefined;
    const def = current._zod.def as Def;
    if (shared && shared !== current && def.type === "unknown") current = shared;
    else if (wrappers.has(def.type)) current = def.innerType as Schema;
    else if (def.type === "pipe") current = ((def.in as Schema)._zod.def.type === "transform" ? def.out : def.in) as Schema;
    else if (def.type === "lazy") current = (def.getter as () => Schema)();
    else break;
  }
  return { core: current, meta: Object.assign({}, ...layers.reverse()) as KubeFieldMeta };
}

/** The schema of key `key` of a map the schema describes, if it models one. */
function childSchema(core: Schema, key: string): Schema | undefined {
  const def = core._zod.def as Def;
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, Schema>;
      if (Object.hasOwn(shape, key)) return shape[key];
      const catchall = def.catchall as Schema | undefined;
      return catchall && catchall._zod.def.type !== "never" ? catchall : undefined;
    }
    case "record":
    case "map":
      return def.valueType as Schema;
    case "intersection":
      return childSchema(unwrap(def.left as Schema).core, key) ?? childSchema(unwrap(def.right as Schema).core, key);
    case "union":
      for (const option of def.options as Schema[]) {
        const found = childSchema(unwrap(option).core, key);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

class SchemaPatchMeta implements PatchMeta {
  private readonly fields = new Map<string, FieldPatchMeta>();

  constructor(
    private readonly core: Schema,
    private readonly topLevel: boolean,
  ) {}

  field(key: string): FieldPatchMeta {
    let known = this.fields.get(key);
    if (!known) {
      known = this.lookup(key);
      this.fields.set(key, known);
    }
    return known;
  }

  private lookup(key: string): FieldPatchMeta {
    const child = (this.topLevel ? topLevelFieldSchema(key) : undefined) ?? childSchema(this.core, key);
    if (!child) return unknownField();
    const { core, meta } = unwrap(child);
    const strategies = meta.patchStrategy ? meta.patchStrategy.split(",").map((s) => s.trim()) : [];
    const def = core._zod.def as Def;
    const value = def.type === "array" ? unwrap(def.element as Schema).core : core;
    return { strategies, mergeKey: meta.patchMergeKey ?? "", meta: patchMetaOf(value) };
  }
}

const cache = new WeakMap<Schema, PatchMeta>();
const topLevelCache = new WeakMap<Schema, PatchMeta>();

function patchMetaOf(core: Schema): PatchMeta {
  const type = (core._zod.def as Def).type;
  if (!["object", "record", "map", "intersection", "union"].includes(type)) return noPatchMeta;
  let meta = cache.get(core);
  if (!meta) {
    meta = new SchemaPatchMeta(core, false);
    cache.set(core, meta);
  }
  return meta;
}

/** The patch meta of a kind's (or Scale's) whole object: its top-level `metadata` is ObjectMeta. */
export function schemaPatchMeta(schema: z.ZodType): PatchMeta {
  let meta = topLevelCache.get(schema);
  if (!meta) {
    meta = new SchemaPatchMeta(unwrap(schema).core, true);
    topLevelCache.set(schema, meta);
  }
  return meta;
}
