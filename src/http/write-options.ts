// Query parameters every write shares: dryRun, fieldManager, fieldValidation; and force, for apply patches.

import { badRequest } from "../api/errors.ts";
import { fieldError, fieldErrorBody, fieldErrorText, type FieldError } from "../api/field-errors.ts";
import { failure, type Status } from "../api/status.ts";
import type { FieldValidation } from "../registry/contract.ts";
import type { BodyFormat } from "./media-types.ts";

export type FieldValidationDirective = FieldValidation["directive"];

export interface WriteOptions {
  dryRun: boolean;
  /** What to do with unknown and repeated fields; Warn when the query names none (kube 1.27+). */
  fieldValidation: FieldValidationDirective;
  /** The fieldManager the query names ("" when none). */
  fieldManager: string;
  /** force=true: an apply takes the fields it conflicts on. */
  force: boolean;
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

/** kube's 422 for options that do not validate, on the options kind. */
function invalidOptions(kind: OptionsKind, errors: FieldError[]): Status {
  const texts = errors.map(fieldErrorText);
  return failure(422, "Invalid", `${kind}.meta.k8s.io "" is invalid: ${texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`}`, {
    group: "meta.k8s.io",
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field })),
  });
}

const maxManagerBytes = 128;
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** kube's ValidateFieldManager: at most 128 bytes, printable characters only. */
function fieldManagerErrors(manager: string): FieldError[] {
  const errors: FieldError[] = [];
  if (new TextEncoder().encode(manager).length > maxManagerBytes) errors.push(fieldError.tooLong("fieldManager", maxManagerBytes));
  let at = 0;
  for (const ch of manager) {
    if (!printable.test(ch)) {
      const code = ch.codePointAt(0)!;
      errors.push(fieldError.invalid("fieldManager", manager, `invalid character U+${code.toString(16).toUpperCase().padStart(4, "0")} (at position ${at})`));
    }
    at += new TextEncoder().encode(ch).length;
  }
  return errors;
}

/** The manager kube records when a write names none: the User-Agent up to its first "/", printable characters, 128 bytes. */
export function managerFromUserAgent(userAgent: string): string {
  let out = "";
  for (const ch of userAgent.split("/")[0]) {
    if (!printable.test(ch)) continue;
    if (new TextEncoder().encode(out + ch).length > maxManagerBytes) break;
    out += ch;
  }
  return out;
}

/**
 * The options of a write; `kind` names the options of a write that has a body (deletes ignore fieldValidation).
 * `apply` says the write is an apply patch: it needs a fieldManager, and only it may carry force.
 */
export function writeOptions(query: URLSearchParams, kind?: OptionsKind, apply = false): WriteOptions | Status {
  const dryRun = query.getAll("dryRun");
  for (const value of dryRun) {
    if (value !== "All") return badRequest(`Invalid dryRun value: ${JSON.stringify(value)}: supported values: "All"`);
  }
  const fieldManager = query.get("fieldManager") ?? "";
  const forceText = query.get("force");
  if (forceText !== null && !["true", "false", "1", "0", "True", "False", "t", "f", "T", "F", "TRUE", "FALSE"].includes(forceText)) {
    return badRequest(`strconv.ParseBool: parsing ${JSON.stringify(forceText)}: invalid syntax`);
  }
  const force = forceText !== null && ["true", "1", "True", "t", "T", "TRUE"].includes(forceText);
  const errors: FieldError[] = [];
  if (kind === "PatchOptions" && !apply && forceText !== null) errors.push(fieldError.forbidden("force", "may not be specified for non-apply patch"));
  if (apply && fieldManager === "") errors.push(fieldError.required("fieldManager", "is required for apply patch"));
  errors.push(...fieldManagerErrors(fieldManager));
  if (errors.length) {
    if (kind) return invalidOptions(kind, errors);
    return badRequest(fieldErrorText(errors[0]));
  }
  const validation = query.get("fieldValidation") ?? "";
  if (kind && validation !== "" && !directives.includes(validation)) return unsupportedFieldValidation(kind, validation);
  const fieldValidation = directives.includes(validation) ? (validation as FieldValidationDirective) : "Warn";
  return { dryRun: dryRun.length > 0, fieldValidation, fieldManager, force };
}

/**
 * fieldValidation for a body that was read: the directive and the keys its text repeats. Only JSON and YAML
 * are checked; kube decodes protobuf without strictness.
 */
export function fieldValidationFor(options: Pick<WriteOptions, "fieldValidation">, body: { format: BodyFormat; duplicates?: string[] }): FieldValidation | undefined {
  const duplicates = body.duplicates ?? [];
  const directive = options.fieldValidation;
  if (body.format === "yaml") return { directive, format: "yaml", duplicates };
  if (body.format === "json" || body.format === "json-patch" || body.format === "merge-patch" || body.format === "strategic-merge-patch") return { directive, format: "json", duplicates };
  return undefined;
}
