// The naming rules of a CRD: its metadata.name is "<plural>.<group>", the group a DNS subdomain with a dot, the
// names (spec.names and status.acceptedNames) DNS-1035 labels, kind and listKind in any case. kube's messages.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { dns1035LabelErrors, dns1123SubdomainErrors } from "../../api/validation/names.ts";
import type { InternalNames } from "./internal-spec.ts";

/**
 * The CRD's own part of kube's name check for metadata.name and metadata.generateName, beyond the DNS-subdomain
 * rule the generic metadata validation already applies: the name must be spec.names.plural+"."+spec.group.
 */
export function crdObjectNameErrors(meta: { name?: unknown; generateName?: unknown }, plural: string, group: string): FieldError[] {
  const errors: FieldError[] = [];
  const required = `${plural}.${group}`;
  const detail = `must be spec.names.plural+"."+spec.group`;
  const generateName = typeof meta.generateName === "string" ? meta.generateName : "";
  const name = typeof meta.name === "string" ? meta.name : "";
  if (generateName && generateName !== required) errors.push(fieldError.invalid("metadata.generateName", generateName, detail));
  if (name && name !== required) errors.push(fieldError.invalid("metadata.name", name, detail));
  return errors;
}

export function validateGroup(group: string, path: string): FieldError[] {
  if (!group) return [fieldError.required(path, "")];
  const errs = dns1123SubdomainErrors(group);
  if (errs.length) return [fieldError.invalid(path, group, errs.join(","))];
  if (group.split(".").length < 2) return [fieldError.invalid(path, group, "should be a domain with at least one dot")];
  return [];
}

/** validateEnumStrings: empty is Required (when required), anything unlisted is NotSupported. */
export function validateEnum(path: string, value: string, accepted: readonly string[], required: boolean): FieldError[] {
  if (!value) return required ? [fieldError.required(path, "")] : [];
  return accepted.includes(value) ? [] : [fieldError.notSupported(path, value, accepted)];
}

/** The names spec.names must have (status.acceptedNames need not). */
export function requiredNamesErrors(names: InternalNames, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ["plural", "singular", "kind", "listKind"] as const) {
    if (!names[key]) errors.push(fieldError.required(`${path}.${key}`, ""));
  }
  return errors;
}

/** ValidateCustomResourceDefinitionNames, for spec.names and status.acceptedNames alike. */
export function validateNames(names: InternalNames, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const label = (key: "plural" | "singular") => {
    const errs = dns1035LabelErrors(names[key]);
    if (names[key] && errs.length) errors.push(fieldError.invalid(`${path}.${key}`, names[key], errs.join(",")));
  };
  const mixedCase = (key: "kind" | "listKind") => {
    const errs = dns1035LabelErrors(names[key].toLowerCase());
    if (names[key] && errs.length) {
      errors.push(fieldError.invalid(`${path}.${key}`, names[key], `may have mixed case, but should otherwise match: ${errs.join(",")}`));
    }
  };
  label("plural");
  label("singular");
  mixedCase("kind");
  mixedCase("listKind");
  (names.shortNames ?? []).forEach((shortName, i) => {
    const errs = dns1035LabelErrors(shortName);
    if (errs.length) errors.push(fieldError.invalid(`${path}.shortNames[${i}]`, shortName, errs.join(",")));
  });
  if (names.kind && names.kind === names.listKind) {
    errors.push(fieldError.invalid(`${path}.listKind`, names.listKind, "kind and listKind may not be the same"));
  }
  (names.categories ?? []).forEach((category, i) => {
    const errs = dns1035LabelErrors(category);
    if (errs.length) errors.push(fieldError.invalid(`${path}.categories[${i}]`, category, errs.join(",")));
  });
  return errors;
}
