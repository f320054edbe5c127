// kube's structural schema (pkg/apiserver/schema): a schema split into its structure (types, properties, items,
// additionalProperties, extensions) and its value validations, where the junctors (allOf, anyOf, oneOf, not) may
// only hold value validations. newStructural fails, with kube's message, on what a structural schema cannot
// hold at all (id, $schema, $ref, patternProperties, dependencies, additionalItems, definitions, items arrays).

import type { JSONSchemaProps, ValidationRule } from "../schema/json-schema-props.ts";

export interface Generic {
  type: string;
  description: string;
  title: string;
  /** Set when the schema has a default (the value may itself be any JSON). */
  default?: { value: unknown };
  nullable: boolean;
}

export interface Extensions {
  xPreserveUnknownFields: boolean;
  xEmbeddedResource: boolean;
  xIntOrString: boolean;
  xListMapKeys?: string[];
  xListType?: string;
  xMapType?: string;
}

export interface ValueValidation {
  /** The wire schema the validations come from (the value-validation fields are read from it). */
  source: JSONSchemaProps;
  pattern: string;
  allOf: NestedValueValidation[];
  anyOf: NestedValueValidation[];
  oneOf: NestedValueValidation[];
  not?: NestedValueValidation;
}

export interface NestedValueValidation {
  valueValidation: ValueValidation;
  xValidations?: ValidationRule[];
  items?: NestedValueValidation;
  properties?: Map<string, NestedValueValidation>;
  additionalProperties?: NestedValueValidation;
  forbiddenGenerics: Generic;
  forbiddenExtensions: Extensions;
}

export interface Structural {
  /** The wire schema this node was built from. */
  source: JSONSchemaProps;
  items?: Structural;
  properties?: Map<string, Structural>;
  additionalProperties?: { structural?: Structural; bool: boolean };
  generic: Generic;
  extensions: Extensions;
  xValidations?: ValidationRule[];
  valueValidation: ValueValidation;
}

export class StructuralError extends Error {}

const present = (v: unknown): boolean => v !== undefined && v !== null;
const nonEmptyKeys = (v: unknown): boolean => typeof v === "object" && v !== null && Object.keys(v).length > 0;

/** validateUnsupportedFields. */
function checkUnsupported(s: JSONSchemaProps): void {
  const unsupported = (name: string) => new StructuralError(`OpenAPIV3Schema '${name}' is not supported`);
  if (s.id) throw unsupported("id");
  if (s.$schema) throw unsupported("schema");
  if (s.$ref) throw unsupported("$ref");
  if (nonEmptyKeys(s.patternProperties)) throw unsupported("patternProperties");
  if (nonEmptyKeys(s.dependencies)) throw unsupported("dependencies");
  if (present(s.additionalItems)) throw unsupported("additionalItems");
  if (nonEmptyKeys(s.definitions)) throw unsupported("definitions");
}

function generic(s: JSONSchemaProps): Generic {
  const g: Generic = { type: s.type ?? "", description: s.description ?? "", title: s.title ?? "", nullable: s.nullable === true };
  if (present(s.default)) g.default = { value: s.default };
  return g;
}

function extensions(s: JSONSchemaProps): Extensions {
  const x: Extensions = {
    xPreserveUnknownFields: false,
    xEmbeddedResource: s["x-kubernetes-embedded-resource"] === true,
    xIntOrString: s["x-kubernetes-int-or-string"] === true,
  };
  if (Array.isArray(s["x-kubernetes-list-map-keys"])) x.xListMapKeys = s["x-kubernetes-list-map-keys"];
  if (present(s["x-kubernetes-list-type"])) x.xListType = s["x-kubernetes-list-type"];
  if (present(s["x-kubernetes-map-type"])) x.xMapType = s["x-kubernetes-map-type"];
  const preserve = s["x-kubernetes-preserve-unknown-fields"];
  if (present(preserve)) {
    if (preserve !== true) throw new StructuralError("internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined");
    x.xPreserveUnknownFields = true;
  }
  return x;
}

function singleItems(s: JSONSchemaProps): JSONSchemaProps | undefined {
  if (!present(s.items)) return undefined;
  if (Array.isArray(s.items)) {
    if (s.items.length > 0) throw new StructuralError("OpenAPIV3Schema 'items' must be a schema, but is an array");
    return undefined;
  }
  return s.items;
}

function valueValidation(s: JSONSchemaProps): ValueValidation {
  // kube converts not, then allOf, anyOf, oneOf: the first unsupported field found is the one reported.
  const not = present(s.not) ? nested(s.not!) : undefined;
  const allOf = (s.allOf ?? []).map(nested);
  const anyOf = (s.anyOf ?? []).map(nested);
  const oneOf = (s.oneOf ?? []).map(nested);
  return { source: s, pattern: s.pattern ?? "", allOf, anyOf, oneOf, not };
}

function nested(s: JSONSchemaProps): NestedValueValidation {
  checkUnsupported(s);
  const v: NestedValueValidation = {
    valueValidation: valueValidation(s),
    forbiddenGenerics: generic(s),
    forbiddenExtensions: extensions(s),
  };
  if (Array.isArray(s["x-kubernetes-validations"])) v.xValidations = s["x-kubernetes-validations"];
  const items = singleItems(s);
  if (items) v.items = nested(items);
  if (present(s.properties)) v.properties = new Map(Object.entries(s.properties!).map(([k, p]) => [k, nested(p)]));
  const additional = s.additionalProperties;
  if (typeof additional === "object" && additional !== null) v.additionalProperties = nested(additional);
  else if (additional === true) v.additionalProperties = { valueValidation: valueValidation({}), forbiddenGenerics: generic({}), forbiddenExtensions: extensions({}) };
  return v;
}

/** NewStructural: the structural form of a schema, or a StructuralError with kube's message. */
export function newStructural(s: JSONSchemaProps): Structural {
  checkUnsupported(s);
  const vv = valueValidation(s);
  const ss: Structural = { source: s, generic: generic(s), extensions: extensions(s), valueValidation: vv };
  if (Array.isArray(s["x-kubernetes-validations"])) ss.xValidations = s["x-kubernetes-validations"];
  const items = singleItems(s);
  if (items) ss.items = newStructural(items);
  if (present(s.properties) && Object.keys(s.properties!).length > 0) {
    ss.properties = new Map(Object.entries(s.properties!).map(([k, p]) => [k, newStructural(p)]));
  }
  const additional = s.additionalProperties;
  if (typeof additional === "object" && additional !== null) ss.additionalProperties = { structural: newStructural(additional), bool: true };
  else if (typeof additional === "boolean") ss.additionalProperties = { bool: additional };
  return ss;
}

/** newStructural, or undefined when the schema is not structural at all. */
export function tryStructural(s: JSONSchemaProps): Structural | undefined {
  try {
    return newStructural(s);
  } catch (e) {
    if (e instanceof StructuralError) return undefined;
    throw e;
  }
}
