// The errors kube-openapi's validator reports (pkg/validation/errors): a code, the path as the validator spells
// it, the message in kube-openapi's exact words, and what the conversion to field errors needs (value, limit,
// enum values). toFieldErrors turns them into kube's field errors.

import { goFormat } from "./go-format.ts";

export type OpenAPIErrorCode =
  | "type"
  | "required"
  | "enum"
  | "tooLong"
  | "maxItems"
  | "tooManyProperties"
  | "invalid"
  | "composite";

export interface OpenAPIError {
  code: OpenAPIErrorCode;
  /** The path as kube-openapi spells it: "spec.replicas", "spec.list[0]", ".key" for a root map key, "" for the root. */
  name: string;
  message: string;
  /** The offending value (undefined: none, shown as ""). */
  value?: unknown;
  /** The limit of tooLong, maxItems and tooManyProperties. */
  limit?: number;
  /** The enum's values. */
  values?: readonly unknown[];
}

const inBody = (name: string): string => `${name} in body`;

/** fmt's %v of []interface{} holding decoded JSON: [a 1 map[k:v]]. */
function goList(values: readonly unknown[]): string {
  const one = (v: unknown): string => {
    if (v === null || v === undefined) return "<nil>";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : goFormat.float(v);
    if (Array.isArray(v)) return `[${v.map(one).join(" ")}]`;
    if (typeof v === "object") {
      const o = v as Record<string, unknown>;
      return `map[${Object.keys(o)
        .sort()
        .map((k) => `${k}:${one(o[k])}`)
        .join(" ")}]`;
    }
    return String(v);
  };
  return `[${values.map(one).join(" ")}]`;
}

export const openAPIError = {
  invalidType: (name: string, typeName: string, value: string): OpenAPIError => ({
    code: "type",
    name,
    value,
    message: `${inBody(name)} must be of type ${typeName}: ${goFormat.quote(value)}`,
  }),
  required: (name: string): OpenAPIError => ({ code: "required", name, message: `${inBody(name)} is required` }),
  enum: (name: string, value: unknown, values: readonly unknown[]): OpenAPIError => ({
    code: "enum",
    name,
    value,
    values,
    message: `${inBody(name)} should be one of ${goList(values)}`,
  }),
  tooLong: (name: string, max: number, value: string): OpenAPIError => ({
    code: "tooLong",
    name,
    value,
    limit: max,
    message: `${inBody(name)} should be at most ${max} chars long`,
  }),
  tooShort: (name: string, min: number, value: string): OpenAPIError => ({
    code: "invalid",
    name,
    value,
    message: `${inBody(name)} should be at least ${min} chars long`,
  }),
  pattern: (name: string, pattern: string, value: string): OpenAPIError => ({
    code: "invalid",
    name,
    value,
    message: `${inBody(name)} should match '${pattern}'`,
  }),
  maximum: (name: string, max: string, exclusive: boolean, value: number): OpenAPIError => ({
    code: "invalid",
    name,
    value,
    message: `${inBody(name)} should be less than ${exclusive ? "" : "or equal to "}${max}`,
  }),
  minimum: (name: string, min: string, exclusive: boolean, value: number): OpenAPIError => ({
    code: "invalid",
    name,
    value,
    message: `${inBody(name)} should be greater than ${exclusive ? "" : "or equal to "}${min}`,
  }),
  multipleOf: (name: string, factor: string, value: number): OpenAPIError => ({
    code: "invalid",
    name,
    value,
    message: `${inBody(name)} should be a multiple of ${factor}`,
  }),
  multipleOfNotPositive: (name: string, factor: number, text: string): OpenAPIError => ({
    code: "invalid",
    name,
    value: factor,
    message: `factor MultipleOf declared for ${name} must be positive: ${text}`,
  }),
  tooFewItems: (name: string, min: number, size: number): OpenAPIError => ({
    code: "invalid",
    name,
    value: size,
    message: `${inBody(name)} should have at least ${min} items`,
  }),
  tooManyItems: (name: string, max: number, size: number): OpenAPIError => ({
    code: "maxItems",
    name,
    value: size,
    limit: max,
    message: `${inBody(name)} should have at most ${max} items`,
  }),
  duplicateItems: (name: string): OpenAPIError => ({
    code: "invalid",
    name,
    message: `${inBody(name)} shouldn't contain duplicates`,
  }),
  tooFewProperties: (name: string, min: number, size: number): OpenAPIError => ({
    code: "invalid",
    name,
    value: size,
    message: `${inBody(name)} should have at least ${min} properties`,
  }),
  tooManyProperties: (name: string, max: number, size: number): OpenAPIError => ({
    code: "tooManyProperties",
    name,
    value: size,
    limit: max,
    message: `${inBody(name)} should have at most ${max} properties`,
  }),
  forbiddenProperty: (name: string, key: string): OpenAPIError => ({
    code: "invalid",
    name,
    value: key,
    message: `${name}.${key} in body is a forbidden property`,
  }),
  anyOf: (name: string): OpenAPIError => ({
    code: "composite",
    name,
    message: `${goFormat.quote(name)} must validate at least one schema (anyOf)`,
  }),
  oneOf: (name: string, valid: number): OpenAPIError => ({
    code: "composite",
    name,
    message: `${goFormat.quote(name)} must validate one and only one schema (oneOf). ${valid === 0 ? "Found none valid" : `Found ${valid} valid alternatives`}`,
  }),
  allOf: (name: string, noneValid: boolean): OpenAPIError => ({
    code: "composite",
    name,
    message: `${goFormat.quote(name)} must validate all the schemas (allOf)${noneValid ? ". None validated" : ""}`,
  }),
  not: (name: string): OpenAPIError => ({
    code: "composite",
    name,
    message: `${goFormat.quote(name)} must not validate the schema (not)`,
  }),
};
