// Reads a protobuf message layout out of a zod schema and its .meta() (schema-meta.ts): which JSON field has
// which number and wire form, and which fields an embedded Go struct carries (an object's `inline` meta).
// Compiled once per schema and cached; annotations that cannot be encoded (a numbered union or unknown without
// a protoType, two fields with one number) are a SchemaError naming the field.

import { z } from "zod";
import type { InlineMessage, KubeFieldMeta, ProtoType } from "../../resources/schema-meta.ts";
import { messageSchemaFor, topLevelFieldSchema } from "../../resources/object-meta-schema.ts";
import { keepEmptyStrings } from "./keep-empty-strings.ts";

export type ScalarType = "string" | "bool" | ProtoType;

export type ValueDescriptor = { kind: "scalar"; type: ScalarType } | { kind: "message"; message: MessageDescriptor };

export interface FieldDescriptor {
  /** The JSON name (for "inline", the embedded message's definition). */
  name: string;
  number: number;
  /** "inline": an embedded Go struct whose fields JSON flattens into this message (see InlineMessage). */
  shape: "single" | "repeated" | "map" | "inline";
  /** The value, the element of a repeated field, or a map's value (map keys are strings). */
  value: ValueDescriptor;
  /** A decoded zero scalar is not written in Go's JSON (KubeFieldMeta.omitEmpty). */
  omitEmpty?: boolean;
  /** A string field whose empty value Go's JSON writes (keep-empty-strings.ts); other empty strings it omits. */
  keepEmpty?: boolean;
}

/** Whether Go's JSON leaves out this value of a single scalar field: an omitempty string, number or bool at zero. */
export function goOmitsZero(f: FieldDescriptor, value: unknown): boolean {
  if (f.value.kind === "scalar" && f.value.type === "string") return value === "" && !f.keepEmpty;
  return f.omitEmpty === true && (value === 0 || value === false);
}

export interface MessageDescriptor {
  definition?: string;
  /** In field-number order, the order Go writes them. */
  fields: FieldDescriptor[];
  byNumber: Map<number, FieldDescriptor>;
}

export class SchemaError extends Error {}

function inlineMessages(meta: KubeFieldMeta, where: string): InlineMessage[] {
  const inline: unknown = meta.inline;
  if (inline === undefined) return [];
  const valid = (m: unknown): m is InlineMessage => {
    const x = m as Partial<InlineMessage> | null;
    return typeof x === "object" && x !== null && typeof x.proto === "number" && typeof x.definition === "string" && Array.isArray(x.fields);
  };
  if (!Array.isArray(inline) || !inline.every(valid)) throw new SchemaError(`${where}: inline must list {proto, definition, fields}`);
  return inline;
}

type Schema = z.core.$ZodType;

const wrappers = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional", "lazy", "pipe"]);

/** The schema under optional/default/nullable/pipe/lazy wrappers, and the meta of every layer (outer wins). */
export function unwrap(schema: Schema): { core: Schema; meta: KubeFieldMeta } {
  const layers: KubeFieldMeta[] = [];
  let current = schema;
  for (let i = 0; i < 64; i++) {
    layers.push((z.globalRegistry.get(current) ?? {}) as KubeFieldMeta);
    const def = current._zod.def;
    if (!wrappers.has(def.type)) break;
    if (def.type === "lazy") current = (current as z.core.$ZodLazy)._zod.innerType; // cached: one schema per lazy
    else if (def.type === "pipe") {
      const pipe = def as z.core.$ZodPipeDef;
      current = pipe.in._zod.def.type === "transform" ? pipe.out : pipe.in;
    } else current = (def as z.core.$ZodOptionalDef).innerType;
  }
  return { core: current, meta: Object.assign({}, ...layers.reverse()) as KubeFieldMeta };
}

function isInteger(schema: Schema): boolean {
  const def = schema._zod.def as z.core.$ZodNumberDef & { format?: string };
  const intFormats = ["safeint", "int32", "uint32", "int64", "uint64"];
  if (def.format && intFormats.includes(def.format)) return true;
  return (def.checks ?? []).some((check) => {
    const c = check._zod.def as { check: string; format?: string };
    return c.check === "number_format" && c.format !== undefined && intFormats.includes(c.format);
  });
}

/** The fields of an object schema, or of an intersection of object schemas. */
function shapeOf(core: Schema, where: string): Record<string, Schema> {
  const def = core._zod.def;
  if (def.type === "object") return (def as z.core.$ZodObjectDef).shape;
  if (def.type === "intersection") {
    const both = def as z.core.$ZodIntersectionDef;
    return { ...shapeOf(unwrap(both.left).core, where), ...shapeOf(unwrap(both.right).core, where) };
  }
  throw new SchemaError(`${where}: ${def.type} is not a message`);
}

const cache = new WeakMap<Schema, MessageDescriptor>();
const topLevelCache = new WeakMap<Schema, MessageDescriptor>();

/**
 * The message an object schema describes. `topLevel` marks a kind's own schema: its unnumbered `metadata` is
 * ObjectMeta, field 1, as in every top-level kind message.
 */
