// kube's decode-time coercion of embedded resources (schema/objectmeta Coerce, run after pruning): in every
// x-kubernetes-embedded-resource value, apiVersion and kind must be strings, and metadata is decoded as an
// ObjectMeta and written back (unknown fields dropped and reported, empty fields dropped, timestamps
// normalized). The first failure ends the walk; kube then refuses the request (400 BadRequest,
// `<Kind> in version "<v>" cannot be handled as a <Kind>: <field error>`).

import { isPlainObject } from "../../api/object.ts";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { decodeObjectMeta } from "./object-meta-decode.ts";
import { structural } from "./structural.ts";

export interface CoerceOptions {
  /** Treat the value's own root as an embedded resource (its metadata coerced too). Default false. */
  isResourceRoot?: boolean;
  /** The field path of `value`, leading the paths of the results ("" for a whole object). */
  path?: string;
}

export interface CoerceResult {
  /** The paths of the metadata fields dropped as unknown, sorted ("spec.template.metadata.foo"). */
  unknownFields: string[];
  /** The first malformed envelope field, when there is one. */
  error?: FieldError;
}

const child = (path: string, name: string): string => (path === "" ? name : `${path}.${name}`);

class Coercer {
  readonly unknown: string[] = [];

  coerce(path: string, x: unknown, schema: JSONSchemaProps | undefined, embedded: boolean): FieldError | undefined {
    if (!schema) return undefined;
    const node = structural(schema);
    if (!embedded && !node.hasEmbeddedResources()) return undefined;
    if (Array.isArray(x)) {
      const items = node.items;
      for (let i = 0; i < x.length; i++) {
        const error = this.coerce(`${path}[${i}]`, x[i], items, items ? structural(items).embeddedResource : false);
        if (error) return error;
      }
      return undefined;
    }
    if (!isPlainObject(x)) return undefined;
    for (const key of Object.keys(x)) {
      const v = x[key];
      if (embedded) {
        if ((key === "apiVersion" || key === "kind") && typeof v !== "string") return fieldError.invalid(child(path, key), v, "must be a string");
        if (key === "metadata") {
          const decoded = decodeObjectMeta(v);
          const prefix = child(path, "metadata");
          for (const u of decoded.unknown) this.unknown.push(`${prefix}.${u}`);
          if (decoded.error !== undefined || !decoded.meta) return fieldError.invalid(prefix, v, decoded.error);
          x[key] = decoded.meta;
        }
      }
      const props = node.properties;
      if (props && Object.hasOwn(props, key)) {
        const error = this.coerce(child(path, key), x[key], props[key], structural(props[key]).embeddedResource);
        if (error) return error;
      } else if (node.additional !== undefined) {
        const sub = typeof node.additional === "object" ? node.additional : undefined;
        const error = this.coerce(`${path}[${key}]`, x[key], sub, sub ? structural(sub).embeddedResource : false);
        if (error) return error;
      }
    }
    return undefined;
  }
}

/** Coerces the embedded resources inside `value` in place. */
export function coerceEmbeddedMeta(schema: JSONSchemaProps | undefined, value: unknown, opts: CoerceOptions = {}): CoerceResult {
  const root = opts.isResourceRoot ?? false;
  const coercer = new Coercer();
  const rootSchema = schema ?? (root ? {} : undefined);
  const embedded = root || (schema ? structural(schema).embeddedResource : false);
  const error = coercer.coerce(opts.path ?? "", value, rootSchema, embedded);
  const unknownFields = coercer.unknown.sort();
  return error ? { unknownFields, error } : { unknownFields };
}
