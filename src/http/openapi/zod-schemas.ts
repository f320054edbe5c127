// Turns the kinds' zod schemas into OpenAPI schemas. A schema whose meta names a `definition` becomes a
// named definition that other schemas refer to; everything else is written inline. Wrappers (optional,
// nullable, default, lazy, pipes) are looked through and their meta merged, the outer layer winning, as
// schema-meta.ts describes. A field's own meta (its description, patch strategy, list type) stays on the
// field; the meta a definition was declared with describes the definition.

import { globalRegistry, type z } from "zod";
import type { KubeFieldMeta } from "../../resources/schema-meta.ts";
import { metaNames } from "./meta-definitions.ts";
import { extension, type Schema } from "./schema.ts";

type ZodDef = { type: string } & Record<string, unknown>;
type AnyZod = z.ZodType;

const defOf = (schema: AnyZod) => schema._zod.def as unknown as ZodDef;
const metaOf = (schema: AnyZod) => (globalRegistry.get(schema) ?? {}) as KubeFieldMeta;
const parentOf = (schema: AnyZod) => (schema._zod as unknown as { parent?: AnyZod }).parent;

const wrapperTypes = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch", "success"]);

interface Unwrapped {
  core: AnyZod;
  /** Meta of the wrapping layers, merged with the outer layer winning. */
  wrapperMeta: KubeFieldMeta;
}

/** Looks through wrappers to the schema that says what the value is. */
export function unwrap(schema: AnyZod): Unwrapped {
  const layers: KubeFieldMeta[] = [];
  let current = schema;
  for (let depth = 0; depth < 64; depth++) {
    const def = defOf(current);
    let next: AnyZod | undefined;
    if (wrapperTypes.has(def.type)) next = def.innerType as AnyZod;
    else if (def.type === "lazy") next = (def.getter as () => AnyZod)();
    else if (def.type === "pipe") {
      const input = def.in as AnyZod;
      next = defOf(input).type === "transform" ? (def.out as AnyZod) : input;
    }
    if (!next) break;
    layers.push(metaOf(current));
    current = next;
  }
  return { core: current, wrapperMeta: Object.assign({}, ...layers.reverse()) as KubeFieldMeta };
}

/** The first schema in the `.meta()` chain that declared this definition name: its meta describes the definition. */
function definitionRoot(schema: AnyZod, name: string): AnyZod {
  let root = schema;
  for (let parent = parentOf(root); parent && metaOf(parent).definition === name; parent = parentOf(root)) root = parent;
  return root;
}

/** Keys of `meta` whose values differ from `base`: what a field added on top of its type's meta. */
function ownMeta(meta: KubeFieldMeta, base: KubeFieldMeta): KubeFieldMeta {
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if ((base as Record<string, unknown>)[key] !== value) own[key] = value;
  }
  return own as KubeFieldMeta;
}

/** Types whose JSON form kube publishes as a named definition, for schemas that say so only by protoType. */
const protoTypeDefinitions: Partial<Record<NonNullable<KubeFieldMeta["protoType"]>, string>> = {
  Time: metaNames.time,
  MicroTime: metaNames.microTime,
  Quantity: metaNames.quantity,
  IntOrString: metaNames.intOrString,
  RawExtension: metaNames.rawExtension,
};

function fieldExtensions(meta: KubeFieldMeta, forStruct: boolean): Record<string, unknown> | undefined {
  const ext: Record<string, unknown> = {};
  if (meta.listMapKeys?.length) ext[extension.listMapKeys] = meta.listMapKeys;
  if (meta.listType) ext[extension.listType] = meta.listType;
  if (meta.mapType) ext[extension.mapType] = meta.mapType;
  else if (forStruct && meta.structType) ext[extension.mapType] = meta.structType;
  if (meta.patchMergeKey) ext[extension.patchMergeKey] = meta.patchMergeKey;
  if (meta.patchStrategy) ext[extension.patchStrategy] = meta.patchStrategy;
  return Object.keys(ext).length ? ext : undefined;
}

function withMeta(schema: Schema, meta: KubeFieldMeta, forStruct: boolean): Schema {
  const out: Schema = meta.description ? { description: meta.description, ...schema } : { ...schema };
  const ext = fieldExtensions(meta, forStruct);
  if (ext) out.extensions = { ...out.extensions, ...ext };
  return out;
}

function isIntegral(def: ZodDef): boolean {
  if (typeof def.format === "string" && /int/.test(def.format)) return true;
  const checks = (def.checks ?? []) as AnyZod[];
  return checks.some((check) => {
    const c = check._zod.def as unknown as { check?: string; format?: string };
    return c.check === "number_format" && typeof c.format === "string" && /int/.test(c.format);
  });
}

function primitiveType(value: unknown): Schema["type"] {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return undefined;
}

/**
 * Collects definitions while converting schemas. Names in `fixed` are written elsewhere (by hand): they are
 * referred to but never generated. The first schema to claim a name defines it.
 */
export class SchemaCollector {
  readonly definitions = new Map<string, Schema>();
  /** The zod schemas that claimed each generated name; more than one means two shapes share a name. */
  readonly claims = new Map<string, Set<AnyZod>>();
  /** Inline schemas being converted, to cut cycles that do not pass through a definition. */
  private readonly inProgress = new Set<AnyZod>();

  constructor(private readonly fixed: ReadonlySet<string>) {}

