// Query parameters every write shares: dryRun, fieldManager, fieldValidation.

import { badRequest } from "../api/errors.ts";
import { fieldError, fieldErrorBody, fieldErrorText } from "../api/field-errors.ts";
import { failure, type Status } from "../api/status.ts";
import type { FieldValidation } from "../registry/contract.ts";
import type { BodyFormat } from "./media-types.ts";

export type FieldValidationDirective = FieldValidation["directive"];

export interface WriteOptions {
  dryRun: boolean;
  /** What to do with unknown and repeated fields; Warn when the query names none (kube 1.27+). */
  fieldValidation: FieldValidationDirective;
}

/** The options kind kube validates the query as, named in its 422 (create, update and patch carry fieldValidation). */
export type OptionsKind = "CreateOptions" | "UpdateOptions" | "PatchOptions";

const directives: readonly string[] = ["Ignore", "Strict", "Warn"];

/** kube's answer to a fieldValidation it does not know: 422 on the options kind. */
function unsupportedFieldValidation(kind: OptionsKind, value: string): Status {
  const error = fieldError.notSupported("fieldValidation", value, ["", ...directives]);
  return failure(422, "Invalid", `${kind}.meta.k8s.io "" is invalid: ${fieldErrorText(error)}`, {
    group: "meta.k8s.io",
    kind,
    causes: [{ reason: error.type, message: fieldErrorBody(error), field: error.field }],
  });
}

/** The options of a write; `kind` names the options of a write that has a body (deletes ignore fieldValidation). */
export function writeOptions(query: URLSearchParams, kind?: OptionsKind): WriteOptions | Status {
  const dryRun = query.getAll("dryRun");
  for (const value of dryRun) {
    if (value !== "All") return badRequest(`Invalid dryRun value: ${JSON.stringify(value)}: supported values: "All"`);
  }
  const manager = query.get("fieldManager");
  if (manager !== null && manager.length > 128) return badRequest("fieldManager: Too long: must have at most 128 bytes");
  const validation = query.get("fieldValidation") ?? "";
  if (kind && validation !== "" && !directives.includes(validation)) return unsupportedFieldValidation(kind, validation);
  const fieldValidation = directives.includes(validation) ? (validation as FieldValidationDirective) : "Warn";
  return { dryRun: dryRun.length > 0, fieldValidation };
}

/**
 * fieldValidation for a body that was read: the directive and the keys its text repeats. Only JSON and YAML
 * are checked; kube decodes protobuf without strictness.
 */
export function fieldValidationFor(options: WriteOptions, body: { format: BodyFormat; duplicates?: string[] }): FieldValidation | undefined {
  const duplicates = body.duplicates ?? [];
  const directive = options.fieldValidation;
  if (body.format === "yaml") return { directive, format: "yaml", duplicates };
  if (body.format === "json" || body.format === "json-patch" || body.format === "merge-patch") return { directive, format: "json", duplicates };
  return undefined;
}
