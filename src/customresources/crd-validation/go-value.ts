// kube validates a CRD in its internal (hub) form, whose Go structs have no json tags: when a field error shows
// one of them as its value, the value is that struct as encoding/json writes it, every field under its Go name
// and zero values included ({"Name":"v1","Served":true,...}). These build the same shapes from the wire form,
// for the values of field errors; with `emptyAsNil` they also serve as kube's semantic equality (apimachinery's
// Semantic.DeepEqual treats empty and nil slices and maps alike).

import { isPlainObject } from "../../api/object.ts";
import type { JSONSchemaProps, ValidationRule } from "../schema/json-schema-props.ts";
import type { InternalColumn, InternalSubresources, InternalValidation, InternalVersion } from "./internal-spec.ts";

type Kind = "string" | "ptr" | "bool" | "json" | "list" | "schema" | "schemas" | "schemaMap" | "orArray" | "orBool" | "deps" | "docs" | "rules";

/** The internal JSONSchemaProps fields in declaration order: Go name, wire key, and how the field is held. */
export const schemaFields: readonly (readonly [string, keyof JSONSchemaProps, Kind])[] = [
  ["ID", "id", "string"],
  ["Schema", "$schema", "string"],
  ["Ref", "$ref", "ptr"],
  ["Description", "description", "string"],
  ["Type", "type", "string"],
  ["Nullable", "nullable", "bool"],
  ["Format", "format", "string"],
  ["Title", "title", "string"],
  ["Default", "default", "json"],
  ["Maximum", "maximum", "ptr"],
  ["ExclusiveMaximum", "exclusiveMaximum", "bool"],
  ["Minimum", "minimum", "ptr"],
  ["ExclusiveMinimum", "exclusiveMinimum", "bool"],
  ["MaxLength", "maxLength", "ptr"],
  ["MinLength", "minLength", "ptr"],
  ["Pattern", "pattern", "string"],
  ["MaxItems", "maxItems", "ptr"],
  ["MinItems", "minItems", "ptr"],
  ["UniqueItems", "uniqueItems", "bool"],
  ["MultipleOf", "multipleOf", "ptr"],
  ["Enum", "enum", "list"],
  ["MaxProperties", "maxProperties", "ptr"],
  ["MinProperties", "minProperties", "ptr"],
  ["Required", "required", "list"],
  ["Items", "items", "orArray"],
  ["AllOf", "allOf", "schemas"],
  ["OneOf", "oneOf", "schemas"],
  ["AnyOf", "anyOf", "schemas"],
  ["Not", "not", "schema"],
  ["Properties", "properties", "schemaMap"],
  ["AdditionalProperties", "additionalProperties", "orBool"],
  ["PatternProperties", "patternProperties", "schemaMap"],
  ["Dependencies", "dependencies", "deps"],
  ["AdditionalItems", "additionalItems", "orBool"],
  ["Definitions", "definitions", "schemaMap"],
  ["ExternalDocs", "externalDocs", "docs"],
  ["Example", "example", "json"],
  ["XPreserveUnknownFields", "x-kubernetes-preserve-unknown-fields", "ptr"],
  ["XEmbeddedResource", "x-kubernetes-embedded-resource", "bool"],
  ["XIntOrString", "x-kubernetes-int-or-string", "bool"],
  ["XListMapKeys", "x-kubernetes-list-map-keys", "list"],
  ["XListType", "x-kubernetes-list-type", "ptr"],
  ["XMapType", "x-kubernetes-map-type", "ptr"],
  ["XValidations", "x-kubernetes-validations", "rules"],
];

