// SchemaHas and the questions kube asks of a whole CRD spec with it: does any schema set defaults, use
// Kubernetes extensions, hold an invalid type, a non-atomic set, an invalid map list? The update validation
// relaxes a rule when the stored CRD already broke it ("don't tighten validation on existing persisted data").

import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import type { InternalSpec } from "./internal-spec.ts";
import { newStructural, StructuralError } from "./structural.ts";
import { validateStructural } from "./validate-structural.ts";

const present = (v: unknown): boolean => v !== undefined && v !== null;
const schemaObject = (v: unknown): JSONSchemaProps | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JSONSchemaProps) : undefined);

/** Whether pred holds for s or any schema inside it. */
export function schemaHas(s: JSONSchemaProps | undefined, pred: (s: JSONSchemaProps) => boolean): boolean {
  if (!s) return false;
  if (pred(s)) return true;
  const children: unknown[] = [];
  if (Array.isArray(s.items)) children.push(...s.items);
  else children.push(s.items);
  children.push(...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? []), s.not);
  children.push(...Object.values(s.properties ?? {}), s.additionalProperties, ...Object.values(s.patternProperties ?? {}));
  children.push(s.additionalItems, ...Object.values(s.definitions ?? {}), ...Object.values(s.dependencies ?? {}));
  return children.some((c) => schemaHas(schemaObject(c), pred));
}

/** HasSchemaWith: pred holds for the top-level schema or a version's schema. */
export function specHasSchemaWith(spec: InternalSpec, pred: (s: JSONSchemaProps) => boolean): boolean {
  const top = spec.validation?.openAPIV3Schema;
  if (top && pred(top)) return true;
  return (spec.versions ?? []).some((v) => {
    const s = v.schema?.openAPIV3Schema;
    return s !== undefined && pred(s);
  });
}

export const specHasDefaults = (spec: InternalSpec): boolean => specHasSchemaWith(spec, (s) => schemaHas(s, (n) => present(n.default)));

export function specHasKubernetesExtensions(spec: InternalSpec): boolean {
  return specHasSchemaWith(spec, (s) =>
    schemaHas(
      s,
      (n) =>
        n["x-kubernetes-embedded-resource"] === true ||
        present(n["x-kubernetes-preserve-unknown-fields"]) ||
        n["x-kubernetes-int-or-string"] === true ||
        (n["x-kubernetes-list-map-keys"] ?? []).length > 0 ||
        present(n["x-kubernetes-list-type"]) ||
        (n["x-kubernetes-validations"] ?? []).length > 0,
    ),
  );
}

export const openapiV3Types: readonly string[] = ["array", "boolean", "integer", "number", "object", "string"];

export const specHasInvalidTypes = (spec: InternalSpec): boolean =>
  specHasSchemaWith(spec, (s) => schemaHas(s, (n) => !!n.type && !openapiV3Types.includes(n.type)));

/** allVersionsSpecifyOpenAPISchema. */
export function allVersionsSpecifySchema(spec: InternalSpec): boolean {
  if (spec.validation?.openAPIV3Schema) return true;
  return (spec.versions ?? []).every((v) => v.schema?.openAPIV3Schema !== undefined);
}

function schemaIsNonStructural(s: JSONSchemaProps): boolean {
  try {
    return validateStructural(newStructural(s), "").length > 0;
  } catch (e) {
    if (e instanceof StructuralError) return true;
    throw e;
  }
}

export const specHasNonStructuralSchema = (spec: InternalSpec): boolean => specHasSchemaWith(spec, schemaIsNonStructural);

/** A list with x-kubernetes-list-type=set whose items are not atomic. */
export function isNonAtomicSet(n: JSONSchemaProps): boolean {
  const items = schemaObject(n.items);
  if (n["x-kubernetes-list-type"] !== "set" || !items) return false;
  if (items.type === "array") return present(items["x-kubernetes-list-type"]) && items["x-kubernetes-list-type"] !== "atomic";
  if (items.type === "object") return items["x-kubernetes-map-type"] !== "atomic";
  return false;
}

export const specHasNonAtomicSet = (spec: InternalSpec): boolean => specHasSchemaWith(spec, (s) => schemaHas(s, isNonAtomicSet));
