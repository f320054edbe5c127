// A CustomResourceDefinition's validation as kube-apiserver 1.35 does it (apiextensions validation.go), on the
// v1 object after defaulting and the strategy's preparation (status reset, storage version in storedVersions).
// Field paths are kube's internal ones (see internal-spec.ts). Generic ObjectMeta validation is the caller's
// (the registry runs it for every kind); this adds the CRD's own rule for metadata.name. The caller turns the
// errors into a 422 Invalid Status.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { CustomResourceDefinition } from "../crd-types.ts";
import { apiApprovalErrors, preserveUnknownFieldsErrors } from "./api-approval.ts";
import { internalNames, internalSpec, type InternalVersion } from "./internal-spec.ts";
import { updateOptions } from "./update-options.ts";
import { crdObjectNameErrors, validateNames } from "./validate-names.ts";
import { validateSpec } from "./validate-spec.ts";
import { createOptions, type CRDValidationOptions } from "./validation-options.ts";

export type { CRDValidationOptions, DefaultContext, RuleCompileContext } from "./validation-options.ts";

/** ValidateCustomResourceDefinitionStoredVersions. */
export function storedVersionsErrors(storedVersions: string[] | undefined, versions: InternalVersion[] | undefined): FieldError[] {
  const path = "status.storedVersions";
  const stored = storedVersions ?? [];
  if (stored.length === 0) return [fieldError.invalid(path, storedVersions ?? null, "must have at least one stored version")];
  const errors: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i]));
  for (const v of versions ?? []) {
    const has = remaining.has(v.name);
    if (v.storage && !has) errors.push(fieldError.invalid(path, stored, `must have the storage version ${v.name}`));
    if (has) remaining.delete(v.name);
  }
  for (const [v, i] of [...remaining].sort((a, b) => a[1] - b[1])) {
    errors.push(
      fieldError.invalid(
        `${path}[${i}]`,
        v,
        `missing from spec.versions; ${v} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${v} and removes ${v} from status.storedVersions`,
      ),
    );
  }
  return errors;
}

/** status.acceptedNames, the one part of status kube validates (also on /status updates). */
export function validateCRDStatus(crd: CustomResourceDefinition): FieldError[] {
  return validateNames(internalNames(crd.status?.acceptedNames), "status.acceptedNames");
}

/** Validation of a CRD being created. */
export function validateCRD(crd: CustomResourceDefinition, options: CRDValidationOptions = {}): FieldError[] {
  const spec = internalSpec(crd.spec);
  return [
    ...crdObjectNameErrors(crd.metadata ?? {}, spec.names.plural, spec.group),
    ...validateSpec(spec, createOptions(options)),
    ...validateCRDStatus(crd),
    ...storedVersionsErrors(crd.status?.storedVersions, spec.versions),
    ...apiApprovalErrors(spec.group, crd),
    ...preserveUnknownFieldsErrors(spec.preserveUnknownFields),
  ];
}

/** Validation of an update of `old` (the stored CRD) to `crd`. */
export function validateCRDUpdate(crd: CustomResourceDefinition, old: CustomResourceDefinition, options: CRDValidationOptions = {}): FieldError[] {
  const spec = internalSpec(crd.spec);
  const oldSpec = internalSpec(old.spec);
  const opts = updateOptions(options, spec, oldSpec, old);
  const errors = validateSpec(spec, opts);
  const immutable = (path: string, now: string, before: string) => {
    if (now !== before) errors.push(fieldError.immutable(path, now));
  };
  if (opts.requireImmutableNames) {
    immutable("spec.scope", spec.scope, oldSpec.scope);
    immutable("spec.names.kind", spec.names.kind, oldSpec.names.kind);
  }
  immutable("spec.group", spec.group, oldSpec.group);
  immutable("spec.names.plural", spec.names.plural, oldSpec.names.plural);
  errors.push(...validateCRDStatus(crd));
  errors.push(...storedVersionsErrors(crd.status?.storedVersions, spec.versions));
  errors.push(...apiApprovalErrors(spec.group, crd, old));
  errors.push(...preserveUnknownFieldsErrors(spec.preserveUnknownFields, oldSpec.preserveUnknownFields));
  return errors;
}
