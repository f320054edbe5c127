// ValidateStructural (pkg/apiserver/schema/validation.go and complete.go): the invariants a structural schema
// keeps (types everywhere except under x-kubernetes-int-or-string or -preserve-unknown-fields, object at the
// root, value validations free of structure, metadata at the root restricting only name and generateName,
// embedded resources) and completeness (every property a value validation names also exists structurally).
// kube sorts these errors by their text; so does this.

import { fieldError, fieldErrorText, type FieldError } from "../../api/field-errors.ts";
import { goRegexpError } from "./go-regexp.ts";
import { nonZeroStructuralKeys } from "./structural-zero.ts";
import type { NestedValueValidation, Structural, ValueValidation } from "./structural.ts";

type Level = "root" | "item" | "field";

/** The anyOf clause kube accepts under x-kubernetes-int-or-string: exactly [{type: integer}, {type: string}]. */
function isIntOrStringAnyOf(anyOf: NestedValueValidation[]): boolean {
  const bare = (n: NestedValueValidation, type: string) => {
    const keys = nonZeroStructuralKeys(n.valueValidation.source, true);
    return n.forbiddenGenerics.type === type && keys.length === 1 && keys[0] === "type";
  };
  return anyOf.length === 2 && bare(anyOf[0], "integer") && bare(anyOf[1], "string");
}

function validateValueValidation(v: ValueValidation, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, lvl: Level, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!skipAnyOf) v.anyOf.forEach((n, i) => errors.push(...validateNested(n, false, lvl, `${path}.anyOf[${i}]`)));
  v.allOf.forEach((n, i) => errors.push(...validateNested(n, skipFirstAllOfAnyOf && i === 0, lvl, `${path}.allOf[${i}]`)));
  v.oneOf.forEach((n, i) => errors.push(...validateNested(n, false, lvl, `${path}.oneOf[${i}]`)));
  if (v.not) errors.push(...validateNested(v.not, false, lvl, `${path}.not`));
  if (v.pattern) {
    const err = goRegexpError(v.pattern);
    if (err) errors.push(fieldError.invalid(`${path}.pattern`, v.pattern, `must be a valid regular expression, but isn't: ${err}`));
  }
  return errors;
}

function validateNested(v: NestedValueValidation, skipAnyOf: boolean, lvl: Level, path: string): FieldError[] {
  const errors = validateValueValidation(v.valueValidation, skipAnyOf, false, lvl, path);
  if (v.items) errors.push(...validateNested(v.items, false, lvl, `${path}.items`));
  for (const [k, fld] of v.properties ?? []) errors.push(...validateNested(fld, false, "field", `${path}.properties[${k}]`));
  const g = v.forbiddenGenerics;
  const x = v.forbiddenExtensions;
  const forbid = (child: string, detail: string) => errors.push(fieldError.forbidden(`${path}.${child}`, detail));
  if (g.type) forbid("type", "must be empty to be structural");
  if (v.additionalProperties) forbid("additionalProperties", "must be undefined to be structural");
  if (g.default) forbid("default", "must be undefined to be structural");
  if (g.title) forbid("title", "must be empty to be structural");
  if (g.description) forbid("description", "must be empty to be structural");
  if (g.nullable) forbid("nullable", "must be false to be structural");
  if (x.xPreserveUnknownFields) forbid("x-kubernetes-preserve-unknown-fields", "must be false to be structural");
  if (x.xEmbeddedResource) forbid("x-kubernetes-embedded-resource", "must be false to be structural");
  if (x.xIntOrString) forbid("x-kubernetes-int-or-string", "must be false to be structural");
  if ((x.xListMapKeys ?? []).length > 0) forbid("x-kubernetes-list-map-keys", "must be empty to be structural");
  if (x.xListType !== undefined) forbid("x-kubernetes-list-type", "must be undefined to be structural");
  if (x.xMapType !== undefined) forbid("x-kubernetes-map-type", "must be undefined to be structural");
  if ((v.xValidations ?? []).length > 0) forbid("x-kubernetes-validations", "must be empty to be structural");
  if (v.properties?.has("metadata")) forbid("properties[metadata]", "must not be specified in a nested context");
  return errors;
}

