// ValidateDefaults' walk (schema/defaulting/validation.go): every default reached through properties and items
// (not additionalProperties, where defaults are forbidden) is handed to the caller's check, with the resource it
// lies in (the root, treated as an embedded resource, or the nearest x-kubernetes-embedded-resource) and whether
// it lies in that resource's apiVersion, kind or metadata. The checks themselves (pruning, metadata, the schema,
// CEL) belong to the structural-schema engine: see DefaultContext.

import type { FieldError } from "../../api/field-errors.ts";
import type { Structural } from "./structural.ts";
import type { ValidationOptions } from "./validation-options.ts";

interface Walk {
  resource: Structural;
  pathInResource: (string | null)[];
  insideMeta: boolean;
}

function walk(s: Structural, path: string, at: Walk, isRoot: boolean, opts: ValidationOptions, errors: FieldError[]): void {
  const embedded = isRoot || s.extensions.xEmbeddedResource;
  if (embedded) at = { resource: s, pathInResource: [], insideMeta: false };
  if (s.generic.default && opts.validateDefault) {
    errors.push(
      ...opts.validateDefault(s.source, s.generic.default.value, `${path}.default`, {
        resourceSchema: at.resource.source,
        pathInResource: at.pathInResource,
        insideMeta: at.insideMeta,
        nodeIsResource: at.resource === s,
        requirePrunedDefaults: opts.requirePrunedDefaults,
      }),
    );
  }
  if (s.items) walk(s.items, `${path}.items`, { ...at, pathInResource: [...at.pathInResource, null] }, false, opts, errors);
  for (const [k, sub] of [...(s.properties ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const insideMeta = at.insideMeta || (embedded && (k === "metadata" || k === "apiVersion" || k === "kind"));
    walk(sub, `${path}.properties[${k}]`, { ...at, pathInResource: [...at.pathInResource, k], insideMeta }, false, opts, errors);
  }
}

/** The errors of every default in the schema, as the caller's validateDefault finds them. */
export function validateDefaults(root: Structural, path: string, opts: ValidationOptions): FieldError[] {
  const errors: FieldError[] = [];
  walk(root, path, { resource: root, pathInResource: [], insideMeta: false }, true, opts, errors);
  return errors;
}