  /** The schema of a field's value, its own meta applied. */
  field(schema: AnyZod): Schema {
    const { core, wrapperMeta } = unwrap(schema);
    const coreMeta = metaOf(core);
    const name = wrapperMeta.definition ?? coreMeta.definition;
    if (name) {
      const root = definitionRoot(core, name);
      this.define(name, root);
      const fieldMeta = { ...ownMeta(coreMeta, metaOf(root)), ...wrapperMeta };
      return withMeta({ ref: name }, fieldMeta, false);
    }
    const meta = { ...coreMeta, ...wrapperMeta };
    const byProto = meta.protoType ? protoTypeDefinitions[meta.protoType] : undefined;
    if (byProto) return withMeta({ ref: byProto }, meta, false);
    return withMeta(this.body(core, meta), meta, true);
  }

  /** Registers `name` with the body of `schema` unless it is known already. */
  define(name: string, schema: AnyZod, body?: () => Schema): void {
    if (this.fixed.has(name)) return;
    const claimants = this.claims.get(name) ?? new Set();
    this.claims.set(name, claimants.add(schema));
    if (this.definitions.has(name)) return;
    this.definitions.set(name, {}); // placeholder: a reference back to it while converting ends here
    const { core, wrapperMeta } = unwrap(schema);
    const meta = { ...metaOf(core), ...wrapperMeta };
    const converted = body ? body() : this.body(core, meta);
    const ext = fieldExtensions({ mapType: meta.mapType, structType: meta.structType }, true);
    const definition: Schema = meta.description ? { description: meta.description, ...converted } : { ...converted };
    if (ext) definition.extensions = { ...definition.extensions, ...ext };
    this.definitions.set(name, definition);
  }

  /** The properties of an object schema, each converted as a field, and the names it requires. */
  objectParts(schema: AnyZod): { properties: Record<string, Schema>; required: string[]; loose: boolean } {
    const def = defOf(unwrap(schema).core);
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    if (def.type !== "object") return { properties, required, loose: true };
    for (const [key, value] of Object.entries(def.shape as Record<string, AnyZod>)) {
      properties[key] = this.field(value);
      if (isRequired(value)) required.push(key);
    }
    const catchall = def.catchall as AnyZod | undefined;
    const catchallType = catchall ? defOf(catchall).type : "never";
    return { properties, required, loose: catchallType === "unknown" || catchallType === "any" };
  }

  /** What a value is, without the meta of the field that holds it. */
  private body(core: AnyZod, meta: KubeFieldMeta): Schema {
    const def = defOf(core);
    switch (def.type) {
      case "string":
        return meta.protoType === "bytes" ? { type: "string", format: "byte" } : { type: "string" };
      case "number":
        if (meta.protoType === "double") return { type: "number", format: "double" };
        if (meta.protoType === "int64") return { type: "integer", format: "int64" };
        if (meta.protoType === "int32" || isIntegral(def)) return { type: "integer", format: "int32" };
        return { type: "number", format: "double" };
      case "bigint":
        return { type: "integer", format: "int64" };
      case "boolean":
        return { type: "boolean" };
      case "date":
        return { type: "string", format: "date-time" };
      case "enum": {
        const values = Object.values(def.entries as Record<string, string | number>);
        return { type: primitiveType(values[0]) ?? "string", enum: values };
      }
      case "literal": {
        const values = (def.values as unknown[]).filter((v): v is string | number | boolean => primitiveType(v) !== undefined);
        const type = primitiveType(values[0]);
        return type ? { type, enum: values } : {};
      }
      case "array":
        return { type: "array", items: this.field(def.element as AnyZod) };
      case "record":
        return { type: "object", additionalProperties: this.field(def.valueType as AnyZod) };
      case "object":
        return this.guarded(core, () => this.object(core));
      case "union":
        return this.guarded(core, () => this.union(def.options as AnyZod[]));
      default:
        return {}; // unknown, any, intersections and the like: any JSON value
    }
  }

  private object(core: AnyZod): Schema {
    const { properties, required, loose } = this.objectParts(core);
    const def = defOf(core);
    const catchall = def.catchall as AnyZod | undefined;
    const catchallType = catchall ? defOf(catchall).type : "never";
    const out: Schema = { type: "object" };
    if (required.length) out.required = required;
    if (Object.keys(properties).length) out.properties = properties;
    if (loose) out.loose = true;
    else if (catchall && catchallType !== "never") out.additionalProperties = this.field(catchall);
    return out;
  }

  /** A union of one JSON type is that type; anything else is any JSON value. */
  private union(options: AnyZod[]): Schema {
    const converted = options.map((option) => this.field(option));
    const types = new Set(converted.map((s) => s.type));
    const [type] = types;
    if (types.size !== 1 || !type || converted.some((s) => s.ref)) return {};
    const values = converted.flatMap((s) => s.enum ?? []);
    const everyEnum = converted.every((s) => s.enum);
    return everyEnum ? { type, enum: values } : { type };
  }

  private guarded(core: AnyZod, convert: () => Schema): Schema {
    if (this.inProgress.has(core)) return {};
    this.inProgress.add(core);
    try {
      return convert();
    } finally {
      this.inProgress.delete(core);
    }
  }
}

/** A field is required when its schema does not accept absence (optional, defaulted, unknown and any do). */
function isRequired(schema: AnyZod): boolean {
  if (schema._zod.optin !== undefined) return false;
  const type = defOf(unwrap(schema).core).type;
  return type !== "unknown" && type !== "any";
}
