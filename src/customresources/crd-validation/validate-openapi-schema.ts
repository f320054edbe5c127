// ValidateCustomResourceDefinitionOpenAPISchema: the walk over every node of a version's schema (properties,
// additionalProperties, items, the junctors), with what OpenAPI v3 features a CRD may use, where defaults may
// appear (not in the root's apiVersion, kind, metadata, nor in maps inside them), list and map types, and the
// x-kubernetes-validations of each node. Schema errors and CEL errors are kept apart: rules are compiled only
// for nodes with no schema error at or below them, and their errors come after all schema errors.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { openapiV3Types } from "./schema-has.ts";
import { listTypeErrors } from "./validate-list-types.ts";
import { ruleErrors } from "./validate-rules.ts";
import type { ValidationOptions } from "./validation-options.ts";

/** kube's specStandardValidator: the rules that change as the walk descends. */
export interface StandardValidator {
  allowDefaults: boolean;
  disallowDefaultsReason: string;
  insideResourceMeta: boolean;
  requireValidPropertyType: boolean;
  /** The first ancestor old and new values cannot be correlated across (see RuleCompileContext). */
  uncorrelatablePath?: string;
}

/** The CEL context of a node reached from the root through properties, items and additionalProperties only. */
export interface CelContext {
  isRoot: boolean;
  /** undefined: unbounded. */
  maxCardinality?: number;
}

export interface SchemaErrors {
  schema: FieldError[];
  cel: FieldError[];
}

const present = (v: unknown): boolean => v !== undefined && v !== null;
const metaFields = new Set(["metadata", "kind", "apiVersion"]);
const asSchema = (v: unknown): JSONSchemaProps | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JSONSchemaProps) : undefined);

const forbidDefaults = (v: StandardValidator, reason: string): StandardValidator => ({ ...v, allowDefaults: false, disallowDefaultsReason: reason });
const forbidOldSelf = (v: StandardValidator, path: string): StandardValidator => (v.uncorrelatablePath !== undefined ? v : { ...v, uncorrelatablePath: path });

/** The factor by which a schema multiplies the number of its children's values (extractMaxElements). */
function maxElements(s: JSONSchemaProps): number | undefined {
  if (s.type === "object") return present(s.additionalProperties) ? (present(s.maxProperties) ? Math.max(0, s.maxProperties!) : undefined) : 1;
  if (s.type === "array") return present(s.maxItems) ? Math.max(0, s.maxItems!) : undefined;
  return 1;
}

function childCel(parent: CelContext | undefined, parentSchema: JSONSchemaProps): CelContext | undefined {
  if (!parent) return undefined;
  const factor = maxElements(parentSchema);
  const maxCardinality = parent.maxCardinality === undefined || factor === undefined ? undefined : parent.maxCardinality * factor;
  return { isRoot: false, maxCardinality };
}

/** specStandardValidatorV3.validate. */
function standardErrors(s: JSONSchemaProps, path: string, v: StandardValidator): FieldError[] {
  const errors: FieldError[] = [];
  if (v.requireValidPropertyType && s.type && !openapiV3Types.includes(s.type)) {
    errors.push(fieldError.notSupported(`${path}.type`, s.type, openapiV3Types));
  }
  if (present(s.default) && !v.allowDefaults) {
    errors.push(fieldError.forbidden(`${path}.default`, v.disallowDefaultsReason ? `must not be set ${v.disallowDefaultsReason}` : "must not be set"));
  }
  if (s.id) errors.push(fieldError.forbidden(`${path}.id`, "id is not supported"));
  if (present(s.additionalItems)) errors.push(fieldError.forbidden(`${path}.additionalItems`, "additionalItems is not supported"));
  if (Object.keys(s.patternProperties ?? {}).length) errors.push(fieldError.forbidden(`${path}.patternProperties`, "patternProperties is not supported"));
  if (Object.keys(s.definitions ?? {}).length) errors.push(fieldError.forbidden(`${path}.definitions`, "definitions is not supported"));
  if (present(s.dependencies)) errors.push(fieldError.forbidden(`${path}.dependencies`, "dependencies is not supported"));
  if (present(s.$ref)) errors.push(fieldError.forbidden(`${path}.$ref`, "$ref is not supported"));
  if (s.type === "null") errors.push(fieldError.forbidden(`${path}.type`, "type cannot be set to null, use nullable as an alternative"));
  if (Array.isArray(s.items) && s.items.length) errors.push(fieldError.forbidden(`${path}.items`, "items must be a schema object and not an array"));
  if (v.insideResourceMeta && s["x-kubernetes-embedded-resource"] === true) {
    errors.push(fieldError.forbidden(`${path}.x-kubernetes-embedded-resource`, "must not be used inside of resource meta"));
  }
  return errors;
}