function validateMetadata(s: Structural, checkMetadata: boolean, lvl: Level, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (checkMetadata && s.generic.type !== "object") errors.push(fieldError.invalid(`${path}.type`, s.generic.type, "must be object"));
  if (lvl === "root") {
    const props = s.properties;
    const name = props?.has("name") ?? false;
    const generateName = props?.has("generateName") ?? false;
    const onlyNames = (name && generateName && props!.size === 2) || ((name || generateName) && props!.size === 1);
    const set = nonZeroStructuralKeys(s.source, false).filter((k) => k !== "type" && k !== "default" && !(k === "properties" && onlyNames));
    if (set.length > 0) {
      errors.push(fieldError.forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
    }
  }
  return errors;
}

function validateInvariants(s: Structural, lvl: Level, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const { type } = s.generic;
  const x = s.extensions;
  if (type === "array" && !s.items) errors.push(fieldError.required(`${path}.items`, "must be specified"));
  if (s.items) errors.push(...validateInvariants(s.items, "item", `${path}.items`));
  for (const [k, v] of s.properties ?? []) errors.push(...validateInvariants(v, "field", `${path}.properties[${k}]`));
  if (s.additionalProperties) {
    if (lvl === "root") errors.push(fieldError.forbidden(`${path}.additionalProperties`, "must not be used at the root"));
    if (s.additionalProperties.structural) errors.push(...validateInvariants(s.additionalProperties.structural, "field", `${path}.additionalProperties`));
  }
  if (x.xIntOrString && x.xPreserveUnknownFields) {
    errors.push(fieldError.invalid(`${path}.x-kubernetes-preserve-unknown-fields`, true, "must be false if x-kubernetes-int-or-string is true"));
  }
  if (x.xIntOrString && x.xEmbeddedResource) {
    errors.push(fieldError.invalid(`${path}.x-kubernetes-embedded-resource`, true, "must be false if x-kubernetes-int-or-string is true"));
  }
  const vv = s.valueValidation;
  const skipAnyOf = isIntOrStringAnyOf(vv.anyOf);
  const skipFirstAllOfAnyOf = vv.allOf.length >= 1 && isIntOrStringAnyOf(vv.allOf[0].valueValidation.anyOf);
  errors.push(...validateValueValidation(vv, skipAnyOf, skipFirstAllOfAnyOf, lvl, path));

  const checkMetadata = lvl === "root" || x.xEmbeddedResource;
  if (x.xEmbeddedResource && type !== "object") {
    const detail = "must be object if x-kubernetes-embedded-resource is true";
    errors.push(type ? fieldError.invalid(`${path}.type`, type, detail) : fieldError.required(`${path}.type`, detail));
  } else if (!type && !x.xIntOrString && !x.xPreserveUnknownFields) {
    const where = { root: "at the root", item: "for specified array items", field: "for specified object fields" }[lvl];
    errors.push(fieldError.required(`${path}.type`, `must not be empty ${where}`));
  }
  if (x.xEmbeddedResource && s.additionalProperties) {
    errors.push(fieldError.forbidden(`${path}.additionalProperties`, "must not be used if x-kubernetes-embedded-resource is set"));
  }
  if (lvl === "root" && type && type !== "object") errors.push(fieldError.invalid(`${path}.type`, type, "must be object at the root"));
  for (const key of ["kind", "apiVersion"]) {
    const prop = s.properties?.get(key);
    if (prop && checkMetadata && prop.generic.type !== "string") {
      errors.push(fieldError.invalid(`${path}.properties[${key}].type`, prop.generic.type, "must be string"));
    }
  }
  const metadata = s.properties?.get("metadata");
  if (metadata) errors.push(...validateMetadata(metadata, checkMetadata, lvl, `${path}.properties[metadata]`));
  if (x.xEmbeddedResource && !x.xPreserveUnknownFields && !s.properties) {
    errors.push(fieldError.required(`${path}.properties`, "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
  }
  return errors;
}

function vvCompleteness(v: ValueValidation, s: Structural, sPath: string, vPath: string): FieldError[] {
  const errors: FieldError[] = [];
  if (v.not) errors.push(...nestedCompleteness(v.not, s, sPath, `${vPath}.not`));
  v.allOf.forEach((n, i) => errors.push(...nestedCompleteness(n, s, sPath, `${vPath}.allOf[${i}]`)));
  v.anyOf.forEach((n, i) => errors.push(...nestedCompleteness(n, s, sPath, `${vPath}.anyOf[${i}]`)));
  v.oneOf.forEach((n, i) => errors.push(...nestedCompleteness(n, s, sPath, `${vPath}.oneOf[${i}]`)));
  return errors;
}

function nestedCompleteness(v: NestedValueValidation, s: Structural | undefined, sPath: string, vPath: string): FieldError[] {
  if (!s) return [fieldError.required(sPath, `because it is defined in ${vPath}`)];
  const errors = vvCompleteness(v.valueValidation, s, sPath, vPath);
  if (v.items) errors.push(...nestedCompleteness(v.items, s.items, `${sPath}.items`, `${vPath}.items`));
  for (const [k, vFld] of v.properties ?? []) {
    const sFld = s.properties?.get(k);
    if (!sFld) errors.push(fieldError.required(`${sPath}.properties[${k}]`, `because it is defined in ${vPath}.properties[${k}]`));
    else errors.push(...nestedCompleteness(vFld, sFld, `${sPath}.properties[${k}]`, `${vPath}.properties[${k}]`));
  }
  return errors;
}

/** ValidateStructural at `path` (e.g. "spec.validation.openAPIV3Schema"), errors sorted as kube sorts them. */
export function validateStructural(s: Structural, path: string): FieldError[] {
  const errors = [...validateInvariants(s, "root", path), ...vvCompleteness(s.valueValidation, s, path, path)];
  const text = new Map(errors.map((e) => [e, fieldErrorText(e)]));
  return errors.sort((a, b) => (text.get(a)! < text.get(b)! ? -1 : text.get(a)! > text.get(b)! ? 1 : 0));
}
