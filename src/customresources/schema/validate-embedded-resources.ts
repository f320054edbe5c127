// The checks kube makes on x-kubernetes-embedded-resource values of a custom resource (apiextensions-apiserver
// schema/objectmeta/validation.go, with isResourceRoot false: the resource's own envelope is validated
// elsewhere): apiVersion and kind are required, must be strings, non-empty; apiVersion must parse as a group
// version, kind (lower-cased) must be a DNS-1035 label; metadata must decode as ObjectMeta and pass
// ValidateObjectMeta with any name allowed as a path segment ("fakename" stands in for a missing one).
// Paths: properties dotted, map keys and indexes bracketed.

import { isPlainObject } from "../../api/object.ts";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { validateObjectMeta } from "../../api/validation/metadata.ts";
import { dns1035LabelErrors } from "../../api/validation/names.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { decodeObjectMeta } from "./object-meta-decode.ts";
import { structural } from "./structural.ts";

const child = (path: string, name: string): string => (path === "" ? name : `${path}.${name}`);

/** The core rule on unqualified finalizers is a warning for custom resources, not an error. */
const finalizerWarning = "name is neither a standard finalizer name nor is it fully qualified";

function metadataErrors(path: string, metadata: unknown): FieldError[] {
  const field = child(path, "metadata");
  const decoded = decodeObjectMeta(metadata);
  if (decoded.error !== undefined || !decoded.meta) return [fieldError.invalid(field, metadata, decoded.error)];
  const meta = decoded.meta;
  if (typeof meta.name !== "string" || meta.name === "") meta.name = "fakename";
  const namespaced = typeof meta.namespace === "string" && meta.namespace !== "";
  return validateObjectMeta(meta, { namespaced, nameRule: "path-segment" })
    .filter((e) => e.detail !== finalizerWarning)
    .map((e) => ({ ...e, field: `${field}${e.field.slice("metadata".length)}` }));
}

function embeddedErrors(path: string, x: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (!Object.hasOwn(x, "apiVersion")) errors.push(fieldError.required(child(path, "apiVersion"), ""));
  if (!Object.hasOwn(x, "kind")) errors.push(fieldError.required(child(path, "kind"), ""));
  for (const key of Object.keys(x)) {
    const v = x[key];
    if (key === "apiVersion") {
      const field = child(path, key);
      if (typeof v !== "string") errors.push(fieldError.invalid(field, v, "must be a string"));
      else if (v === "") errors.push(fieldError.invalid(field, v, "must not be empty"));
      else if (v !== "/" && v.split("/").length > 2) errors.push(fieldError.invalid(field, v, `unexpected GroupVersion string: ${v}`));
    } else if (key === "kind") {
      const field = child(path, key);
      if (typeof v !== "string") errors.push(fieldError.invalid(field, v, "must be a string"));
      else if (v === "") errors.push(fieldError.invalid(field, v, "must not be empty"));
      else {
        const problems = dns1035LabelErrors(v.toLowerCase());
        if (problems.length > 0) errors.push(fieldError.invalid(field, v, `may have mixed case, but should otherwise match: ${problems.join(",")}`));
      }
    } else if (key === "metadata") {
      errors.push(...metadataErrors(path, v));
    }
  }
  return errors;
}

function validate(path: string, schema: JSONSchemaProps, value: unknown, out: FieldError[], root = false): void {
  const node = structural(schema);
  if (!root && !node.hasEmbeddedResources()) return;
  if (Array.isArray(value)) {
    if (node.items) for (let i = 0; i < value.length; i++) validate(`${path}[${i}]`, node.items, value[i], out);
    return;
  }
  if (!isPlainObject(value)) return;
  if (root || node.embeddedResource) out.push(...embeddedErrors(path, value));
  const props = node.properties;
  const additional = typeof node.additional === "object" ? node.additional : undefined;
  for (const key of Object.keys(value)) {
    if (props && Object.hasOwn(props, key)) validate(child(path, key), props[key], value[key], out);
    else if (additional) validate(`${path}[${key}]`, additional, value[key], out);
  }
}

export interface EmbeddedResourceOptions {
  /** Check the value's own envelope too, as an embedded resource (kube's isResourceRoot). Default false. */
  isResourceRoot?: boolean;
}

/** The errors of the embedded resources inside `value`, under `path` ("" for a whole object). */
export function validateEmbeddedResources(
  schema: JSONSchemaProps | undefined,
  value: unknown,
  path = "",
  opts: EmbeddedResourceOptions = {},
): FieldError[] {
  const out: FieldError[] = [];
  const root = opts.isResourceRoot ?? false;
  const rootSchema = schema ?? (root ? {} : undefined);
  if (rootSchema) validate(path, rootSchema, value, out, root);
  return out;
}
