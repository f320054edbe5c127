// validateCustomResourceDefinitionSpec, on the internal spec: group, scope, schemas required, defaults only
// with pruning, the versions (names, exactly one storage, per-version schema, subresources, columns,
// selectable fields, deprecation warning), names, the top-level schema and friends, conversion.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import { dns1035LabelErrors } from "../../api/validation/names.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { goVersions } from "./go-value.ts";
import type { InternalSelectableField, InternalSpec, InternalSubresources, InternalVersion } from "./internal-spec.ts";
import { specHasDefaults, specHasKubernetesExtensions } from "./schema-has.ts";
import { newStructural, StructuralError, type Structural } from "./structural.ts";
import { validateConversion } from "./validate-conversion.ts";
import { requiredNamesErrors, validateEnum, validateGroup, validateNames } from "./validate-names.ts";
import { validateSchema } from "./validate-schema.ts";
import { validateSelectableFields } from "./validate-selectable-fields.ts";
import { validateColumns, validateSubresources } from "./validate-subresources.ts";
import type { ValidationOptions } from "./validation-options.ts";

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const utf8 = new TextEncoder();

/** validateDeprecationWarning. */
function deprecationWarningErrors(deprecated: boolean, warning: string | undefined): string[] {
  if (!deprecated && warning !== undefined) return ["can only be set for deprecated versions"];
  if (warning === undefined) return [];
  const errors: string[] = [];
  if (utf8.encode(warning).length > 256) errors.push("must be <= 256 characters long");
  if (warning.length === 0) errors.push("must not be an empty string");
  let index = 0;
  for (const ch of warning) {
    if (!printable.test(ch)) {
      errors.push(`must only contain printable UTF-8 characters; non-printable character found at index ${index}`);
      break;
    }
    index += utf8.encode(ch).length;
  }
  return errors;
}

const suppressFor = (opts: ValidationOptions, version: string): ValidationOptions =>
  opts.versionsWithUnchangedSchemas.has(version) ? { ...opts, suppressPerExpressionCost: true } : opts;

function validateVersion(v: InternalVersion, path: string, statusEnabled: boolean, opts: ValidationOptions): FieldError[] {
  const errors = deprecationWarningErrors(v.deprecated, v.deprecationWarning).map((e) => fieldError.invalid(`${path}.deprecationWarning`, v.deprecationWarning ?? null, e));
  errors.push(...validateSchema(v.schema, statusEnabled, suppressFor(opts, v.name), `${path}.schema`));
  errors.push(...validateSubresources(v.subresources, `${path}.subresources`));
  errors.push(...validateColumns(v.additionalPrinterColumns, `${path}.additionalPrinterColumns`));
  const fields = v.selectableFields ?? [];
  if (fields.length > 0) {
    const schema = v.schema?.openAPIV3Schema;
    // As in kube: when every version has the same schema it moved to spec.validation, and this fires.
    if (!schema) errors.push(fieldError.invalid(`${path}.selectableFields`, "", "may only be set when `version.schema.openAPIV3Schema` is not included"));
    else errors.push(...selectableFieldErrors(fields, schema, `${path}.schema.openAPIV3Schema`, `${path}.selectableFields`, opts.allowTooManySelectableFields.has(v.name)));
  }
  return errors;
}

function selectableFieldErrors(
  fields: InternalSelectableField[],
  schema: JSONSchemaProps,
  schemaPath: string,
  path: string,
  allowTooMany: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  let ss: Structural | undefined;
  try {
    ss = newStructural(schema);
  } catch (e) {
    if (!(e instanceof StructuralError)) throw e;
    errors.push(fieldError.invalid(schemaPath, "", e.message));
  }
  errors.push(...validateSelectableFields(fields, ss, path, allowTooMany));
  return errors;
}

const statusEnabled = (s: InternalSubresources | undefined): boolean => s?.status !== undefined;

