// The conversion of kube-openapi's errors to field errors, as apiextensions-apiserver's
// kubeOpenAPIResultToFieldErrors does it: Required; NotSupported (enum) listing the supported values; TooLong
// (maxLength); TooMany (maxItems, maxProperties); a type error for wrong types and formats; Invalid for the rest;
// and, for anyOf/oneOf/allOf/not, Invalid with value "" at the validated value's own path ("<nil>" for a whole
// object, as kube's nil path prints). A message already reported is not reported again.

import type { FieldError, FieldErrorType } from "../../api/field-errors.ts";
import { goFormat } from "./go-format.ts";
import type { OpenAPIError } from "./openapi-errors.ts";

/**
 * kube answers wrong types and formats with field.TypeInvalid: reason "FieldValueTypeInvalid", message "Invalid
 * value: ...". src/api/field-errors.ts does not know that reason yet; until it does, they go out as
 * FieldValueInvalid, whose message is the same.
 */
export const typeInvalidReason: FieldErrorType = "FieldValueTypeInvalid";

function join(prefix: string, name: string): string {
  const child = name.startsWith(".") ? name.slice(1) : name;
  if (child === "") return prefix === "" ? "<nil>" : prefix;
  return prefix === "" ? child : `${prefix}.${child}`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** Enum values as kube lists them: strings as they are, anything else as its JSON, each quoted. */
function supportedValues(values: readonly unknown[]): string {
  return values.map((v) => goFormat.quote(typeof v === "string" ? v : goFormat.json(v))).join(", ");
}

/**
 * The field errors kube answers for `errors` (in order, repeated messages once), under `prefix`: "" for a whole
 * object (kube's nil path: an error of the root itself is at "<nil>"), "status" for the status subresource.
 */
export function toFieldErrors(errors: readonly OpenAPIError[], prefix: string): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (seen.has(e.message)) continue;
    seen.add(e.message);
    if (e.code === "composite") {
      out.push({ type: "FieldValueInvalid", field: prefix === "" ? "<nil>" : prefix, value: "", detail: e.message });
      continue;
    }
    const field = join(prefix, e.name);
    const value = e.value === undefined || e.value === null ? "" : e.value;
    switch (e.code) {
      case "required":
        out.push({ type: "FieldValueRequired", field });
        break;
      case "enum":
        out.push({ type: "FieldValueNotSupported", field, value: e.value ?? null, detail: `supported values: ${supportedValues(e.values ?? [])}` });
        break;
      case "tooLong": {
        const max = e.limit ?? -1;
        const detail = max >= 0 ? `may not be more than ${max} ${plural(max, "byte", "bytes")}` : "value is too long";
        out.push({ type: "FieldValueTooLong", field, detail });
        break;
      }
      case "maxItems":
      case "tooManyProperties": {
        const max = e.limit ?? -1;
        const detail = max >= 0 ? `must have at most ${max} ${plural(max, "item", "items")}` : "has too many items";
        out.push({ type: "FieldValueTooMany", field, value: e.value, detail });
        break;
      }
      case "type":
        out.push({ type: typeInvalidReason, field, value, detail: e.message });
        break;
      case "invalid":
        out.push({ type: "FieldValueInvalid", field, value, detail: e.message });
        break;
    }
  }
  return out;
}
