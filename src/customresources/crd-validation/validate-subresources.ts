// A version's /scale subresource paths and printer columns. kube checks their JSON paths only for the simple
// form (a leading "."), not their full JSONPath syntax; the paths of /scale must also lie under .spec or .status.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { InternalColumn, InternalSubresources } from "./internal-spec.ts";

/** validateSimpleJSONPath. */
export function simpleJsonPathErrors(s: string, path: string): FieldError[] {
  if (s.length === 0) return [fieldError.invalid(path, s, "must not be empty")];
  if (s[0] !== ".") return [fieldError.invalid(path, s, "must be a simple json path starting with .")];
  return [];
}

export function validateSubresources(subresources: InternalSubresources | undefined, path: string): FieldError[] {
  const scale = subresources?.scale;
  if (!scale) return [];
  const errors: FieldError[] = [];
  const specPath = `${path}.scale.specReplicasPath`;
  if (!scale.specReplicasPath) errors.push(fieldError.required(specPath, ""));
  else {
    const errs = simpleJsonPathErrors(scale.specReplicasPath, specPath);
    if (errs.length) errors.push(...errs);
    else if (!scale.specReplicasPath.startsWith(".spec.")) {
      errors.push(fieldError.invalid(specPath, scale.specReplicasPath, "should be a json path under .spec"));
    }
  }
  const statusPath = `${path}.scale.statusReplicasPath`;
  if (!scale.statusReplicasPath) errors.push(fieldError.required(statusPath, ""));
  else {
    const errs = simpleJsonPathErrors(scale.statusReplicasPath, statusPath);
    if (errs.length) errors.push(...errs);
    else if (!scale.statusReplicasPath.startsWith(".status.")) {
      errors.push(fieldError.invalid(statusPath, scale.statusReplicasPath, "should be a json path under .status"));
    }
  }
  const selector = scale.labelSelectorPath;
  if (selector) {
    const selectorPath = `${path}.scale.labelSelectorPath`;
    const errs = simpleJsonPathErrors(selector, selectorPath);
    if (errs.length) errors.push(...errs);
    else if (!selector.startsWith(".spec.") && !selector.startsWith(".status.")) {
      errors.push(fieldError.invalid(selectorPath, selector, "should be a json path under either .spec or .status"));
    }
  }
  return errors;
}

const columnTypes = ["boolean", "date", "integer", "number", "string"];
const columnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"];

/** ValidateCustomResourceColumnDefinition (note kube's capitalized "JSONPath" in the field path). */
export function validateColumn(col: InternalColumn, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!col.name) errors.push(fieldError.required(`${path}.name`, ""));
  const types = `must be one of ${columnTypes.join(",")}`;
  if (!col.type) errors.push(fieldError.required(`${path}.type`, types));
  else if (!columnTypes.includes(col.type)) errors.push(fieldError.invalid(`${path}.type`, col.type, types));
  if (col.format && !columnFormats.includes(col.format)) {
    errors.push(fieldError.invalid(`${path}.format`, col.format, `must be one of ${columnFormats.join(",")}`));
  }
  if (!col.jsonPath) errors.push(fieldError.required(`${path}.JSONPath`, ""));
  else errors.push(...simpleJsonPathErrors(col.jsonPath, `${path}.JSONPath`));
  return errors;
}

export function validateColumns(columns: InternalColumn[] | undefined, path: string): FieldError[] {
  return (columns ?? []).flatMap((col, i) => validateColumn(col, `${path}[${i}]`));
}
