// Validation of a custom resource (or of its status, for the status subresource) against its structural
// schema, as kube-apiserver's custom resource strategy does it, in its order: the OpenAPI schema checks
// (kube-openapi, turned into field errors), then the embedded resources, then the list-type invariants. On an
// update (`oldValue` given) unchanged values ratchet: their schema errors are dropped, and list-type errors are
// reported only when the old value had none. CEL rules (x-kubernetes-validations) are not checked here.

import type { FieldError } from "../../api/field-errors.ts";
import { Correlation } from "./correlation.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { toFieldErrors } from "./to-field-errors.ts";
import { validateOpenAPI } from "./openapi-validator.ts";
import { validateEmbeddedResources } from "./validate-embedded-resources.ts";
import { validateListTypes } from "./validate-list-types.ts";

export interface ValidateValueOptions {
  /** The value being replaced (an update): errors of unchanged values are ratcheted away. */
  oldValue?: unknown;
  /** Check x-kubernetes-embedded-resource values (default true; kube skips them for the status subresource). */
  embeddedResources?: boolean;
  /** Check x-kubernetes-list-type set/map uniqueness (default true). */
  listTypes?: boolean;
}

/**
 * The field errors of `value` under `path`: "" when `value` is a whole object (kube's nil path: an anyOf/oneOf/
 * allOf/not failure is reported at "<nil>", as kube does), "status" for the status subresource's value.
 */
export function validateValue(schema: JSONSchemaProps, value: unknown, path: string, opts: ValidateValueOptions = {}): FieldError[] {
  const update = opts.oldValue !== undefined;
  const correlation = update ? new Correlation(value, opts.oldValue, schema) : undefined;
  const errors = toFieldErrors(validateOpenAPI(schema, value, correlation), path);
  if (opts.embeddedResources ?? true) errors.push(...validateEmbeddedResources(schema, value, path));
  if (opts.listTypes ?? true) {
    if (!update || validateListTypes(schema, opts.oldValue, path).length === 0) errors.push(...validateListTypes(schema, value, path));
  }
  return errors;
}
