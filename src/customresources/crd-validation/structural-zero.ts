// Which fields of a wire schema survive as non-zero values in kube's structural form: kube compares structural
// nodes with reflect.DeepEqual in two places (the int-or-string anyOf pattern, and the root metadata schema that
// may restrict only name and generateName), so what counts is Go's zero value after the conversion. Slices kube
// copies keep an empty list non-nil (required, x-kubernetes-list-map-keys, x-kubernetes-validations); slices it
// rebuilds by appending drop it (enum, allOf, anyOf, oneOf); externalDocs and example are not kept at all.

import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { schemaFields } from "./go-value.ts";

const absent = (v: unknown): boolean => v === undefined || v === null;
const emptyList = (v: unknown): boolean => absent(v) || (Array.isArray(v) && v.length === 0);
const emptyMap = (v: unknown): boolean => absent(v) || (typeof v === "object" && Object.keys(v as object).length === 0);

/**
 * The wire keys of `s` whose structural value is not Go's zero value. `nested`: the node is a value validation
 * (under allOf, anyOf, oneOf or not), where an empty properties map is kept and additionalProperties false is not.
 */
export function nonZeroStructuralKeys(s: JSONSchemaProps, nested: boolean): string[] {
  const keys: string[] = [];
  for (const [, key, kind] of schemaFields) {
    const v = s[key];
    let zero: boolean;
    switch (key) {
      case "externalDocs":
      case "example":
        zero = true;
        break;
      case "enum":
      case "allOf":
      case "anyOf":
      case "oneOf":
      case "items":
        zero = emptyList(v);
        break;
      case "properties":
        zero = nested ? absent(v) : emptyMap(v);
        break;
      case "additionalProperties":
        zero = absent(v) || (nested && v === false);
        break;
      default:
        if (kind === "string") zero = absent(v) || v === "";
        else if (kind === "bool") zero = v !== true;
        else if (kind === "schemaMap" || kind === "deps") zero = emptyMap(v);
        else zero = absent(v);
    }
    if (!zero) keys.push(key);
  }
  return keys;
}
