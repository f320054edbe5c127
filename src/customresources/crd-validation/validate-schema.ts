// validateCustomResourceDefinitionValidation: one schema (spec.validation, or a version's schema when versions
// differ). With the status subresource only some fields may be set at the root; the root may not be nullable;
// the schema must be structural with valid defaults; then the OpenAPI walk. Errors converting the schema to
// its structural form overlap the walk's and are shown only when nothing else is wrong, as kube does.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { goSchema, schemaFields } from "./go-value.ts";
import type { InternalValidation } from "./internal-spec.ts";
import { newStructural, StructuralError } from "./structural.ts";
import { validateDefaults } from "./validate-defaults.ts";
import { validateOpenAPISchema, type CelContext } from "./validate-openapi-schema.ts";
import { validateStructural } from "./validate-structural.ts";
import type { ValidationOptions } from "./validation-options.ts";

const allowedAtRoot = [
  "Description", "Type", "Format", "Title", "Maximum", "ExclusiveMaximum", "Minimum", "ExclusiveMinimum", "MaxLength", "MinLength",
  "Pattern", "MaxItems", "MinItems", "UniqueItems", "MultipleOf", "Required", "Items", "Properties", "ExternalDocs", "Example",
  "XPreserveUnknownFields", "XValidations",
];

/** A field of the internal struct holds its zero value (reflect.Zero): empty lists and maps are not zero. */
function isZero(kind: string, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (kind === "string") return v === "";
  if (kind === "bool") return v !== true;
  return false;
}

/** With the status subresource, the root may set only the fields kube keeps when it extracts properties[status]. */
function statusRootErrors(schema: JSONSchemaProps, path: string): FieldError[] {
  for (const [goName, key, kind] of schemaFields) {
    if (isZero(kind, schema[key])) continue;
    if (goName === "Type") {
      if (schema.type !== "object") {
        return [fieldError.invalid(`${path}.openAPIV3Schema.type`, schema.type, `only "object" is allowed as the type at the root of the schema if the status subresource is enabled`)];
      }
      continue;
    }
    if (!allowedAtRoot.includes(goName)) {
      return [
        fieldError.invalid(
          `${path}.openAPIV3Schema`,
          goSchema(schema),
          `only [${allowedAtRoot.join(" ")}] fields are allowed at the root of the schema if the status subresource is enabled`,
        ),
      ];
    }
  }
  return [];
}

export function validateSchema(validation: InternalValidation | undefined, statusEnabled: boolean, opts: ValidationOptions, path: string): FieldError[] {
  const schema = validation?.openAPIV3Schema;
  if (!schema) return [];
  const schemaPath = `${path}.openAPIV3Schema`;
  const errors: FieldError[] = [];
  if (statusEnabled) errors.push(...statusRootErrors(schema, path));
  if (schema.nullable === true) errors.push(fieldError.forbidden(`${schemaPath}.nullable`, "nullable cannot be true at the root"));

  let cel: CelContext | undefined;
  const structuralInitErrors: FieldError[] = [];
  if (opts.requireStructuralSchema) {
    let ss;
    try {
      ss = newStructural(schema);
    } catch (e) {
      if (!(e instanceof StructuralError)) throw e;
      structuralInitErrors.push(fieldError.invalid(schemaPath, "", e.message));
    }
    if (ss) {
      const structuralErrors = validateStructural(ss, schemaPath);
      const defaultErrors = structuralErrors.length ? [] : validateDefaults(ss, schemaPath, opts);
      errors.push(...structuralErrors, ...defaultErrors);
      if (!structuralErrors.length && !defaultErrors.length) cel = { isRoot: true, maxCardinality: 1 };
    }
  }
  const walked = validateOpenAPISchema(
    schema,
    schemaPath,
    { allowDefaults: opts.allowDefaults, disallowDefaultsReason: "", insideResourceMeta: false, requireValidPropertyType: opts.requireValidPropertyType },
    true,
    opts,
    cel,
  );
  errors.push(...walked.schema, ...walked.cel);
  if (errors.length === 0) errors.push(...structuralInitErrors);
  return errors;
}
