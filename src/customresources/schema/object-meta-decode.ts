// An embedded resource's metadata decoded as kube decodes it into a metav1.ObjectMeta and writes it back
// (schema/objectmeta GetObjectMeta + SetObjectMeta): unknown fields dropped (their paths reported, as a strict
// decode reports them: "foo", "ownerReferences[0].bar"), empty optional fields dropped, timestamps re-encoded
// in UTC whole seconds. A value of the wrong type is Go's decode error ("json: cannot unmarshal number into
// Go struct field ObjectMeta.name of type string"), the first in key order (kube decodes the marshalled,
// key-sorted value).

import { isPlainObject } from "../../api/object.ts";
import { parseRFC3339 } from "./rfc3339.ts";

type FieldType = "string" | "int64" | "optionalInt64" | "bool" | "time" | "optionalTime" | "raw" | "stringMap" | "stringList" | StructType;

interface StructType {
  name: string;
  goType: string;
  fields: Record<string, FieldType>;
  /** Fields written even when empty (no omitempty). */
  always: ReadonlySet<string>;
  list: true;
}

const ownerReference: StructType = {
  name: "OwnerReference",
  goType: "v1.OwnerReference",
  fields: { apiVersion: "string", blockOwnerDeletion: "bool", controller: "bool", kind: "string", name: "string", uid: "string" },
  always: new Set(["apiVersion", "kind", "name", "uid"]),
  list: true,
};

const managedFieldsEntry: StructType = {
  name: "ManagedFieldsEntry",
  goType: "v1.ManagedFieldsEntry",
  fields: { apiVersion: "string", fieldsType: "string", fieldsV1: "raw", manager: "string", operation: "string", subresource: "string", time: "optionalTime" },
  always: new Set(),
  list: true,
};

const objectMetaFields: Record<string, FieldType> = {
  annotations: "stringMap",
  creationTimestamp: "time",
  deletionGracePeriodSeconds: "optionalInt64",
  deletionTimestamp: "optionalTime",
  finalizers: "stringList",
  generateName: "string",
  generation: "int64",
  labels: "stringMap",
  managedFields: managedFieldsEntry,
  name: "string",
  namespace: "string",
  ownerReferences: ownerReference,
  resourceVersion: "string",
  selfLink: "string",
  uid: "string",
};

export interface DecodedObjectMeta {
  /** The metadata as kube writes it back (undefined on error). */
  meta?: Record<string, unknown>;
  /** Paths of the fields decoding dropped, relative to metadata. */
  unknown: string[];
  /** Go's decode error. */
  error?: string;
}

/** How Go's decoder names a JSON value in a type error. */
function jsonKind(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  return Array.isArray(v) ? "array" : "object";
}

class Decoder {
  readonly unknown: string[] = [];
  error: string | undefined;

  fail(v: unknown, struct: string, field: string, type: string): undefined {
    this.error ??= `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${struct}.${field} of type ${type}`;
    return undefined;
  }

  /** A struct's fields, written back with Go's omitempty; undefined when nothing is written. */
  struct(v: Record<string, unknown>, fields: Record<string, FieldType>, always: ReadonlySet<string>, struct: string, prefix: string, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      if (!Object.hasOwn(fields, key)) {
        this.unknown.push(`${path}${key}`);
        continue;
      }
      const value = v[key];
      if (value === null) continue;
      const decoded = this.field(value, fields[key], struct, `${prefix}${key}`, `${path}${key}`);
      if (decoded !== undefined) out[key] = decoded;
    }
    for (const key of always) if (!Object.hasOwn(out, key)) out[key] = "";
    return out;
  }

  private field(value: unknown, type: FieldType, struct: string, field: string, path: string): unknown {
    if (typeof type === "object") {
      if (!Array.isArray(value)) return this.fail(value, struct, field, `[]${type.goType}`);
      const items = value.map((item, i) => {
        if (item === null) return this.struct({}, type.fields, type.always, type.name, `${field}.`, `${path}[${i}].`);
        if (!isPlainObject(item)) return this.fail(item, struct, field, type.goType);
        return this.struct(item, type.fields, type.always, type.name, `${field}.`, `${path}[${i}].`);
      });
      return items.length > 0 ? items : undefined;
    }
    switch (type) {
      case "string":
        if (typeof value !== "string") return this.fail(value, struct, field, "string");
        return value === "" ? undefined : value;
      case "bool":
        return typeof value === "boolean" ? value : this.fail(value, struct, field, "bool");
      case "int64":
      case "optionalInt64":
        if (typeof value !== "number") return this.fail(value, struct, field, "int64");
        if (!Number.isInteger(value)) {
          this.error ??= `json: cannot unmarshal number ${value} into Go struct field ${struct}.${field} of type int64`;
          return undefined;
        }
        return type === "int64" && value === 0 ? undefined : value;
      case "time":
      case "optionalTime": {
        if (typeof value !== "string") {
          this.error ??= `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`;
          return undefined;
        }
        const parsed = parseRFC3339(value);
        if (!parsed.ok) {
          this.error ??= parsed.error;
          return undefined;
        }
        return parsed.time;
      }
      case "raw":
        return value;
      case "stringMap": {
        if (!isPlainObject(value)) return this.fail(value, struct, field, "map[string]string");
        const out: Record<string, string> = {};
        for (const k of Object.keys(value).sort()) {
          const item = value[k];
          if (item === null) out[k] = "";
          else if (typeof item !== "string") this.fail(item, struct, field, "string");
          else out[k] = item;
        }
        return Object.keys(out).length > 0 ? out : undefined;
      }
      case "stringList": {
        if (!Array.isArray(value)) return this.fail(value, struct, field, "[]string");
        const out: string[] = [];
        for (const item of value) {
          if (item === null) out.push("");
          else if (typeof item !== "string") this.fail(item, struct, field, "string");
          else out.push(item);
        }
        return out.length > 0 ? out : undefined;
      }
    }
  }
}

/** Decodes `metadata` as ObjectMeta (null decodes as empty). */
export function decodeObjectMeta(metadata: unknown): DecodedObjectMeta {
  if (metadata === null || metadata === undefined) return { meta: {}, unknown: [] };
  if (!isPlainObject(metadata)) return { unknown: [], error: `json: cannot unmarshal ${jsonKind(metadata)} into Go value of type v1.ObjectMeta` };
  const decoder = new Decoder();
  const meta = decoder.struct(metadata, objectMetaFields, new Set(), "ObjectMeta", "", "");
  if (decoder.error) return { unknown: decoder.unknown, error: decoder.error };
  return { meta, unknown: decoder.unknown };
}
