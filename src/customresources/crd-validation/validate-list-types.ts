// x-kubernetes-map-type, x-kubernetes-list-type and x-kubernetes-list-map-keys of one schema node: the types
// they need, items of sets atomic, map-list keys scalar, existing, unique, required or defaulted, not nullable.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { goItems } from "./go-value.ts";

const present = (v: unknown): boolean => v !== undefined && v !== null;
const single = (items: JSONSchemaProps["items"]): JSONSchemaProps | undefined =>
  present(items) && !Array.isArray(items) ? (items as JSONSchemaProps) : undefined;

const own = (props: Record<string, JSONSchemaProps> | undefined, k: string): JSONSchemaProps | undefined =>
  props && Object.hasOwn(props, k) ? props[k] : undefined;

export interface ListTypeOptions {
  requireAtomicSetType: boolean;
  requireMapListKeysMapSetValidation: boolean;
}

/** validateMapListKeysMapSet: items of sets and map lists are not nullable; map keys required or defaulted. */
export function mapListKeysMapSetErrors(schema: JSONSchemaProps, path: string): FieldError[] {
  const items = single(schema.items);
  const listType = schema["x-kubernetes-list-type"];
  if (!items || (listType !== "set" && listType !== "map")) return [];
  const errors: FieldError[] = [];
  if (items.nullable === true) errors.push(fieldError.forbidden(`${path}.items.nullable`, `cannot be nullable when x-kubernetes-list-type is ${listType}`));
  if (listType === "map") {
    const required = new Set(items.required ?? []);
    for (const k of schema["x-kubernetes-list-map-keys"] ?? []) {
      const prop = own(items.properties, k);
      if (!prop) continue;
      const keyPath = `${path}.items.properties[${k}]`;
      if (!required.has(k) && !present(prop.default)) {
        errors.push(fieldError.required(`${keyPath}.default`, "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
      }
      if (prop.nullable === true) errors.push(fieldError.forbidden(`${keyPath}.nullable`, "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
    }
  }
  return errors;
}

export function listTypeErrors(schema: JSONSchemaProps, path: string, opts: ListTypeOptions): FieldError[] {
  const errors: FieldError[] = [];
  const type = schema.type ?? "";
  const mapType = schema["x-kubernetes-map-type"];
  const listType = schema["x-kubernetes-list-type"];
  const keys = schema["x-kubernetes-list-map-keys"] ?? [];
  const typeError = (detail: string) =>
    errors.push(type ? fieldError.invalid(`${path}.type`, type, detail) : fieldError.required(`${path}.type`, detail));

  if (present(mapType) && type !== "object") typeError("must be object if x-kubernetes-map-type is specified");
  if (present(mapType) && mapType !== "atomic" && mapType !== "granular") {
    errors.push(fieldError.notSupported(`${path}.x-kubernetes-map-type`, mapType, ["atomic", "granular"]));
  }
  const items = single(schema.items);
  if (present(listType) && type !== "array") typeError("must be array if x-kubernetes-list-type is specified");
  else if (opts.requireAtomicSetType && listType === "set" && items) {
    const detail = "must be atomic as item of a list with x-kubernetes-list-type=set";
    const itemListType = items["x-kubernetes-list-type"];
    if (items.type === "array" && present(itemListType) && itemListType !== "atomic") {
      errors.push(fieldError.invalid(`${path}.items.x-kubernetes-list-type`, itemListType, detail));
    } else if (items.type === "object" && items["x-kubernetes-map-type"] !== "atomic") {
      // kube shows the items' list type here, not their map type.
      errors.push(fieldError.invalid(`${path}.items.x-kubernetes-map-type`, itemListType ?? null, detail));
    }
  }
  if (present(listType) && listType !== "atomic" && listType !== "set" && listType !== "map") {
    errors.push(fieldError.notSupported(`${path}.x-kubernetes-list-type`, listType, ["atomic", "set", "map"]));
  }
  if (keys.length > 0) {
    const detail = "must be map if x-kubernetes-list-map-keys is non-empty";
    if (!present(listType)) errors.push(fieldError.required(`${path}.x-kubernetes-list-type`, detail));
    else if (listType !== "map") errors.push(fieldError.invalid(`${path}.x-kubernetes-list-type`, listType, detail));
  }
  if (listType === "map") {
    if (keys.length === 0) errors.push(fieldError.required(`${path}.x-kubernetes-list-map-keys`, "must not be empty if x-kubernetes-list-type is map"));
    if (!present(schema.items)) errors.push(fieldError.required(`${path}.items`, "must have a schema if x-kubernetes-list-type is map"));
    else if (!items) errors.push(fieldError.invalid(`${path}.items`, goItems(schema.items), "must only have a single schema if x-kubernetes-list-type is map"));
    if (items && items.type !== "object") {
      errors.push(fieldError.invalid(`${path}.items.type`, items.type ?? "", "must be object if parent array's x-kubernetes-list-type is map"));
    }
    if (items && items.type === "object") {
      const seen = new Set<string>();
      for (const k of keys) {
        const prop = own(items.properties, k);
        if (prop) {
          if (prop.type === "array" || prop.type === "object") {
            // kube shows the items' type ("object") as the value.
            errors.push(fieldError.invalid(`${path}.items.properties[${k}].type`, items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
          }
        } else {
          errors.push(fieldError.invalid(`${path}.x-kubernetes-list-map-keys`, keys, "entries must all be names of item properties"));
        }
        if (seen.has(k)) errors.push(fieldError.invalid(`${path}.x-kubernetes-list-map-keys`, keys, "must not contain duplicate entries"));
        seen.add(k);
      }
    }
  }
  if (opts.requireMapListKeysMapSetValidation) errors.push(...mapListKeysMapSetErrors(schema, path));
  return errors;
}