export interface GoOptions {
  /** Empty slices and maps as nil (null): for comparing the way Semantic.DeepEqual does. */
  emptyAsNil?: boolean;
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

function list<T>(v: unknown, each: (item: T) => unknown, opts: GoOptions): unknown {
  if (!Array.isArray(v)) return null;
  if (v.length === 0 && opts.emptyAsNil) return null;
  return v.map((item) => each(item as T));
}

/** A Go map: encoding/json writes its keys sorted. */
function map<T>(v: unknown, each: (item: T) => unknown, opts: GoOptions): unknown {
  if (!isPlainObject(v)) return null;
  const keys = Object.keys(v).sort();
  if (keys.length === 0 && opts.emptyAsNil) return null;
  return Object.fromEntries(keys.map((k) => [k, each(v[k] as T)]));
}

function jsonValue(v: unknown, opts: GoOptions): unknown {
  if (Array.isArray(v)) return v.length === 0 && opts.emptyAsNil ? null : v.map((x) => jsonValue(x, opts));
  if (isPlainObject(v)) return map(v, (x) => jsonValue(x, opts), opts);
  return v ?? null;
}

export function goValidationRule(rule: ValidationRule): Record<string, unknown> {
  return {
    Rule: rule.rule ?? "",
    Message: rule.message ?? "",
    MessageExpression: rule.messageExpression ?? "",
    Reason: rule.reason ?? null,
    FieldPath: rule.fieldPath ?? "",
    OptionalOldSelf: rule.optionalOldSelf ?? null,
  };
}

function orBool(v: unknown, opts: GoOptions): unknown {
  if (!present(v)) return null;
  if (typeof v === "boolean") return { Allows: v, Schema: null };
  return { Allows: true, Schema: goSchema(v as JSONSchemaProps, opts) };
}

/** JSONSchemaPropsOrArray: a schema, or (a JSON array) a list of schemas. */
export function goItems(v: unknown, opts: GoOptions = {}): unknown {
  if (!present(v)) return null;
  if (Array.isArray(v)) return { Schema: null, JSONSchemas: list(v, (s: JSONSchemaProps) => goSchema(s, opts), opts) };
  return { Schema: goSchema(v as JSONSchemaProps, opts), JSONSchemas: null };
}

function field(kind: Kind, v: unknown, opts: GoOptions): unknown {
  switch (kind) {
    case "string":
      return typeof v === "string" ? v : "";
    case "bool":
      return v === true;
    case "ptr":
      return v ?? null;
    case "json":
      return present(v) ? jsonValue(v, opts) : null;
    case "list":
      return list(v, (x) => jsonValue(x, opts), opts);
    case "schema":
      return present(v) ? goSchema(v as JSONSchemaProps, opts) : null;
    case "schemas":
      return list(v, (s: JSONSchemaProps) => goSchema(s, opts), opts);
    case "schemaMap":
      return map(v, (s: JSONSchemaProps) => goSchema(s, opts), opts);
    case "orArray":
      return goItems(v, opts);
    case "orBool":
      return orBool(v, opts);
    case "deps":
      return map(v, (d: unknown) => (Array.isArray(d) ? { Schema: null, Property: d } : { Schema: goSchema(d as JSONSchemaProps, opts), Property: null }), opts);
    case "docs":
      return isPlainObject(v) ? { Description: v.description ?? "", URL: v.url ?? "" } : null;
    case "rules":
      return list(v, goValidationRule, opts);
  }
}

/** The internal JSONSchemaProps of a wire schema, as encoding/json writes it. */
export function goSchema(schema: JSONSchemaProps, opts: GoOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [goName, key, kind] of schemaFields) out[goName] = field(kind, schema[key], opts);
  return out;
}

export function goValidation(v: InternalValidation | undefined, opts: GoOptions = {}): unknown {
  if (!v) return null;
  return { OpenAPIV3Schema: v.openAPIV3Schema ? goSchema(v.openAPIV3Schema, opts) : null };
}

export function goSubresources(s: InternalSubresources | undefined): unknown {
  if (!s) return null;
  const scale = s.scale
    ? { SpecReplicasPath: s.scale.specReplicasPath, StatusReplicasPath: s.scale.statusReplicasPath, LabelSelectorPath: s.scale.labelSelectorPath ?? null }
    : null;
  return { Status: s.status ? {} : null, Scale: scale };
}

export function goColumns(columns: InternalColumn[] | undefined, opts: GoOptions = {}): unknown {
  return list(
    columns,
    (c: InternalColumn) => ({ Name: c.name, Type: c.type, Format: c.format, Description: c.description, Priority: c.priority, JSONPath: c.jsonPath }),
    opts,
  );
}

export function goSelectableFields(fields: { jsonPath: string }[] | undefined, opts: GoOptions = {}): unknown {
  return list(fields, (f: { jsonPath: string }) => ({ JSONPath: f.jsonPath }), opts);
}

/** spec.versions as kube shows it in "spec.versions: Invalid value: [...]". */
export function goVersions(versions: InternalVersion[] | undefined): unknown {
  if (!versions) return null;
  return versions.map((v) => ({
    Name: v.name,
    Served: v.served,
    Storage: v.storage,
    Deprecated: v.deprecated,
    DeprecationWarning: v.deprecationWarning ?? null,
    Schema: goValidation(v.schema),
    Subresources: goSubresources(v.subresources),
    AdditionalPrinterColumns: goColumns(v.additionalPrinterColumns),
    SelectableFields: goSelectableFields(v.selectableFields),
  }));
}

/** Semantic.DeepEqual of two values already in their Go shape. */
export function goEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