/** Walks one node; `cel` is set only where rules may be compiled. */
export function validateOpenAPISchema(
  s: JSONSchemaProps | undefined,
  path: string,
  v: StandardValidator,
  isRoot: boolean,
  opts: ValidationOptions,
  cel: CelContext | undefined,
): SchemaErrors {
  const out: SchemaErrors = { schema: [], cel: [] };
  if (!s) return out;
  const add = (child: SchemaErrors) => {
    out.schema.push(...child.schema);
    out.cel.push(...child.cel);
  };
  out.schema.push(...standardErrors(s, path, v));
  if (s.uniqueItems === true) {
    out.schema.push(fieldError.forbidden(`${path}.uniqueItems`, "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
  }
  const properties = Object.entries(s.properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (present(s.additionalProperties)) {
    const ap = s.additionalProperties!;
    if (properties.length && (ap === false || typeof ap === "object")) {
      out.schema.push(fieldError.forbidden(`${path}.additionalProperties`, "additionalProperties and properties are mutual exclusive"));
    }
    const sub = v.insideResourceMeta ? forbidDefaults(v, "inside additionalProperties applying to object metadata") : v;
    const apSchema = asSchema(ap);
    add(validateOpenAPISchema(apSchema, `${path}.additionalProperties`, sub, false, opts, apSchema && childCel(cel, s)));
  }
  const mapType = s["x-kubernetes-map-type"];
  for (const [name, prop] of properties) {
    let sub = v;
    if (present(mapType) && mapType !== "granular" && mapType !== "atomic") sub = forbidOldSelf(sub, path);
    if ((isRoot || s["x-kubernetes-embedded-resource"] === true) && metaFields.has(name)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = forbidDefaults(sub, `in top-level ${name}`);
    }
    add(validateOpenAPISchema(prop, `${path}.properties[${name}]`, sub, false, opts, childCel(cel, s)));
  }
  add(validateOpenAPISchema(asSchema(s.not), `${path}.not`, v, false, opts, undefined));
  for (const junctor of ["allOf", "oneOf", "anyOf"] as const) {
    (s[junctor] ?? []).forEach((j, i) => add(validateOpenAPISchema(j, `${path}.${junctor}[${i}]`, v, false, opts, undefined)));
  }
  for (const [name, def] of Object.entries(s.definitions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    add(validateOpenAPISchema(def, `${path}.definitions[${name}]`, v, false, opts, undefined));
  }
  if (present(s.items)) {
    const sub = s["x-kubernetes-list-type"] !== "map" ? forbidOldSelf(v, path) : v;
    if (Array.isArray(s.items)) {
      s.items.forEach((item, i) => add(validateOpenAPISchema(item, `${path}.items[${i}]`, sub, false, opts, childCel(cel, s))));
    } else {
      add(validateOpenAPISchema(s.items, `${path}.items`, sub, false, opts, childCel(cel, s)));
    }
  }
  for (const [name, dep] of Object.entries(s.dependencies ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    add(validateOpenAPISchema(asSchema(dep), `${path}.dependencies[${name}]`, v, false, opts, undefined));
  }
  const preserve = s["x-kubernetes-preserve-unknown-fields"];
  if (present(preserve) && preserve !== true) {
    out.schema.push(fieldError.invalid(`${path}.x-kubernetes-preserve-unknown-fields`, preserve, "must be true or undefined"));
  }
  out.schema.push(...listTypeErrors(s, path, opts));

  const rules = s["x-kubernetes-validations"] ?? [];
  if (rules.length > 0) {
    out.schema.push(...ruleErrors(s, path));
    if (out.schema.length === 0 && cel && opts.compileRules) {
      out.cel.push(
        ...opts.compileRules(s, path, {
          isResourceRoot: cel.isRoot || s["x-kubernetes-embedded-resource"] === true,
          uncorrelatablePath: v.uncorrelatablePath,
          maxCardinality: cel.maxCardinality,
          preexistingRules: opts.preexistingRules,
          preexistingMessageExpressions: opts.preexistingMessageExpressions,
          suppressPerExpressionCost: opts.suppressPerExpressionCost,
        }),
      );
    }
  }
  return out;
}
