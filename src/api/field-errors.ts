// Field errors in kube's wording: "spec.x: Invalid value: 3: must be positive". They become the causes of a 422.

export type FieldErrorType =
  | "FieldValueRequired"
  | "FieldValueInvalid"
  | "FieldValueTypeInvalid"
  | "FieldValueDuplicate"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "FieldValueNotFound";

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value, shown in the message for Invalid, Duplicate, NotSupported and NotFound. */
  value?: unknown;
  detail?: string;
}

const omitted = Symbol("omitted");

function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The body of the error, without the field: what kube puts in a cause's message. */
export function fieldErrorBody(error: FieldError): string {
  const value = "value" in error ? error.value : omitted;
  const detail = error.detail ? `: ${error.detail}` : "";
  switch (error.type) {
    case "FieldValueRequired":
      return `Required value${detail}`;
    case "FieldValueForbidden":
      return `Forbidden${detail}`;
    case "FieldValueTooLong":
      return `Too long${detail}`;
    case "FieldValueTooMany":
      return value === omitted ? `Too many${detail}` : `Too many: ${showValue(value)}${detail}`;
    case "FieldValueInvalid":
    case "FieldValueTypeInvalid":
      return value === omitted ? `Invalid value${detail}` : `Invalid value: ${showValue(value)}${detail}`;
    case "FieldValueDuplicate":
      return `Duplicate value: ${showValue(value)}${detail}`;
    case "FieldValueNotFound":
      return `Not found: ${showValue(value)}${detail}`;
    case "FieldValueNotSupported":
      return `Unsupported value: ${showValue(value)}${detail}`;
  }
}

export function fieldErrorText(error: FieldError): string {
  return `${error.field}: ${fieldErrorBody(error)}`;
}

export const fieldError = {
  required: (field: string, detail?: string): FieldError => ({ type: "FieldValueRequired", field, detail }),
  invalid: (field: string, value: unknown, detail?: string): FieldError => ({ type: "FieldValueInvalid", field, value, detail }),
  duplicate: (field: string, value: unknown): FieldError => ({ type: "FieldValueDuplicate", field, value }),
  forbidden: (field: string, detail: string): FieldError => ({ type: "FieldValueForbidden", field, detail }),
  tooLong: (field: string, max: number): FieldError => ({
    type: "FieldValueTooLong",
    field,
    detail: `may not be more than ${max} bytes`,
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: "FieldValueTooMany",
    field,
    detail: `must have at most ${max} items`,
    value: actual,
  }),
  notSupported: (field: string, value: unknown, supported: readonly string[]): FieldError => ({
    type: "FieldValueNotSupported",
    field,
    value,
    detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}`,
  }),
  immutable: (field: string, value: unknown): FieldError => ({
    type: "FieldValueInvalid",
    field,
    value,
    detail: "field is immutable",
  }),
};
