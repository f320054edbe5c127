// The shape of a structural schema as a zod schema, for the generic code that walks kinds' zod schemas:
// unknown-field detection (fieldValidation), server-side apply's list and map types, and field sets. It checks
// nothing itself: values are validated by the structural-schema engine (schema/validate-value.ts). Objects with
// properties are z.object (their other keys unknown) or, under x-kubernetes-preserve-unknown-fields, loose
// objects; maps (additionalProperties) are records; leaves and untyped values are z.unknown().

import { z } from "zod";
import type { KubeFieldMeta } from "../resources/schema-meta.ts";
import { envelope } from "../resources/schema-types.ts";
import type { JSONSchemaProps } from "./schema/json-schema-props.ts";

function listMeta(schema: JSONSchemaProps): Record<string, unknown> & KubeFieldMeta {
  const meta: Record<string, unknown> & KubeFieldMeta = { listType: schema["x-kubernetes-list-type"] ?? "atomic" };
  if (meta.listType === "map") meta.listMapKeys = schema["x-kubernetes-list-map-keys"] ?? [];
  return meta;
}

function describe(schema: JSONSchemaProps): Record<string, unknown> & KubeFieldMeta {
  return schema.description ? { description: schema.description } : {};
}

/** The zod shape of one schema node. */
export function zodMirror(schema: JSONSchemaProps | undefined): z.ZodType {
  if (!schema) return z.unknown();
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  if (schema.type === "array") {
    const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
    return z.array(zodMirror(items)).meta({ ...describe(schema), ...listMeta(schema) });
  }
  if (schema.type === "object" || schema.properties || schema["x-kubernetes-embedded-resource"]) {
    const mapType = schema["x-kubernetes-map-type"];
    if (schema.properties || schema["x-kubernetes-embedded-resource"]) {
      const shape: Record<string, z.ZodType> = {};
      if (schema["x-kubernetes-embedded-resource"]) Object.assign(shape, envelope);
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (schema["x-kubernetes-embedded-resource"] && name === "metadata") continue;
        shape[name] = zodMirror(property).optional();
      }
      const object = preserve ? z.looseObject(shape) : z.object(shape);
      return object.meta({ ...describe(schema), ...(mapType ? { structType: mapType } : {}) });
    }
    const additional = schema.additionalProperties;
    if (typeof additional === "object") {
      return z.record(z.string(), zodMirror(additional)).meta({ ...describe(schema), ...(mapType ? { mapType } : {}) });
    }
    if (additional === true || preserve) return z.looseObject({}).meta(describe(schema));
    return z.object({}).meta(describe(schema));
  }
  return z.unknown();
}

/** The zod shape of a custom resource: the envelope (apiVersion, kind, ObjectMeta) and the schema's fields. */
export function zodMirrorOfResource(schema: JSONSchemaProps | undefined): z.ZodType {
  const shape: Record<string, z.ZodType> = { ...envelope };
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    if (name in envelope) continue;
    shape[name] = zodMirror(property).optional();
  }
  const preserve = !schema || schema["x-kubernetes-preserve-unknown-fields"] === true;
  return preserve ? z.looseObject(shape) : z.object(shape);
}