export function messageDescriptor(schema: Schema, options: { topLevel?: boolean } = {}): MessageDescriptor {
  const store = options.topLevel ? topLevelCache : cache;
  const known = store.get(schema);
  if (known) return known;
  const { core, meta } = unwrap(schema);
  const where = meta.definition ?? "message";
  const descriptor: MessageDescriptor = { definition: meta.definition, fields: [], byNumber: new Map() };
  store.set(schema, descriptor); // before the fields, so a recursive schema finds itself
  try {
    const inline = inlineMessages(meta, where).map((m) => ({ ...m, message: { definition: m.definition, fields: [], byNumber: new Map() } as MessageDescriptor }));
    for (const [name, field] of Object.entries(shapeOf(core, where))) {
      const embedded = inline.find((m) => m.fields.includes(name));
      const compiled = fieldDescriptor(name, field, options.topLevel === true && !embedded, embedded?.definition ?? where);
      if (compiled) addField(embedded?.message ?? descriptor, compiled, embedded?.definition ?? where);
    }
    markKeepEmpty(descriptor);
    for (const m of inline) {
      markKeepEmpty(m.message);
      m.message.fields.sort((a, b) => a.number - b.number);
      addField(descriptor, { name: m.definition, number: m.proto, shape: "inline", value: { kind: "message", message: m.message } }, where);
    }
  } catch (error) {
    store.delete(schema);
    throw error;
  }
  descriptor.fields.sort((a, b) => a.number - b.number);
  return descriptor;
}

function markKeepEmpty(descriptor: MessageDescriptor): void {
  const names = descriptor.definition ? keepEmptyStrings[descriptor.definition] : undefined;
  if (!names) return;
  for (const f of descriptor.fields) {
    if (names.includes(f.name) && f.shape === "single" && f.value.kind === "scalar" && f.value.type === "string") f.keepEmpty = true;
  }
}

function addField(descriptor: MessageDescriptor, field: FieldDescriptor, where: string): void {
  const taken = descriptor.byNumber.get(field.number);
  if (taken) throw new SchemaError(`${where}: fields ${taken.name} and ${field.name} both have number ${field.number}`);
  descriptor.byNumber.set(field.number, field);
  descriptor.fields.push(field);
}

function fieldDescriptor(name: string, schema: Schema, topLevel: boolean, parent: string): FieldDescriptor | undefined {
  const { core, meta } = unwrap(schema);
  if (meta.proto === undefined) {
    const stand = topLevel ? topLevelFieldSchema(name) : undefined;
    return stand ? fieldDescriptor(name, stand, false, parent) : undefined;
  }
  const number = meta.proto;
  const where = `${parent}.${name}`;
  if (!Number.isInteger(number) || number < 1 || number > 536_870_911) throw new SchemaError(`${where}: invalid field number ${number}`);
  const embedsJson = meta.protoType === "RawExtension" || meta.protoType === "JSON";
  const type = core._zod.def.type;
  if (type === "array" && !embedsJson) {
    const element = unwrap((core._zod.def as z.core.$ZodArrayDef).element);
    return { name, number, shape: "repeated", value: valueDescriptor(element.core, element.meta, meta.protoType, where) };
  }
  if (type === "record" && !embedsJson) {
    const value = unwrap((core._zod.def as z.core.$ZodRecordDef).valueType);
    return { name, number, shape: "map", value: valueDescriptor(value.core, value.meta, meta.protoType, where) };
  }
  const single: FieldDescriptor = { name, number, shape: "single", value: valueDescriptor(core, meta, undefined, where) };
  if (meta.omitEmpty) {
    if (single.value.kind !== "scalar" || !["bool", "int32", "int64", "double"].includes(single.value.type)) {
      throw new SchemaError(`${where}: omitEmpty is for a bool or a number`);
    }
    single.omitEmpty = true;
  }
  return single;
}

/** `inherited` is the protoType of a repeated or map field, which describes its elements. */
function valueDescriptor(core: Schema, meta: KubeFieldMeta, inherited: ProtoType | undefined, where: string): ValueDescriptor {
  const protoType = meta.protoType ?? inherited;
  if (protoType) return { kind: "scalar", type: protoType };
  const def = core._zod.def;
  switch (def.type) {
    case "string":
    case "enum":
    case "template_literal":
      return { kind: "scalar", type: "string" };
    case "boolean":
      return { kind: "scalar", type: "bool" };
    case "number":
      return { kind: "scalar", type: isInteger(core) ? "int32" : "double" };
    case "bigint":
      return { kind: "scalar", type: "int64" };
    case "literal": {
      const first = (def as z.core.$ZodLiteralDef<z.core.util.Literal>).values[0];
      if (typeof first === "string") return { kind: "scalar", type: "string" };
      if (typeof first === "boolean") return { kind: "scalar", type: "bool" };
      if (typeof first === "number") return { kind: "scalar", type: Number.isInteger(first) ? "int32" : "double" };
      break;
    }
    case "object":
    case "intersection":
      return { kind: "message", message: messageDescriptor(core) };
    case "union": {
      const options = (def as z.core.$ZodUnionDef).options.map((option) => {
        const inner = unwrap(option);
        return valueDescriptor(inner.core, inner.meta, undefined, where);
      });
      const first = options[0];
      if (first?.kind === "scalar" && options.every((o) => o.kind === "scalar" && o.type === first.type)) return first;
      throw new SchemaError(`${where}: a union needs a protoType to say its wire form`);
    }
    case "unknown":
    case "any": {
      const known = meta.definition ? messageSchemaFor(meta.definition) : undefined;
      if (known) return { kind: "message", message: messageDescriptor(known) };
      throw new SchemaError(`${where}: an unknown value needs a protoType or a known definition`);
    }
  }
  throw new SchemaError(`${where}: no protobuf form for zod type ${def.type}`);
}