export function validateSpec(spec: InternalSpec, opts: ValidationOptions, path = "spec"): FieldError[] {
  const errors = validateGroup(spec.group, `${path}.group`);
  errors.push(...validateEnum(`${path}.scope`, spec.scope, ["Cluster", "Namespaced"], true));
  const versions = spec.versions ?? [];
  if (!spec.preserveUnknownFields) opts = { ...opts, requireStructuralSchema: true };

  if (opts.requireOpenAPISchema) {
    if (!spec.validation?.openAPIV3Schema) {
      versions.forEach((v, i) => {
        if (!v.schema?.openAPIV3Schema) errors.push(fieldError.required(`${path}.versions[${i}].schema.openAPIV3Schema`, ""));
      });
    }
  } else if (!spec.preserveUnknownFields && !spec.validation?.openAPIV3Schema) {
    versions.forEach((v, i) => {
      if (v.served && !v.schema?.openAPIV3Schema) {
        errors.push(fieldError.required(`${path}.versions[${i}].schema.openAPIV3Schema`, "because otherwise all fields are pruned"));
      }
    });
  }
  if (opts.allowDefaults && specHasDefaults(spec)) {
    opts = { ...opts, requireStructuralSchema: true };
    if (spec.preserveUnknownFields) errors.push(fieldError.invalid(`${path}.preserveUnknownFields`, true, "must be false in order to use defaults in the schema"));
  }
  if (specHasKubernetesExtensions(spec)) opts = { ...opts, requireStructuralSchema: true };

  let storageCount = 0;
  const names = new Set<string>();
  let unique = true;
  const perVersionSubresources = versions.some((v) => v.subresources !== undefined);
  versions.forEach((v, i) => {
    if (v.storage) storageCount++;
    if (names.has(v.name)) unique = false;
    names.add(v.name);
    const errs = dns1035LabelErrors(v.name);
    if (errs.length) errors.push(fieldError.invalid(`${path}.versions[${i}].name`, v.name, errs.join(",")));
    const subresources = perVersionSubresources ? v.subresources : spec.subresources;
    errors.push(...validateVersion(v, `${path}.versions[${i}]`, statusEnabled(subresources), opts));
  });
  // kube's checks that top-level and per-version fields are exclusive, and that per-version ones are not all
  // identical, cannot fail for a v1 object: its conversion hoists identical values and clears the versions'.
  if (!unique) errors.push(fieldError.invalid(`${path}.versions`, goVersions(spec.versions), "must contain unique version names"));
  if (storageCount !== 1) errors.push(fieldError.invalid(`${path}.versions`, goVersions(spec.versions), "must have exactly one version marked as storage version"));
  if (spec.version) {
    const errs = dns1035LabelErrors(spec.version);
    if (errs.length) errors.push(fieldError.invalid(`${path}.version`, spec.version, errs.join(",")));
  }

  errors.push(...requiredNamesErrors(spec.names, `${path}.names`));
  errors.push(...validateNames(spec.names, `${path}.names`));
  const anyStatus = statusEnabled(spec.subresources) || versions.some((v) => statusEnabled(v.subresources));
  errors.push(...validateSchema(spec.validation, anyStatus, suppressFor(opts, spec.version), `${path}.validation`));
  errors.push(...validateSubresources(spec.subresources, `${path}.subresources`));
  errors.push(...validateColumns(spec.additionalPrinterColumns, `${path}.additionalPrinterColumns`));
  if ((spec.selectableFields ?? []).length > 0) {
    const schema = spec.validation?.openAPIV3Schema;
    if (!spec.validation) errors.push(fieldError.invalid(`${path}.selectableFields`, "", "may only be set when validations.schema is included"));
    else if (schema) {
      errors.push(...selectableFieldErrors(spec.selectableFields!, schema, `${path}.schema.openAPIV3Schema`, `${path}.selectableFields`, opts.allowTooManySelectableFields.has("")));
    } else {
      errors.push(...validateSelectableFields(spec.selectableFields!, undefined, `${path}.selectableFields`, opts.allowTooManySelectableFields.has("")));
    }
  }
  if (spec.conversion && spec.conversion.strategy !== "None" && spec.preserveUnknownFields) {
    errors.push(fieldError.invalid(`${path}.conversion.strategy`, spec.conversion.strategy, "must be None if spec.preserveUnknownFields is true"));
  }
  errors.push(...validateConversion(spec.conversion, opts, `${path}.conversion`));
  return errors;
}
