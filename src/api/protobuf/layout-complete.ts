// Whether a schema gives every field it can hold a protobuf number, so that nothing is lost on the wire. A field
// without a number, or an object that keeps unknown fields (z.looseObject), makes the layout incomplete: an
// answer in protobuf could drop data a JSON answer would carry. Decided once per schema.

import { z } from "zod";
import { messageSchemaFor } from "../../resources/object-meta-schema.ts";
import { unwrap } from "./descriptor.ts";

type Schema = z.core.$ZodType;

const known = new WeakMap<Schema, boolean>();
const knownTopLevel = new WeakMap<Schema, boolean>();

/** True when every field the schema allows travels in protobuf (a kind's own schema: `topLevel`). */
export function protobufLayoutComplete(schema: Schema, topLevel = false): boolean {
  const store = topLevel ? knownTopLevel : known;
  const cached = store.get(schema);
  if (cached !== undefined) return cached;
  store.set(schema, true); // a recursive schema finds itself complete while it is being walked
  const complete = messageComplete(unwrap(schema).core, topLevel);
  store.set(schema, complete);
  return complete;
}

function messageComplete(core: Schema, topLevel: boolean): boolean {
  const def = core._zod.def;
  if (def.type === "intersection") {
    const both = def as z.core.$ZodIntersectionDef;
    return messageComplete(unwrap(both.left).core, topLevel) && messageComplete(unwrap(both.right).core, topLevel);
  }
  if (def.type !== "object") return false;
  const object = def as z.core.$ZodObjectDef;
  if (object.catchall && object.catchall._zod.def.type !== "never") return false;
  for (const [name, field] of Object.entries(object.shape)) {
    const { core: value, meta } = unwrap(field);
    if (topLevel && (name === "apiVersion" || name === "kind")) continue;
    if (meta.proto === undefined) {
      if (topLevel && name === "metadata") continue; // ObjectMeta, field 1
      return false;
    }
    if (!valueComplete(value, meta.protoType !== undefined, meta.definition)) return false;
  }
  return true;
}

function valueComplete(core: Schema, special: boolean, definition: string | undefined): boolean {
  if (special) return true; // a Time, Quantity, embedded JSON...: the whole value is one wire value
  const def = core._zod.def;
  switch (def.type) {
    case "array":
      return elementComplete((def as z.core.$ZodArrayDef).element);
    case "record":
      return elementComplete((def as z.core.$ZodRecordDef).valueType);
    case "object":
    case "intersection":
      return protobufLayoutComplete(core);
    case "union":
      return (def as z.core.$ZodUnionDef).options.every((option) => elementComplete(option));
    case "unknown":
    case "any": {
      const shared = definition ? messageSchemaFor(definition) : undefined;
      return shared !== undefined && protobufLayoutComplete(shared);
    }
    default:
      return true; // strings, numbers, booleans, enums, literals
  }
}

function elementComplete(schema: Schema): boolean {
  const { core, meta } = unwrap(schema);
  return valueComplete(core, meta.protoType !== undefined, meta.definition);
}
