// selectableFields: at most 8 distinct JSON paths, each naming a string, boolean or integer field of the
// schema outside metadata, written with dots only.

import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { InternalSelectableField } from "./internal-spec.ts";
import type { Structural } from "./structural.ts";
import { validFieldPath } from "./valid-field-path.ts";

export const maxSelectableFields = 8;

export function validateSelectableFields(
  fields: InternalSelectableField[],
  schema: Structural | undefined,
  path: string,
  allowTooMany: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const unique = new Set<string>();
  fields.forEach((f, i) => {
    const jsonPath = `${path}[${i}].jsonPath`;
    if (!f.jsonPath) {
      errors.push(fieldError.required(jsonPath, ""));
      return;
    }
    // kube walks a nil schema (a schema that is not structural) into an error as well.
    const found = schema ? validFieldPath(f.jsonPath, schema, false) : { error: "does not refer to a valid field" };
    if ("error" in found) {
      errors.push(fieldError.invalid(jsonPath, f.jsonPath, `is an invalid path: ${found.error}`));
      return;
    }
    if (found.root === "metadata") errors.push(fieldError.invalid(jsonPath, f.jsonPath, "must not point to fields in metadata"));
    const type = found.schema?.generic.type;
    if (type !== "string" && type !== "boolean" && type !== "integer") {
      errors.push(
        fieldError.invalid(jsonPath, f.jsonPath, "must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed."),
      );
    }
    if (unique.has(found.path)) errors.push(fieldError.duplicate(jsonPath, f.jsonPath));
    else unique.add(found.path);
  });
  if (unique.size > maxSelectableFields && !allowTooMany) errors.push(fieldError.tooMany(path, unique.size, maxSelectableFields));
  return errors;
}
