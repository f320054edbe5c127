// What the caller plugs in (CEL compilation, the check of default values) and kube's validationOptions: the
// rules create always applies, and those update relaxes when the stored CRD already broke them.

import type { FieldError } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";

/** What compileRules is told about the schema node whose x-kubernetes-validations it compiles. */
export interface RuleCompileContext {
  /**
   * The node is the type of a whole resource (the CRD's root schema, or x-kubernetes-embedded-resource): its
   * CEL type has apiVersion, kind and metadata (metadata.name and generateName only), as kube's root type does.
   */
  isResourceRoot: boolean;
  /**
   * The path of the highest ancestor across which old and new objects cannot be correlated (a list that is not
   * x-kubernetes-list-type=map, a map of an unknown map type), when there is one. A rule using oldSelf is then
   * kube's error: Invalid at "<fieldPath>.x-kubernetes-validations[i].rule", the rule as value, detail
   * "oldSelf cannot be used on the uncorrelatable portion of the schema within <uncorrelatablePath>".
   */
  uncorrelatablePath?: string;
  /** The product of maxItems/maxProperties of the enclosing lists and maps (cost estimation); undefined: unbounded. */
  maxCardinality?: number;
  /** On update: rules and messageExpressions the stored CRD already had (compiled in the stored-expressions env). */
  preexistingRules: ReadonlySet<string>;
  preexistingMessageExpressions: ReadonlySet<string>;
  /** On update of a version whose schema is unchanged: kube skips the per-expression cost limit. */
  suppressPerExpressionCost: boolean;
}

/** What validateDefault is told about where a default value lies. */
export interface DefaultContext {
  /** The schema of the resource the default lies in: the CRD's root schema or the nearest embedded resource. */
  resourceSchema: JSONSchemaProps;
  /** The properties (a string) and array items (null) leading from resourceSchema to this node. */
  pathInResource: (string | null)[];
  /**
   * The default lies in apiVersion, kind or metadata of the resource (the root's are forbidden earlier, so: of an
   * embedded resource). kube then builds the object the default implies, the default at pathInResource with
   * apiVersion "validation/v1" and kind "Validation" where it sets none, and requires, in order: that its
   * ObjectMeta coerces and validates against resourceSchema (Invalid "<fieldPath>", the default as value,
   * "must result in valid metadata: <error>"), the default valid against the node's schema, its CEL rules passing.
   * Otherwise (no pruning check inside metadata) kube requires, in order: the default unchanged by pruning against
   * the node's schema, when requirePrunedDefaults (Invalid "<fieldPath>", the default, "must not have unknown
   * fields"); the ObjectMeta of any embedded resource in it coercing and valid; the default valid against the
   * node's schema; its CEL rules passing. The pruning error stands alone; of the other steps, kube stops at the
   * first that reports errors.
   */
  insideMeta: boolean;
  /**
   * The node is the resource itself (the root, or an embedded resource): kube prunes and checks its default as a
   * whole object, keeping apiVersion, kind and metadata (for the root it treats the schema as embedded).
   */
  nodeIsResource: boolean;
  requirePrunedDefaults: boolean;
}

export interface CRDValidationOptions {
  /**
   * Compiles the x-kubernetes-validations of one schema node (called only when the whole schema is structural,
   * its defaults valid, and the node and its descendants have no schema errors, as kube does). fieldPath is the
   * node's path, e.g. "spec.validation.openAPIV3Schema.properties[spec]"; errors are kube's, at
   * "<fieldPath>.x-kubernetes-validations[i].rule" (or .messageExpression, .optionalOldSelf).
   */
  compileRules?: (schema: JSONSchemaProps, fieldPath: string, context: RuleCompileContext) => FieldError[];
  /**
   * Checks one default value: fieldPath is the default's own path ("<node path>.default"). Called only when
   * the schema is structural; when any default is invalid, no rules are compiled.
   */
  validateDefault?: (schema: JSONSchemaProps, value: unknown, fieldPath: string, context: DefaultContext) => FieldError[];
}

/** kube's validationOptions, as far as this validation uses them. */
export interface ValidationOptions extends CRDValidationOptions {
  allowDefaults: boolean;
  requireRecognizedConversionReviewVersion: boolean;
  requireImmutableNames: boolean;
  requireOpenAPISchema: boolean;
  requireValidPropertyType: boolean;
  requireStructuralSchema: boolean;
  requirePrunedDefaults: boolean;
  requireAtomicSetType: boolean;
  requireMapListKeysMapSetValidation: boolean;
  preexistingRules: ReadonlySet<string>;
  preexistingMessageExpressions: ReadonlySet<string>;
  /** Versions whose schema an update leaves unchanged. */
  versionsWithUnchangedSchemas: ReadonlySet<string>;
  suppressPerExpressionCost: boolean;
  allowInvalidCABundle: boolean;
  /** Versions ("" for the top level) whose unchanged selectable fields may stay above the limit. */
  allowTooManySelectableFields: ReadonlySet<string>;
}

/** The options of a create. */
export function createOptions(hooks: CRDValidationOptions): ValidationOptions {
  return {
    ...hooks,
    allowDefaults: true,
    requireRecognizedConversionReviewVersion: true,
    requireImmutableNames: false,
    requireOpenAPISchema: true,
    requireValidPropertyType: true,
    requireStructuralSchema: true,
    requirePrunedDefaults: true,
    requireAtomicSetType: true,
    requireMapListKeysMapSetValidation: true,
    preexistingRules: new Set(),
    preexistingMessageExpressions: new Set(),
    versionsWithUnchangedSchemas: new Set(),
    suppressPerExpressionCost: false,
    allowInvalidCABundle: true,
    allowTooManySelectableFields: new Set(),
  };
}
