// A custom resource's published schema: its CRD version's openAPIV3Schema in the model both documents are
// rendered from, with kube's envelope (apiVersion, kind, ObjectMeta by reference). Keeps what clients read:
// types, formats, descriptions, required fields, enums and the x-kubernetes extensions that drive apply.

import type { JSONSchemaProps } from "../../customresources/schema/json-schema-props.ts";
import { objectMetaProperty, typeMetaProperties } from "./meta-definitions.ts";
import { sortedRecord, type Schema, type SchemaType } from "./schema.ts";

const schemaTypes = new Set(["object", "array", "string", "integer", "number", "boolean"]);
const carried = [
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-map-type",
  "x-kubernetes-int-or-string",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-embedded-resource",
] as const;

export function publishedSchema(props: JSONSchemaProps): Schema {
  const out: Schema = {};
  if (props.description) out.description = props.description;
  if (props.type && schemaTypes.has(props.type)) out.type = props.type as SchemaType;
  if (props.format) out.format = props.format;
  if (props.required?.length) out.required = [...props.required];
  if (props.enum?.length) out.enum = props.enum.filter((v): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v));
  const items = Array.isArray(props.items) ? props.items[0] : props.items;
  if (items) out.items = publishedSchema(items);
  if (props.properties) {
    const properties: Record<string, Schema> = {};
    for (const [name, property] of Object.entries(props.properties)) properties[name] = publishedSchema(property);
    out.properties = sortedRecord(properties);
  }
  if (typeof props.additionalProperties === "object") out.additionalProperties = publishedSchema(props.additionalProperties);
  if (props["x-kubernetes-int-or-string"]) out.oneOf = [{ type: "integer" }, { type: "string" }];
  if (props["x-kubernetes-preserve-unknown-fields"] && props.properties) out.loose = true;
  const extensions: Record<string, unknown> = {};
  for (const key of carried) if (props[key] !== undefined) extensions[key] = props[key];
  if (Object.keys(extensions).length) out.extensions = extensions;
  return out;
}

/** The kind's definition: the schema's own fields and the envelope every kind has. */
export function publishedKindSchema(props: JSONSchemaProps | undefined): Schema {
  const root = props ? publishedSchema(props) : { type: "object" as const };
  const properties: Record<string, Schema> = { ...root.properties, apiVersion: typeMetaProperties.apiVersion, kind: typeMetaProperties.kind, metadata: objectMetaProperty };
  const out: Schema = { ...root, type: "object", properties: sortedRecord(properties) };
  if (!props || props["x-kubernetes-preserve-unknown-fields"]) out.loose = true;
  return out;
}

/** kube's definition name of a custom kind: its group reversed, then version and kind ("com.example.stable.v1.CronTab"). */
export function customDefinitionName(group: string, version: string, kind: string): string {
  return `${group.split(".").reverse().join(".")}.${version}.${kind}`;
}
