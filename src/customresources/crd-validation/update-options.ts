// kube's options for validating an update: rules the stored CRD already broke are not enforced anew ("don't
// tighten validation on existing persisted data"), names and scope freeze once the CRD is Established, and
// what CEL compilation needs to know about the stored expressions and unchanged schemas.

import { conditionTrue, type CustomResourceDefinition } from "../crd-types.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { goEqual, goSelectableFields, goValidation } from "./go-value.ts";
import { schemaForVersion, type InternalSelectableField, type InternalSpec } from "./internal-spec.ts";
import {
  allVersionsSpecifySchema,
  schemaHas,
  specHasInvalidTypes,
  specHasNonAtomicSet,
  specHasNonStructuralSchema,
  specHasSchemaWith,
} from "./schema-has.ts";
import { allowInvalidCABundle, hasAcceptedConversionReviewVersionOrEmpty } from "./validate-conversion.ts";
import { mapListKeysMapSetErrors } from "./validate-list-types.ts";
import { maxSelectableFields } from "./validate-selectable-fields.ts";
import { createOptions, type CRDValidationOptions, type ValidationOptions } from "./validation-options.ts";

const nil = { emptyAsNil: true };

function preexistingExpressions(spec: InternalSpec): { rules: Set<string>; messageExpressions: Set<string> } {
  const rules = new Set<string>();
  const messageExpressions = new Set<string>();
  const collect = (s: JSONSchemaProps) =>
    schemaHas(s, (n) => {
      for (const rule of n["x-kubernetes-validations"] ?? []) {
        rules.add(rule.rule ?? "");
        if (rule.messageExpression) messageExpressions.add(rule.messageExpression);
      }
      return false;
    });
  specHasSchemaWith(spec, collect);
  return { rules, messageExpressions };
}

function versionsWithUnchangedSchemas(spec: InternalSpec, old: InternalSpec): Set<string> {
  const unchanged = new Set<string>();
  for (const v of spec.versions ?? []) {
    const now = schemaForVersion(spec, v.name);
    const before = schemaForVersion(old, v.name);
    if (now && before && goEqual(goValidation(now.schema, nil), goValidation(before.schema, nil))) unchanged.add(v.name);
  }
  return unchanged;
}

function tooManySelectableFieldsAllowed(spec: InternalSpec, old: InternalSpec): Set<string> {
  const allowed = new Set<string>();
  const same = (a?: InternalSelectableField[], b?: InternalSelectableField[]) => goEqual(goSelectableFields(a, nil), goSelectableFields(b, nil));
  if ((old.selectableFields ?? []).length > maxSelectableFields && same(spec.selectableFields, old.selectableFields)) allowed.add("");
  for (const v of spec.versions ?? []) {
    const oldVersion = old.versions?.find((o) => o.name === v.name);
    if (oldVersion && (oldVersion.selectableFields ?? []).length > maxSelectableFields && same(v.selectableFields, oldVersion.selectableFields)) {
      allowed.add(v.name);
    }
  }
  return allowed;
}

/** The options of an update of `old` (both CRDs on the wire, their internal specs given). */
export function updateOptions(
  hooks: CRDValidationOptions,
  spec: InternalSpec,
  old: InternalSpec,
  oldCRD: CustomResourceDefinition,
): ValidationOptions {
  const established = conditionTrue(oldCRD, "Established");
  const expressions = preexistingExpressions(old);
  return {
    ...createOptions(hooks),
    requireRecognizedConversionReviewVersion: !old.conversion || hasAcceptedConversionReviewVersionOrEmpty(old.conversion.conversionReviewVersions),
    requireImmutableNames: established,
    requireOpenAPISchema: allVersionsSpecifySchema(old),
    requireValidPropertyType: !specHasInvalidTypes(old),
    requireStructuralSchema: !specHasNonStructuralSchema(old),
    // kube relaxes this when the stored CRD has defaults that pruning would change; every CRD this server
    // stored passed with it required, so it is always required here.
    requirePrunedDefaults: true,
    requireAtomicSetType: !specHasNonAtomicSet(old),
    requireMapListKeysMapSetValidation: !specHasSchemaWith(old, (s) => schemaHas(s, (n) => mapListKeysMapSetErrors(n, "").length > 0)),
    preexistingRules: expressions.rules,
    preexistingMessageExpressions: expressions.messageExpressions,
    versionsWithUnchangedSchemas: versionsWithUnchangedSchemas(spec, old),
    allowInvalidCABundle: allowInvalidCABundle(established, old.conversion),
    allowTooManySelectableFields: tooManySelectableFieldsAllowed(spec, old),
  };
}
