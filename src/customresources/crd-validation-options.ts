// What the CRD's own validation needs from the rest of the custom-resource machinery: compiling a schema node's
// CEL rules (cel/) and checking a default value against its schema (schema/). Kept apart so crd-validation/
// depends on neither.

import { fieldError, type FieldError } from "../api/field-errors.ts";
import { compileRules } from "./cel/compile-rules.ts";
import type { CRDValidationOptions } from "./crd-validation/validation-options.ts";
import type { JSONSchemaProps } from "./schema/json-schema-props.ts";
import { validateDefault } from "./schema/validate-default.ts";

/** The node with the rules of its descendants left out: the validation asks for each node's own rules. */
function ownRulesOnly(schema: JSONSchemaProps, top = true): JSONSchemaProps {
  const copy: JSONSchemaProps = { ...schema };
  if (!top) delete copy["x-kubernetes-validations"];
  if (schema.properties) copy.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, ownRulesOnly(v, false)]));
  if (schema.items && !Array.isArray(schema.items)) copy.items = ownRulesOnly(schema.items, false);
  if (typeof schema.additionalProperties === "object") copy.additionalProperties = ownRulesOnly(schema.additionalProperties, false);
  return copy;
}

export const crdValidationOptions: CRDValidationOptions = {
  compileRules(schema, fieldPath, context): FieldError[] {
    const compiled = compileRules(ownRulesOnly(schema), fieldPath);
    const errors = [...compiled.errors];
    if (context.uncorrelatablePath !== undefined) {
      compiled.root?.rules.forEach((rule, i) => {
        if (rule.usesOldSelf && !rule.error) {
          errors.push(
            fieldError.invalid(`${fieldPath}.x-kubernetes-validations[${i}].rule`, rule.rule.rule, `oldSelf cannot be used on the uncorrelatable portion of the schema within ${context.uncorrelatablePath}`),
          );
        }
      });
    }
    return errors;
  },
  validateDefault,
};
